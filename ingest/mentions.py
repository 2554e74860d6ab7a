"""Actor mentions in a sentence: gazetteer matches, titled persons, state organs, opposition, names the gazetteer
does not know, and references (pronouns, "the two leaders", "the truce") resolved against what the article
mentioned before.

State organs stand for their state: a state's name, demonym or capital with a generic organ ("the Philippine
Coast Guard", "China's navy", "Mali's military-led government", "the foreign ministry of Iran", "the government
in Niamey"), or a named organ ("Russia's FSB", "the Revolutionary Guards"). A capitalised name the gazetteer does
not know ("the Zorblax Front") is an *unknown* mention without actors: it keeps its place as subject, object or
antecedent, so the previous known actor does not take it.

The rules are general English constructions; the words they use come from ``data/grammar.yaml`` and
``data/actors/`` (organs, cues of names).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from diplokg.graph.model import Actor
from diplokg.ingest.docstate import DocState, group_mentions, learn_person
from diplokg.ingest.gazetteer import Gazetteer, Mention
from diplokg.ingest.implicit import (
    appositive_officials,
    article_aliases,
    bare_opposition,
    dateline_end,
    opposition_actor,
    stateless_officials,
    stateless_organs,
)
from diplokg.ingest.lexicon import Grammar
from diplokg.ingest.names import PARTICLES, capitalised, organ_at, organ_ending, person_name, unknown_names
from diplokg.ingest.references import _match_phrase, _references

__all__ = ["DocState", "find_mentions", "group_mentions"]

PUNCT = re.compile(r"^\W+$")
POSSESSIVES = frozenset({"its", "their", "his", "her", "'s", "’s", "our", "my"})


def find_mentions(tokens: Sequence[str], lower: Sequence[str], gaz: Gazetteer, grammar: Grammar,
                  state: DocState) -> list[Mention]:
    """All actor mentions of one sentence, left to right, references resolved."""
    n = len(tokens)
    raw: list[tuple[int, int, str, str]] = []
    i = 0
    while i < n:
        hit = gaz.longest(tokens, i)
        if hit and lower[i] == "the" and (after_the := gaz.longest(tokens, i + 1)) and after_the[0] > hit[0]:
            hit = None  # "the West Bank" is not "the West"
        if hit and lower[hit[0] - 1] in grammar.words["compass_words"] and hit[0] < n and capitalised(tokens[hit[0]]) \
                and not gaz.longest(tokens, hit[0]):
            hit = None  # "the West African state", "the South Pacific": a longer name the gazetteer does not know
        if hit and i and capitalised(tokens[i - 1]) and gaz.organ_at(lower, i - 1) >= hit[0] - i + 1:
            hit = None  # "its National Security Council": a state's organ, not the UN Security Council
        if hit and i and (lower[i - 1] in grammar.words["member_counters"] or lower[i - 1].isdigit()) \
                and _match_phrase(lower, hit[0], grammar.phrases["member_nouns"]) \
                and gaz.actors[hit[1]].kind in ("organisation", "bloc"):
            i = hit[0]  # "A NATO member state says it has shot down": one member, not NATO (and no state named)
            continue
        dyn = _dynamic_match(tokens, i, state)
        if dyn and (not hit or dyn[0] > hit[0]):
            raw.append((i, dyn[0], dyn[1], "dynamic"))
            i = dyn[0]
            continue
        if hit:
            end, code, how = hit
            if how == "short" and code not in state.seen_persons and code not in gaz.free_short \
                    and not organ_at(lower, end, grammar, gaz) \
                    and not _office_holder_named(gaz.actors[code], tokens, lower, i, end, grammar, state):
                i += 1  # ("the Trump administration": an organ; "rice", "May 5", "in May": no one)
                continue
            if how == "short" and _inside_other_name(tokens, lower, i, end, grammar):
                i = end  # "Foreign Minister Osman Saleh" is not Ali Abdullah Saleh
                continue
            if tokens[i].lower() in grammar.words["ambiguous_acronyms"] and _stray_acronym(tokens, i, end, code, gaz, state, raw):
                i = end  # "the ADF" in a story about Tonga: not the Allied Democratic Forces of Congo and Uganda
                continue
            raw.append((i, end, code, how))
            names = [t for t in tokens[i:end] if capitalised(t)]
            if how == "person" and len(names) >= 2:
                # "Bruno Rodríguez ... Rodríguez repeated": the surname, in this article, is the person
                person = state.dynamic.setdefault(("@", code), gaz.actors[code])
                state.dynamic.setdefault((names[-1],), person)
            elif how == "name" and len(names) >= 2 and gaz.actors[code].kind in ("organisation", "bloc"):
                # "the Council of Europe ... the Council recalled": the head noun, in this article, is the body
                head = next((t for t in names if t.lower() in grammar.words["body_heads"]), None)
                if head is not None:
                    body = state.dynamic.setdefault(("@", code), gaz.actors[code])
                    state.dynamic.setdefault((head,), body)
            i = end
        else:
            i += 1

    mentions: list[Mention] = []
    header = dateline_end(tokens)
    if header:  # "GENEVA, Switzerland —", "Doha:", "KYIV/MOSCOW --": where the report was filed, not an actor;
        # it still tells which state the story is about
        for start, _end, code, how in raw:
            if start < header and how != "dynamic":
                key = gaz.actors[code].represents()
                state.frequency[key] = state.frequency.get(key, 0) + 1
        raw = [r for r in raw if r[0] >= header]
    taken: set[int] = set(range(header))
    for start, end, _code, _how in raw:
        taken.update(range(start, end))
    titles = grammar.maps["titles"]
    opposition = grammar.phrases["opposition_words"]
    place_named = grammar.phrases["place_named_nouns"]
    k = 0
    while k < len(raw):
        start, end, code, how = raw[k]
        if mentions and start < mentions[-1].end:  # inside the organ or title just found ("Iran's IRGC")
            k += 1
            continue
        actor = state.dynamic.get(("@", code)) if how == "dynamic" else gaz.actors[code]
        if how == "dynamic":
            how = "person" if actor.kind == "person" else "short"  # (a body by its head noun: "the Council")
        possessive = end < n and lower[end] in ("'s", "’s", "'")
        after = end + 1 if possessive else end
        nxt = raw[k + 1] if k + 1 < len(raw) else None
        if actor.kind == "state" and how in ("name", "demonym", "metonym") and nxt and nxt[0] == after \
                and nxt[3] == "metonym" and nxt[2] == code:
            # "Russia's FSB", "Iranian Revolutionary Guards", "the US State Department": one organ of the state
            raw[k + 1] = (start, nxt[1], code, "organ")
            k += 1
            continue
        if how == "metonym" and not possessive and _match_phrase(lower, end, place_named):
            k += 1  # "an earlier Minsk accord", "the Doha talks": the place the accord is named after, not a party
            continue
        if start >= 2 and lower[start - 1] in ("-", "–") and lower[start - 2] in grammar.words["stance_prefixes"]:
            taken.difference_update(range(start, end))
            k += 1  # "pro-Russian separatists", "anti-Western": a stance, not the state's own people
            continue
        if how in ("name", "demonym") and actor.kind == "state" and (
                start >= 1 and lower[start - 1] in grammar.words["company_prefixes"] and capitalised(tokens[start - 1])
                or end < n and lower[end] in grammar.words["company_suffixes"] and capitalised(tokens[end])):
            k += 1  # "Air France", "Qatar Airways": a company, not the state
            continue
        if how == "name" and actor.kind == "state" and start >= 1 and capitalised(tokens[start - 1]) \
                and lower[start - 1] in grammar.words["region_prefixes"]:
            k += 1  # "Latin America", "Northern Ireland": a region, not the state
            continue
        if how in ("demonym", "organ") and start >= 1 and \
                grammar.maps["epithet_regions"].match_at(lower, start - 1)[0] == 2:
            taken.difference_update(range(start, end))
            k += 1  # "the South American leader", "Latin American states": a region's, not the United States'
            continue
        mention = Mention(start, end, [actor], how, text=" ".join(tokens[start:end]))
        if actor.kind == "person":
            state.seen_persons.add(actor.code)
        if how in ("demonym", "name", "metonym", "organ") and actor.kind == "state" or how == "demonym":
            # "Venezuelan opposition (leader)", "Russia's opposition"
            length = _match_phrase(lower, after, opposition)
            if length and actor.kind == "state" and (after + length >= n or lower[after + length] != "to"):
                opp = opposition_actor(actor, gaz)
                end_opp = after + length
                name_end = person_name(tokens, lower, end_opp, taken)
                if name_end > end_opp:
                    opp_person = learn_person(tokens[end_opp:name_end], opp.code, state)
                    mentions.append(Mention(start, name_end, [opp_person], "title", text=" ".join(tokens[start:name_end])))
                    taken.update(range(start, name_end))
                else:
                    mentions.append(Mention(start, end_opp, [opp], "organ", text=" ".join(tokens[start:end_opp])))
                    taken.update(range(start, end_opp))
                k += 1
                continue
            # "China's UN ambassador (Zhang Jun)": the state's own official at a body
            nxt = raw[k + 1] if k + 1 < len(raw) else None
            body = gaz.actors.get(nxt[2]) if nxt and possessive and nxt[0] == after and nxt[3] == "name" else None
            if body is not None and body.kind == "organisation" and actor.kind == "state":
                o_len = organ_at(lower, nxt[1], grammar, gaz) or _match_phrase(lower, nxt[1], titles)
                if o_len:
                    end2 = nxt[1] + o_len
                    name_end = person_name(tokens, lower, end2, taken)
                    if name_end > end2:
                        who = learn_person(tokens[end2:name_end], actor.represents(), state)
                        mentions.append(Mention(start, name_end, [who], "title", text=" ".join(tokens[start:name_end])))
                    else:
                        mentions.append(Mention(start, end2, [actor], "organ", text=" ".join(tokens[start:end2])))
                    taken.update(range(start, max(end2, name_end)))
                    k += 2
                    continue
            # "[Chinese] President Xi Jinping", "his Venezuelan counterpart Carlos Faría"
            t_len = _match_phrase(lower, after, titles)
            if t_len and actor.kind == "state":
                name_start = after + t_len
                nxt = raw[k + 1] if k + 1 < len(raw) else None
                if nxt and nxt[0] == name_start and (
                    nxt[3] in ("person", "short", "dynamic")
                ):
                    # the title belongs to a known person: one mention of the person
                    p_start, p_end, p_code, p_how = nxt
                    person = state.dynamic.get(("@", p_code)) if p_how == "dynamic" else gaz.actors[p_code]
                    state.seen_persons.add(person.code)
                    mentions.append(Mention(start, p_end, [person], "person", text=" ".join(tokens[start:p_end])))
                    k += 2
                    continue
                name_end = person_name(tokens, lower, name_start, taken)
                if name_end > name_start:
                    person = learn_person(tokens[name_start:name_end], actor.represents(), state)
                    mentions.append(Mention(start, name_end, [person], "title", text=" ".join(tokens[start:name_end])))
                    taken.update(range(start, name_end))
                    k += 1
                    continue
            # "Syrian forces", "Russia's foreign ministry", "the Philippine Coast Guard", "Mali's military-led
            # government"
            o_len = organ_at(lower, after, grammar, gaz)
            if o_len:
                mentions.append(Mention(start, after + o_len, [actor], "organ",
                                        text=" ".join(tokens[start:after + o_len])))
                taken.update(range(start, after + o_len))
                k += 1
                continue
        if how == "demonym":
            mention.weak = True
        mention.possessive = possessive
        if possessive and actor.kind == "state" and after < n and lower[after] in grammar.words["place_nouns"]:
            mention.weak = True  # "the streets of Nepal's capital": where, not who
        mentions.append(mention)
        k += 1

    for m, nxt in zip(mentions, mentions[1:]):
        if m.how == "demonym" and m.weak and nxt.how == "organ" and lower[m.end:nxt.start] in (["and"], ["or"]):
            m.weak, m.how = False, "organ"  # "Russian and Ukrainian authorities": each state's organ
    weapons = grammar.words["weapon_heads"]
    for m in mentions:
        if m.how == "demonym" and m.weak and not m.possessive:
            # "a Thai F-16 fighter bombed", "an Iranian surface-to-air missile had brought down": the weapon's
            # state (the demonym alone: the weapon noun may open a pattern of its own)
            j = m.end
            while j < min(n, m.end + 6) and lower[j] not in weapons and (lower[j] == "-" or lower[j].replace("-", "").isalnum()) \
                    and not any(o.start == j for o in mentions):
                j += 1
            if j < n and lower[j] in weapons and (j + 1 >= n or lower[j + 1] not in ("of", "from")):
                m.weak, m.how = False, "organ"
    for m in mentions:
        j = m.start - 1
        while j >= 0 and lower[j] in grammar.words["determiners"]:
            j -= 1
        if j >= 1 and lower[j] == "of" and lower[j - 1] in ("member", "members") and "," in lower[max(0, j - 6):j]:
            m.weak = True  # "..., the other four permanent members of the UN Security Council,": what they are
    for m in mentions:
        taken.update(range(m.start, m.end))
    mentions.extend(stateless_officials(unknown_names(tokens, lower, grammar, gaz, mentions, taken), tokens, lower,
                                         grammar, gaz, state, mentions, taken))
    mentions.extend(article_aliases(tokens, lower, grammar, gaz, state, taken))
    mentions.extend(appositive_officials(tokens, lower, grammar, state, mentions, taken))
    mentions.extend(bare_opposition(tokens, lower, grammar, gaz, state, mentions, taken))
    mentions.sort(key=lambda m: m.start)
    _settle(mentions, tokens, lower, grammar, gaz)
    references = _references(tokens, lower, grammar, state, mentions, taken)
    _settle(references, tokens, lower, grammar, gaz)  # "Military commanders from the two sides"
    mentions.extend(references)
    taken.update(i for m in references for i in range(m.start, m.end))
    mentions.sort(key=lambda m: m.start)
    organs = stateless_organs(tokens, lower, grammar, gaz, state, mentions, taken)  # (after "he": his state's)
    _settle(organs, tokens, lower, grammar, gaz)
    _speaker_pronouns(references, organs, lower, grammar)
    mentions.extend(organs)
    mentions.sort(key=lambda m: m.start)
    for group in group_mentions(mentions, lower):  # "X, Y and Z": all as the first stands
        for m in group[1:]:
            m.subject = group[0].subject
    return mentions


def _speaker_pronouns(references: list[Mention], organs: list[Mention], lower, grammar: Grammar) -> None:
    """"it" or "they" right after a reporting verb whose subject is an organ of no state named ("the government said
    it had decided to pull out"): the organ's state, found only once the pronoun was resolved."""
    for m in references:
        if m.how != "pronoun" or lower[m.start] not in ("it", "they") or m.start < 2:
            continue
        verb = m.start - 1 - (lower[m.start - 1] == "that")
        if verb < 1 or lower[verb] not in grammar.reporting_forms:
            continue
        speaker = next((o for o in organs if o.end == verb), None)
        if speaker is not None:
            m.actors = list(speaker.actors)


def _stray_acronym(tokens, i: int, end: int, code: str, gaz: Gazetteer, state: DocState, raw) -> bool:
    """An ambiguous bare acronym of a group ("ADF", "SAF": grammar ``ambiguous_acronyms``) in an article that has
    named none of the states it operates in (``operates_in`` of bodies.csv) so far, this sentence included: another
    body's acronym, not the group."""
    where = gaz.operates_in.get(code)
    if not where or end - i != 1 or not tokens[i].isupper() or len(tokens[i]) > 5:
        return False
    here = {gaz.actors[c].represents() for _, _, c, _ in raw if c in gaz.actors}
    return not any(state.frequency.get(w) or w in here for w in where)


def _ends_with_phrase(lower, end: int, phrases) -> int:
    """Length of the longest phrase ending just before ``end``, or 0."""
    return phrases.match_ending(lower, end)[0]


def _settle(mentions: list[Mention], tokens, lower, grammar: Grammar, gaz: Gazetteer) -> None:
    """Titles and "the leaders of" join the mention; then subject position and compound modifiers."""
    _extend_left(mentions, tokens, lower, grammar, gaz)
    for m in mentions:
        j = m.start - 1
        while j >= 0 and lower[j] in grammar.words["determiners"]:
            j -= 1
        m.subject = j < 0 or PUNCT.match(lower[j]) is not None or lower[j] in grammar.words["subject_openers"] \
            or lower[j] in grammar.reporting_forms \
            or all(t in grammar.words["date_phrase_words"] or t.isdigit() for t in lower[:j + 1])  # "On Monday X"
        if m.end + 1 < len(tokens) and tokens[m.end] in ("-", "–") and m.how != "person":
            organ = organ_at(lower, m.end + 2, grammar, gaz) if lower[m.end + 1] == "led" else 0
            if organ:  # "US-led forces", "the Saudi-led coalition": the leader stands for them
                m.end = m.end + 2 + organ
                m.weak, m.how = False, "organ"
                m.text = " ".join(tokens[m.start:m.end])
            else:
                m.weak = m.compound = True  # "US-brokered", "Algeria-backed": a modifier, not a participant


def _extend_left(mentions: list[Mention], tokens, lower, grammar: Grammar, gaz: Gazetteer) -> None:
    """Titles before a person ("Foreign Minister Le Drian", "then-President Duque") and "the government of X",
    "the leaders of X, Y and Z", "the authorities in Kabul" belong to the mention, so what precedes them decides
    subject position."""
    titles = grammar.maps["titles"]
    starts = {m.start for m in mentions}
    for m in mentions:
        if m.actors and m.actor.kind == "person":
            while True:
                k = _ends_with_phrase(lower, m.start, titles)
                if not k:
                    break
                m.start -= k
                while m.start > 0 and lower[m.start - 1] in ("-", "former", "then", "acting", "us", "u.s."):
                    m.start -= 1
        if m.start >= 2 and lower[m.start - 1] == "in" and m.actors and m.actor.kind == "state":
            # "the government in Niamey", "the military-led authorities in Mali" (not "troops in Mali": whose?)
            k = gaz.organ_ending(lower, m.start - 1, place=True)
            o_start = m.start - 1 - k
            before = lower[o_start - 1] if o_start >= 1 else ""
            owned = before in ("its", "their", "his", "her", "'s", "’s") or any(
                o is not m and o.start < m.start - 1 and o.end >= o_start for o in mentions)
            if k and not owned:
                m.start = o_start - 1 if before == "the" else o_start
                m.how, m.text = "organ", " ".join(tokens[m.start:m.end])
                continue
        if m.start >= 2 and lower[m.start - 1] in ("of", "from"):
            k = organ_ending(lower, m.start - 1, grammar, gaz)
            o = m.start - 2 - k
            while o > 0 and o > m.start - 5 - k and lower[o].isalpha() and lower[o] not in POSSESSIVES:
                o -= 1  # ("its new ambassador from Tehran", "their own envoys of ...": past the modifiers)
            owner = lower[o] if o >= 0 else ""
            # not "its ambassadors from Poland": those are someone else's organs, posted there
            # nor "Chinese envoys of Kenya": an organ inside another mention is that mention's
            covered = any(o is not m and o.start < m.start - 1 and o.end > m.start - 1 - k for o in mentions)
            if k and (m.start - 1 - k) not in starts and not covered \
                    and owner not in ("its", "their", "his", "her", "'s", "’s"):
                m.start = m.start - 1 - k
                if m.start > 0 and lower[m.start - 1] == "the":
                    m.start -= 1


def _inside_other_name(tokens, lower, start: int, end: int, grammar: Grammar) -> bool:
    """A short name glued to other capitalised words belongs to another person's name."""
    before = start > 1 and capitalised(tokens[start - 1]) and not PUNCT.match(tokens[start - 1]) \
        and not _ends_with_phrase(lower, start, grammar.maps["titles"]) and lower[start - 1] not in ("the",)
    after = end < len(tokens) and capitalised(tokens[end]) and not PUNCT.match(tokens[end])
    # "Jamil al-Saleh" is not Ali Abdullah Saleh: a particle glued by a hyphen to a capitalised given name
    particle = start > 2 and tokens[start - 1] == "-" and lower[start - 2] in PARTICLES \
        and capitalised(tokens[start - 3]) and lower[start - 3] not in grammar.words["adverbs"] \
        and lower[start - 3] not in grammar.words["subject_openers"]
    return bool(before or after or particle)


def _office_holder_named(person: Actor, tokens, lower, i: int, end: int, grammar: Grammar, state: DocState) -> bool:
    """Whether a short name that is also an English word ("Trump", "May") names the person before the full name
    has come: the person held an office on the article's day, and the word is no date ("May 5", "in May")."""
    if not state.published or not any(p.valid_on(state.published) and p.start for p in person.positions):
        return False
    if end < len(tokens) and tokens[end][:1].isdigit():
        return False
    return not (i > 0 and lower[i - 1] in grammar.words["prepositions"])


def _dynamic_match(tokens, i, state: DocState) -> tuple[int, str] | None:
    best = None
    for key, actor in state.dynamic.items():
        if key[0] == "@" or tokens[i] != key[0]:
            continue
        if tuple(tokens[i:i + len(key)]) == key and (best is None or i + len(key) > best[0]):
            best = (i + len(key), actor.code)
    return best
