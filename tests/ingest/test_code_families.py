"""One or more sentences per CAMEO root that must code (source, code, target), and near misses that must not.

The sentences are made up for the code family (generic wording, no corpus text). Expected codes are prefixes:
"19" accepts any code of root 19, "1711" only that code. Persons are reported as their state.
"""

from __future__ import annotations

import pytest

CODES = [
    # 01 make public statement
    ("Iran denied any involvement in the attack on Saudi Arabia.", ("IRN", "016", "SAU")),
    ("Japan expressed condolences to Turkey after the earthquake.", ("JPN", "018", "TUR")),
    ("Rwanda denied backing the M23 rebels.", ("RWA", "016", "M23")),
    # 02 appeal
    ("Germany called for the release of Iranian political prisoners.", ("DEU", "0253", "IRN")),
    ("Egypt urged Israel to show restraint.", ("EGY", "02", "ISR")),
    ("Lebanon appealed for humanitarian aid from France.", ("LBN", "0233", "FRA")),
    ("Australia said it was acting on a request from Solomon Islands.", ("SLB", "020", "AUS")),
    ("Ukraine sought support from the G7.", ("UKR", "022", "G7")),
    ("Mozambique requested military assistance from Rwanda.", ("MOZ", "0232", "RWA")),
    ("Sri Lanka requested a loan from China.", ("LKA", "0231", "CHN")),
    # 03 intent to cooperate
    ("Cuba pledged to release the American citizens.", ("CUB", "0353", "USA")),
    ("Venezuela agreed to lift the embargo on Colombia.", ("VEN", "0354", "COL")),
    ("Japan pledged $5 million in relief to Nepal.", ("JPN", "0333", "NPL")),
    ("The UAE pledged $100 million in humanitarian aid for Sudan.", ("ARE", "0333", "SDN")),
    ("The United Nations promised its full support to Colombia.", ("UN", "032", "COL")),
    ("North Korea agreed to dismantle its missile test site with the United States.", ("PRK", "035", "USA")),
    ("The Philippines sought a peaceful settlement with China.", ("PHL", "037", "CHN")),
    # 04 consult
    ("Japan's prime minister called the Turkish president to offer condolences.", ("JPN", "041", "TUR")),
    ("The Kenyan president visited Ethiopia on Monday.", ("KEN", "042", "ETH")),
    # 05 diplomatic cooperation
    ("Greece and North Macedonia put their names to an agreement on Sunday.", ("GRC", "057", "MKD")),
    ("Brazil praised Argentina for its role in the talks.", ("BRA", "051", "ARG")),
    ("Kosovo gained the support of the United States.", ("USA", "051", "XKX")),
    ("Serbia enlisted Russia's support.", ("RUS", "051", "SRB")),
    ("Japan won praise from the United States.", ("USA", "051", "JPN")),
    ("Kenya received praise from the UN.", ("UN", "051", "KEN")),
    # 06 material cooperation
    ("Chile and Peru signed a trade agreement on Monday.", ("CHL", "06", "PER")),
    ("Kenya deployed 400 police officers to Haiti on Tuesday.", ("KEN", "062", "HTI")),
    ("Rwanda sent troops to Mozambique at its request.", ("RWA", "062", "MOZ")),
    ("Australia is sending more than 100 police officers and defence force members to Fiji.", ("AUS", "062", "FJI")),
    ("Kenya deployed a contingent of 1,000 police officers to Haiti.", ("KEN", "062", "HTI")),
    ("The United States approved a $2 billion arms sale to Taiwan.", ("USA", "062", "TWN")),
    ("Russia held joint exercises with Belarus.", ("RUS", "062", "BLR")),
    ("Kenya announced the deployment of police officers to Haiti.", ("KEN", "062", "HTI")),
    ("Britain sent reinforcements to Estonia.", ("GBR", "062", "EST")),
    ("Russia deployed warships to Syria.", ("RUS", "062", "SYR")),
    ("Britain trained Ukrainian soldiers.", ("GBR", "062", "UKR")),
    ("The United States sent military advisers to Ukraine.", ("USA", "062", "UKR")),
    # 07 provide aid
    ("Norway sent humanitarian aid to Sudan.", ("NOR", "07", "SDN")),
    ("Japan flew emergency supplies to Turkey after the earthquake.", ("JPN", "073", "TUR")),
    ("India delivered 143 tons of relief goods to Nepal.", ("IND", "073", "NPL")),
    ("Japan sent a medical team to Turkey after the earthquake.", ("JPN", "073", "TUR")),
    ("India sent relief consignments and rescue teams to Nepal.", ("IND", "073", "NPL")),
    ("The United States provided $30 million to help Pakistan after the floods.", ("USA", "07", "PAK")),
    ("Canada announced a further $2 million in relief for Haiti.", ("CAN", "073", "HTI")),
    ("Japan donated $10 million to Turkey.", ("JPN", "07", "TUR")),
    ("The European Commission released 3 million euros in emergency aid for Morocco.", ("EU", "07", "MAR")),
    ("Germany gave 500 million euros in military aid to Ukraine.", ("DEU", "072", "UKR")),
    ("Ecuador granted asylum to the Swedish activist.", ("ECU", "075", "SWE")),
    ("Mexico gave asylum to Bolivia's former president.", ("MEX", "075", "BOL")),
    ("Two Japanese rescue teams were on their way to Turkey after the earthquake.", ("JPN", "073", "TUR")),
    ("Two Chinese rescue teams of 80 people were on their way to Turkey after the earthquake.", ("CHN", "073", "TUR")),
    ("British search and rescue experts reached Turkey on Tuesday after the earthquake.", ("GBR", "073", "TUR")),
    # 08 yield
    ("The United States removed Cuba from its list of state sponsors of terrorism.", ("USA", "081", "CUB")),
    ("Armenia and Azerbaijan exchanged prisoners on Monday.", ("ARM", "0841", "AZE")),
    ('Thailand and Cambodia accepted an "immediate and unconditional" ceasefire.', ("THA", "0871", "KHM")),
    ("Russia and Ukraine swapped prisoners of war on Friday.", ("RUS", "0841", "UKR")),
    ("Iran released the British sailors on Tuesday.", ("IRN", "0841", "GBR")),
    ("Syria allowed humanitarian access to Turkey's aid convoys.", ("SYR", "0863", "TUR")),
    ("Guatemala agreed to take back migrants deported from the United States.", ("GTM", "080", "USA")),
    ("Ecuador accepted two deportation flights from the United States.", ("ECU", "080", "USA")),
    # 09 investigate
    ("The Netherlands launched an investigation into Russia's role in the crash.", ("NLD", "09", "RUS")),
    ("Indonesia investigated the attack on Australia's embassy.", ("IDN", "09", "AUS")),
    ("Canada's police have been looking into India's role in the killing.", ("CAN", "09", "IND")),
    ("The FBI helped Malta with the investigation into the murder.", ("USA", "09", "MLT")),
    # 10 demand
    ("China demanded the release of Japanese nationals.", ("CHN", "1053", "JPN")),
    ("Russia demanded the withdrawal of Ukrainian troops.", ("RUS", "1056", "UKR")),
    ("The International Court of Justice instructed Myanmar to prevent genocide.", ("ICJ", "100", "MMR")),
    # 11 disapprove
    ("Poland summoned the Belarusian ambassador on Monday.", ("POL", "111", "BLR")),
    ("Lithuania summoned Russia's envoy over the border incident.", ("LTU", "111", "RUS")),
    ("Iran's chargé d'affaires was summoned to the French foreign ministry.", ("FRA", "111", "IRN")),
    ("Pakistan called in India's deputy high commissioner to lodge a protest.", ("PAK", "111", "IND")),
    ("Nigeria's foreign minister called in South Africa's envoy to Nigeria.", ("NGA", "111", "ZAF")),
    ("Papua New Guinea dismissed Australia's worries about the shooting.", ("PNG", "120", "AUS")),
    ("Venezuela refused the aid from the United States.", ("VEN", "120", "USA")),
    ("China scrapped tariffs on Australian barley.", ("CHN", "085", "AUS")),
    ("Russia sent troops into Ukraine.", ("RUS", "190", "UKR")),
    ("Obama removed a decades-old embargo on arms exports to Vietnam.", ("USA", "085", "VNM")),
    ("Australia offered support to Papua New Guinea after the shooting.", ("AUS", "030", "PNG")),
    ("New Zealand, responding to a request from the Samoan government, sent nurses.", ("WSM", "020", "NZL")),
    ("Sweden condemned Iran on Tuesday.", ("SWE", "111", "IRN")),
    ('Poland called Belarus\'s move "a stab in the back".', ("POL", "111", "BLR")),
    ("Hungary described Austria's border controls as unacceptable.", ("HUN", "111", "AUT")),
    ("Iran faced criticism from France.", ("FRA", "111", "IRN")),
    ("Mexico called Ecuador's raid a flagrant breach of international law.", ("MEX", "111", "ECU")),
    ("The United States raised objections to China's actions toward Taiwan.", ("USA", "111", "CHN")),
    ("China said Japan was meddling in China's internal affairs.", ("CHN", "112", "JPN")),
    ("Washington's decision had infringed China's territorial sovereignty.", ("CHN", "112", "USA")),
    ("Syria charged that the United States was supporting terrorists.", ("SYR", "112", "USA")),
    ("India and Pakistan traded accusations over the attack.", ("IND", "112", "PAK")),
    ("China lodged stern representations with the United States over the visit.", ("CHN", "114", "USA")),
    ("Nicaragua pointed to the OAS's repeated acts of meddling in Nicaragua's affairs.", ("NIC", "112", "OAS")),
    ('Iran called the strikes a "slap in the face" for America.', ("IRN", "111", "USA")),
    ("China rejected India's accusations that Chinese troops had crossed the border.", ("IND", "112", "CHN")),
    # 12 reject
    ("Brazil turned down the $20 million that the G7 had promised.", ("BRA", "120", "G7")),
    ("Serbia rejected Kosovo's peace plan.", ("SRB", "127", "XKX")),
    ("Israel refused to allow inspectors from Egypt.", ("ISR", "1245", "EGY")),
    ("Nauru declined to stamp entry visas in the Chinese delegates' passports.", ("NRU", "120", "CHN")),
    ("Nauru would not allow the Chinese envoy to speak.", ("NRU", "120", "CHN")),
    ("Russia refused to recognise the ICJ's ruling.", ("RUS", "120", "ICJ")),
    ("The EU does not recognise the election of Lukashenko in Belarus.", ("EU", "120", "BLR")),
    ("Turkey blocked Sweden's bid to join NATO.", ("TUR", "120", "SWE")),
    ("Colombia would not let US military aircraft land.", ("COL", "120", "USA")),
    ("Venezuela refused to let American planes land.", ("VEN", "120", "USA")),
    ("Venezuela denied landing rights to Colombian aircraft.", ("VEN", "120", "COL")),
    ("India issued a rebuttal of Chinese accusations.", ("IND", "120", "CHN")),
    # 13 threaten
    ("Turkey threatened to cut ties with the Netherlands.", ("TUR", "1313", "NLD")),
    ("North Korea threatened to attack South Korea.", ("PRK", "138", "KOR")),
    ("Iran vowed harsh retaliation against Israel.", ("IRN", "138", "ISR")),
    ("Iran vowed a crushing response to Israel.", ("IRN", "138", "ISR")),
    ("Iran warned of retaliation against the United States.", ("IRN", "138", "USA")),
    ("Iran vowed to strike back at Israel.", ("IRN", "138", "ISR")),
    ("China said it would respond resolutely to Japan's provocations.", ("CHN", "130", "JPN")),
    ("South Korea said it would respond firmly should North Korea go on raising tensions.", ("KOR", "130", "PRK")),
    ("Pakistan reserves the right to retaliate against India.", ("PAK", "138", "IND")),
    ("Iran said it reserved the right to respond to Israel's attack.", ("IRN", "138", "ISR")),
    # 14 protest
    ("Angry protesters stormed government buildings in Yerevan overnight.", ("ARMOPP", "145", "ARM")),
    ("Protesters set fire to the French embassy in Baghdad.", ("IRQOPP", "145", "FRA")),
    ("The United States answered a request from Mozambique for help.", ("MOZ", "020", "USA")),
    ("Thousands of Armenians protested against Azerbaijan's blockade on Monday.", ("ARM", "14", "AZE")),
    # (a state protesting complains officially: 114)
    ("Armenia protested against Azerbaijan's blockade on Monday.", ("ARM", "114", "AZE")),
    # 15 military posture
    ("China staged military drills around Taiwan on Monday.", ("CHN", "150", "TWN")),
    ("Russia deployed troops to the border with Ukraine.", ("RUS", "15", "UKR")),
    ("Azerbaijan moved tanks near the border with Armenia.", ("AZE", "15", "ARM")),
    ("Venezuela added troops along the border with Guyana.", ("VEN", "154", "GUY")),
    ("Russia massed more than 100,000 troops near Ukraine's border.", ("RUS", "15", "UKR")),
    ("The United States sent an aircraft carrier to the eastern Mediterranean to deter Iran.", ("USA", "150", "IRN")),
    ("Israel ordered a call-up of reservists against Hamas.", ("ISR", "154", "HAMAS")),
    ("Egypt committed warplanes to the Saudi-led coalition against the Houthis.", ("EGY", "154", "HOUTHIS")),
    ("Russia flew two bombers over Estonia.", ("RUS", "150", "EST")),
    ("The United States sent two B-52 bombers over South Korea.", ("USA", "150", "KOR")),
    ("Chinese warplanes entered Taiwan's air defence identification zone.", ("CHN", "150", "TWN")),
    ("China and Russia held joint naval exercises near Japan.", ("CHN", "150", "JPN")),
    ("Chinese bombers flew near Japan on Tuesday.", ("CHN", "150", "JPN")),
    # a missile test into the sea: a show of force, no attack on the state whose waters are named
    ("North Korea fired two missiles into the sea off Japan.", ("PRK", "150", "JPN")),
    # 16 reduce relations
    ("Washington has cut back its aid to the government of Niger.", ("USA", "162", "NER")),
    ("President Donald Trump signed an executive order imposing sanctions on Iran.", ("USA", "163", "IRN")),
    ("Niger said it was ending its military agreement with the United States.", ("NER", "160", "USA")),
    ("Pakistan said it would bring its ambassador home from India.", ("PAK", "161", "IND")),
    ("Washington ordered 15 Cuban diplomats out of the country.", ("USA", "166", "CUB")),
    ("The United States froze the funds of Myanmar's generals.", ("USA", "163", "MMR")),
    ("Pakistan said it would send India's envoy back.", ("PAK", "166", "IND")),
    ("Niger declared the French ambassador persona non grata.", ("NER", "166", "FRA")),
    ("The African Union suspended Mali's membership on Monday.", ("AU", "160", "MLI")),
    ("Algeria recalled its ambassador to Spain.", ("DZA", "161", "ESP")),
    ("India banned Chinese apps on Monday.", ("IND", "163", "CHN")),
    ("Azerbaijan closed the Lachin corridor to Armenia.", ("AZE", "163", "ARM")),
    ("Mali expelled the Danish ambassador.", ("MLI", "166", "DNK")),
    ("The Arab League kicked out Syria in 2011.", ("AL", "160", "SYR")),
    ("Russia was kicked out of the Council of Europe.", ("COE", "160", "RUS")),
    ("Russia was expelled from the Council of Europe.", ("COE", "16", "RUS")),
    ("German diplomats were expelled from Russia.", ("RUS", "166", "DEU")),
    ("China walked out of the talks with Japan.", ("CHN", "164", "JPN")),
    ("India revoked visas for Pakistani nationals.", ("IND", "163", "PAK")),
    ("Germany halted arms exports to Saudi Arabia.", ("DEU", "1622", "SAU")),
    ("Mali announced its exit from ECOWAS.", ("MLI", "160", "ECOWAS")),
    ("China imposed anti-dumping duties on Australian barley.", ("CHN", "163", "AUS")),
    ("China announced anti-dumping duties of up to 80 percent on barley imported from Australia.", ("CHN", "163", "AUS")),
    ("The United States slapped punitive tariffs on Canadian lumber.", ("USA", "163", "CAN")),
    ("Qatar called its ambassador to Iran home for consultations.", ("QAT", "161", "IRN")),
    ("Sweden summoned home its ambassador from Turkey.", ("SWE", "161", "TUR")),
    ("Peru declared Mexico's ambassador in Lima persona non grata.", ("PER", "166", "MEX")),
    # 17 coerce
    ("The United States put Cuba back on its list of state sponsors of terrorism.", ("USA", "172", "CUB")),
    ("Iran seized a British tanker in the Strait of Hormuz.", ("IRN", "1711", "GBR")),
    ("Russia seized three Ukrainian navy boats on Sunday.", ("RUS", "1711", "UKR")),
    ("Iran arrested two French nationals on Monday.", ("IRN", "173", "FRA")),
    ("China's coast guard fired water cannon at Philippine boats.", ("CHN", "17", "PHL")),
    ("Bahrain gave Qatari nationals 14 days to leave.", ("BHR", "174", "QAT")),
    ("Kuwait ordered Iranian citizens to leave the country.", ("KWT", "174", "IRN")),
    ("North Korea blew up the joint liaison office with South Korea.", ("PRK", "1712", "KOR")),
    ("North Korea demolished the inter-Korean liaison office with South Korea.", ("PRK", "1712", "KOR")),
    # 18 assault
    ("Turkey accused Syria of using civilians as human shields.", ("TUR", "11", "SYR")),
    ("Israel carried out the assassination of Iran's nuclear scientist.", ("ISR", "186", "IRN")),
    ("The Taliban took two Pakistani soldiers captive.", ("TALIBAN", "181", "PAK")),
    ("Hamas seized more than 200 Israeli hostages.", ("HAMAS", "181", "ISR")),
    # 19 fight
    ("China's navy fired on Philippine vessels near the shoal.", ("CHN", "190", "PHL")),
    ("Russia shelled Ukraine's eastern towns on Tuesday.", ("RUS", "19", "UKR")),
    ("Israel blockaded Gaza in 2007.", ("ISR", "191", "PSE")),
    ("Azerbaijan blocked a supply convoy bound for Armenia.", ("AZE", "191", "ARM")),
    ("Rwandan authorities refused entry to trucks from Uganda.", ("RWA", "191", "UGA")),
    ("The Chinese coast guard blocked Philippine vessels from reaching the reef.", ("CHN", "191", "PHL")),
    ("India and Pakistan clashed along the border.", ("IND", "19", "PAK")),
    ("Iran launched a dozen ballistic missiles at Israel on Saturday.", ("IRN", "195", "ISR")),
    ("The Houthis fired drones towards Saudi Arabia overnight.", ("HOUTHIS", "195", "SAU")),
    ("Russia annexed Crimea from Ukraine in 2014.", ("RUS", "192", "UKR")),
    ("Russian forces seized control of the airport from Ukraine.", ("RUS", "192", "UKR")),
    ("Russia seized the Crimean peninsula from Ukraine.", ("RUS", "192", "UKR")),
    ("Israel captured the Rafah crossing from Hamas.", ("ISR", "192", "HAMAS")),
    ("Iran launched upwards of a dozen ballistic missiles at Israel.", ("IRN", "195", "ISR")),
    ("Hezbollah lobbed dozens of rockets into Israel.", ("HEZBOLLAH", "195", "ISR")),
    ("Hamas mounted a surprise assault on Israel on Saturday.", ("HAMAS", "190", "ISR")),
    ("Russian troops crossed into Ukraine on Thursday.", ("RUS", "190", "UKR")),
    ("Israel launched a ground offensive in Gaza.", ("ISR", "190", "PSE")),
    ("India and Pakistan traded fire along the Line of Control.", ("IND", "193", "PAK")),
    ("Pakistan carried out air strikes inside Iran.", ("PAK", "195", "IRN")),
    ("Israel carried out airstrikes on Syria.", ("ISR", "195", "SYR")),
    ("Russian missiles slammed into Ukraine's capital overnight.", ("RUS", "195", "UKR")),
    ("Fighting broke out between Armenia and Azerbaijan on Sunday.", ("ARM", "190", "AZE")),
    ("War erupted between Ethiopia and Eritrea in 1998.", ("ETH", "190", "ERI")),
    ("Armed conflict erupted between Sudan and South Sudan.", ("SDN", "190", "SSD")),
    ("Heavy fighting has broken out between Sudan and South Sudan.", ("SDN", "190", "SSD")),
    ("Turkish F-16 jets downed a Russian Su-24 bomber on Tuesday.", ("TUR", "190", "RUS")),
    ("Egyptian jets hit militant camps in Derna, a city in eastern Libya.", ("EGY", "190", "LBY")),
    ("Turkey began its military operation in northern Syria on Wednesday.", ("TUR", "190", "SYR")),
    ("The Kurdish-led SDF said it had fought Turkish forces along the border.", ("SDF", "190", "TUR")),
    # 20 mass violence
    ("Syria used chemical weapons against Turkey's troops.", ("SYR", "2041", "TUR")),
]

NEAR_MISSES = [
    # looking into a matter with no one accused; ordering a meal out; an entry refused to a building
    "The committee is looking into the budget.",
    "The minister ordered dinner out on Monday.",
    "The museum refused entry to visitors on Monday.",
    # a domestic arrest: no foreign actor
    "Police arrested three men in Nairobi on Monday.",
    # forces and letters sent are not cooperation or aid
    "The French minister sent a letter of thanks to Italian firefighters.",
    "Turkish police detained Turkish journalists in Istanbul.",
    # a ship seized by pirates is no state's act
    "Somali pirates seized a Greek tanker off the coast.",
    "Pirates seized a Chinese fishing boat in the Gulf of Guinea.",
    # summoning courage, not an envoy
    "The French minister summoned the courage to face Germany.",
    "French lawmakers were summoned to an emergency session.",
    "The French minister called in sick before meeting Germany.",
    # refusing or dismissing what is no state's offer or worry
    "The French minister refused the offer of a drink before meeting Germany.",
    "The French minister dismissed his driver before meeting Germany.",
    "The French minister scrapped a speech on German sanctions.",
    "The French minister is trying to strike a balance with Germany.",
    # fire that is not shooting
    "A Russian cargo ship caught fire on Monday near Norway.",
    "The Indian minister came under fire at a meeting with Chinese officials.",
    "Canada fired its coach after the match with Mexico.",
    # an epithet whose target is not named in it
    'The president said what he called "provocative" drills would stop while talks with Seoul continued.',
    # seizing drugs, not property of a state
    "Colombia seized drugs bound for Spain.",
    # a team sent to a conference, in no disaster: no aid
    "Britain sent a team of scientists to the conference in Kenya.",
    # hostages taken to hospital, a prisoner's statement: no one taken hostage
    "The Kenyan army took the hostages to hospital in Somalia.",
    "Egypt took the prisoner's statement to Israel.",
    # "aid" naming flights or workers gives no aid; troops joining an operation join no body
    "Tonga said aid flights from New Zealand could start landing on Thursday.",
    "Kenya said aid workers from Britain arrived on Monday.",
    "Ghanaian troops joined by Nigerian soldiers entered Gambia.",
    # relief delivered with no destination named: no target taken from elsewhere
    "India delivered 143 tons of relief goods, tents and food included.",
    # troops withdrawn are no state leaving a body (and "withdrawal of" is no "withdrawal from")
    "The withdrawal of French troops from Mali was completed.",
    # a car slamming into an embassy: no criticism (111 "slam")
    "The car slammed into the French embassy in Kabul.",
    # support lost is not given
    "Taiwan lost the support of the Solomon Islands.",
    # backing down denied is no backing denied
    "Iran denied backing down before the United States.",
    # rebuilding trust is no reconstruction aid
    "The UAE said rebuilding trust with Qatar would take time.",
    # grain exports held hostage: a metaphor
    "Russia is holding Ukraine's grain exports hostage.",
    # an opportunity seized, a website launched, a case thrown out: no territory, missile or expulsion
    "China seized the opportunity to expand in Kenya.",
    "China launched a website for Kenyan students.",
    "The judge threw out the case against Kenya's minister.",
    "The judge threw out the Russian lawsuit.",
    # control of a company, an offensive of charm, an airliner in a state's airspace: no force
    "The government took control of the airline from its Chinese owners.",
    "Japan launched a charm offensive on China.",
    # a player taken off a team list, a site put on a heritage list: no sanctions eased or imposed
    "The coach removed the Brazilian striker from the list of players.",
    # a record hit, a deal's terms ended by their own date, an unknown place not placed: no force or rupture
    "Egypt's exports hit a record in May.",
    "Egyptian jets hit militant camps in Zorblaxville.",  # (Derna: places.csv places it in Libya)
    # a decree signed is no agreement with anyone
    "Putin signed a decree on Ukraine's grain exports.",
    # a rival downed in a match is no aircraft shot down
    "The Serbian player downed his Spanish rival in three sets.",
    "UNESCO added Syria's old city of Aleppo to its list of world heritage sites.",
    # a state called something, or called on to act: no telephone call
    "Japan called China a threat to express its anger.",
    # a rescue operation launched in a state, corruption fought: no force
    "Turkey launched a rescue operation in Syria after the earthquake.",
    "Kenya vowed to fight corruption with Uganda's help.",
    "A Russian airliner entered Turkish airspace on Monday.",
    # a team of negotiators is no relief team, even where sanctions relief is discussed
    "Iran sent a team of negotiators to Austria for talks on sanctions relief.",
    # areas along a state's border are not that state's land; an assault on democracy is no attack
    "Rebels seized areas along the Rwandan border.",
    "Germany spoke of Russia's assault on democracy.",
    # refugees crossing a border invade no one; a border fence breached is no defiance of a norm (128)
    "Syrian refugees crossed into Turkey on Monday.",
    "Hamas fighters breached the border fence with Israel.",
    # an instruction within one state is domestic
    "The Russian president instructed the Russian government to cut taxes.",
    "Biden instructed the Pentagon to prepare options on Iran.",
    # a mobilisation of funds is no call-up of forces
    "Kenya announced a mobilisation of funds to help Somalia.",
    # a trade war is no fighting; a war breaking out with one party named has no pair
    "A trade war broke out between China and the United States.",
    "War broke out in Sudan in April.",
    # a state's own nationals given days to leave another state: an evacuation, no expulsion
    "Bahrain gave its nationals 14 days to leave Qatar.",
    # citizens, not an ambassador, called home
    "France called its citizens home from Lebanon.",
    # a plane kept from landing by the weather or a pilot not allowed to land: no state refuses a state
    "The storm did not let the plane land in Colombia.",
    "The Japanese pilot was not allowed to land in Korea because of the storm.",
    # accusations with no accuser named
    "There were accusations that the vote in Kenya was rigged.",
    # a firm response to no state
    "Japan will respond strongly to the pandemic, the minister said.",
    # a firm's office demolished, an ambassador declared a winner: no state's property, no expulsion
    "Engineers demolished the old office of the Kenyan firm in Nairobi.",
    "Kenya declared its ambassador in Paris the winner of the award.",
    # rescue teams on their way home, or reaching a summit: no aid to a state
    "The Chinese rescue team on its way home from Turkey held a press conference.",
    "The Chinese rescue team reached the summit of Everest.",
    # anti-dumping duties with no goods of a state named
    "India said the anti-dumping duties would help its farmers.",
    # one's own citizens brought back from a war, migrants taken in: no deportees taken back (080)
    "The United States took back its citizens from Sudan.",
    "Germany took in migrants from Syria.",
    # an office destroyed by a fire: no state's act
    "The fire destroyed the office of Kenya's president.",
    # the right to respond to questions: no threat
    "Kenya reserves the right to respond to questions from journalists.",
]


def _matches(event, expected) -> bool:
    source, code, target = expected
    return event[0] == source and event[1].startswith(code) and event[2] == target


@pytest.mark.parametrize("text, expected", CODES, ids=[c[0][:40] for c in CODES])
def test_family_codes(code, text, expected):
    got = code(text)
    assert any(_matches(e, expected) for e in got), got


@pytest.mark.parametrize("text", NEAR_MISSES)
def test_near_miss_codes_nothing(code, text):
    assert code(text) == []


def test_every_root_is_tested():
    roots = {expected[1][:2] for _, expected in CODES}
    assert roots == {f"{n:02d}" for n in range(1, 21)}


def test_every_codebook_code_has_a_pattern():
    from diplokg.graph.model import codebook
    from diplokg.ingest.lexicon import coverage, load_lexicon

    rows = coverage(load_lexicon())
    assert all(row["codes"] == row["codebook"] for row in rows.values()), rows
    assert sum(codebook()[c].root == c for c in codebook()) == 20


def test_coming_under_attack_from_an_actor_is_its_attack_on_the_subject(code):
    assert code("Israel came under attack from Hezbollah on Monday.") == [("HEZBOLLAH", "190", "ISR", "2023-09-18", None)]
    # near miss: criticism, not fire
    assert code("Israel came under fire from critics on Monday.") == []


def test_aid_received_from_a_giver_is_the_givers(code):
    assert code("Venezuela received aid from Russia on Monday.") == [("RUS", "070", "VEN", "2023-09-18", None)]
    assert code("Pakistan secured a loan of 2 billion dollars from China on Monday.") == \
        [("CHN", "071", "PAK", "2023-09-18", None)]
    # near miss: receiving a visitor is hosting, not aid
    assert code("Morocco received the king of Spain on Monday.") == [("MAR", "043", "ESP", "2023-09-18", None)]


def test_a_pattern_ending_in_a_place_preposition_takes_its_object_there(code):
    assert code("China lashed out at the United States on Monday.") == [("CHN", "111", "USA", "2023-09-18", None)]
    # near misses: a place after another verb's "at" is still a place; "hit back at" may be words or force
    assert code("China criticised the decision at the United Nations on Monday.") == []
    assert code("China hit back at the United States on Monday.") == []


def test_an_offer_to_mediate_is_an_intent_to_mediate(code):
    assert code("Brazil offered to mediate between Russia and Ukraine.") == [
        ("BRA", "039", "RUS", "2023-09-22", None), ("BRA", "039", "UKR", "2023-09-22", None)]
    # near miss: a mediation done is 045
    assert code("Turkey mediated between Russia and Ukraine on Monday.") == [
        ("TUR", "045", "RUS", "2023-09-18", None), ("TUR", "045", "UKR", "2023-09-18", None)]


def test_weapons_sent_to_a_state_are_military_aid(code):
    assert code("Iran sent drones to Russia on Monday.") == [("IRN", "072", "RUS", "2023-09-18", None)]
    assert code("Germany will deliver air defence systems to Ukraine.") == [("DEU", "0332", "UKR", "2023-09-22", None)]
    # near miss: drones sent to attack a city are the attack, not aid to its state
    assert code("Russia sent drones to attack Kyiv on Monday.") == [("RUS", "190", "UKR", "2023-09-18", None)]
