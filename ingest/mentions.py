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
from dataclasses import dataclass, field

from diplokg.graph.model import Actor
from diplokg.ingest.gazetteer import Gazetteer, Mention
from diplokg.ingest.lexicon import Grammar
from diplokg.ingest.names import organ_at, organ_ending, unknown_names

__all__ = ["DocState", "find_mentions", "group_mentions"]

PARTICLES = {"al", "bin", "bint", "ibn", "de", "del", "da", "van", "von", "der", "el", "la", "le", "abu", "-", "jr", "jr."}
PUNCT = re.compile(r"^\W+$")
STATE_OFFICES = {"head_of_state", "head_of_government", "foreign_minister", "defence_minister"}
CLAUSE_OPENERS = {"that", "who", "which", "said", "says", "told", "when", "after", "before", "because", "if"}


@dataclass
class DocState:
    """What the article has said so far: for short names, pronouns and references."""

    seen_persons: set[str] = field(default_factory=set)
    dynamic: dict[tuple[str, ...], Actor] = field(default_factory=dict)  # learned names and surnames
    history: list[tuple[int, Mention]] = field(default_factory=list)  # (sentence number, mention)
    last_pair: list[Actor] = field(default_factory=list)  # parties of the last agreement or meeting
    last_dispute: list[Actor] = field(default_factory=list)  # parties of the last conflictual event
    dispute_sentence: int = -1  # the sentence that coded it
    last_source: Actor | None = None  # who did the last coded act
    lead_source: Actor | None = None  # who did the article's first coded act ("the decision", "the move")
    text_lower: str = ""
    paragraph: int = -1
    narrative: tuple[str, str] | None = None  # the date the current paragraph last named: (value, precision)
    plural: list[tuple[int, list[Actor]]] = field(default_factory=list)  # coordinated groups, for "they"
    frequency: dict[str, int] = field(default_factory=dict)  # mentions per actor, for "the two leaders"
    sentence_no: int = 0

    def remember(self, mentions: list[Mention], lower) -> None:
        """Record a finished sentence's mentions for later references."""
        for m in mentions:
            self.history.append((self.sentence_no, m))
            if m.how not in ("pronoun", "reference") and not m.weak:
                for a in m.actors:  # by the state a person represents: "Xi" and "Beijing" are China
                    self.frequency[a.represents()] = self.frequency.get(a.represents(), 0) + 1
        for group in group_mentions([m for m in mentions if m.how != "reference"], lower):
            actors = [a for m in group for a in m.actors]
            if len(actors) >= 2:
                self.plural.append((self.sentence_no, actors))

    def recent(self, sentences_back: int = 2):
        for sno, mention in reversed(self.history):
            if self.sentence_no - sno > sentences_back:
                return
            yield mention


def _match_phrase(lower: Sequence[str], i: int, phrases) -> int:
    """Length of the longest phrase at position i, or 0."""
    return phrases.match_at(lower, i)[0]


def _capitalised(tok: str) -> bool:
    return tok[:1].isupper() and any(c.isalpha() for c in tok) and not tok.isupper() or (
        len(tok) > 1 and tok[:1].isupper() and tok[1:2] == "."
    )


def _person_name(tokens, lower, i, taken) -> int:
    """End of a run of capitalised name tokens starting at i (particles like al-, bin allowed inside)."""
    j = i
    while j < len(tokens) and j - i < 6 and j not in taken:
        if _capitalised(tokens[j]) and not PUNCT.match(tokens[j]) or lower[j] in PARTICLES and j + 1 < len(tokens) and j > i - 1 and (
            _capitalised(tokens[j + 1]) or tokens[j + 1] == "-"
        ):
            j += 1
        else:
            break
    while j > i and lower[j - 1] in PARTICLES:
        j -= 1
    return j


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")


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
        dyn = _dynamic_match(tokens, i, state)
        if dyn and (not hit or dyn[0] > hit[0]):
            raw.append((i, dyn[0], dyn[1], "dynamic"))
            i = dyn[0]
            continue
        if hit:
            end, code, how = hit
            if how == "short" and code not in state.seen_persons and code not in gaz.free_short \
                    and not organ_at(lower, end, grammar, gaz):  # "the Trump administration"
                i += 1
                continue
            if how == "short" and _inside_other_name(tokens, lower, i, end, grammar):
                i = end  # "Foreign Minister Osman Saleh" is not Ali Abdullah Saleh
                continue
            raw.append((i, end, code, how))
            names = [t for t in tokens[i:end] if _capitalised(t)]
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
    header = _dateline_end(tokens)
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
        mention = Mention(start, end, [actor], how, text=" ".join(tokens[start:end]))
        if actor.kind == "person":
            state.seen_persons.add(actor.code)
        if how in ("demonym", "name", "metonym", "organ") and actor.kind == "state" or how == "demonym":
            # "Venezuelan opposition (leader)", "Russia's opposition"
            length = _match_phrase(lower, after, opposition)
            if length and actor.kind == "state" and (after + length >= n or lower[after + length] != "to"):
                opp = _opposition_actor(actor, gaz)
                end_opp = after + length
                name_end = _person_name(tokens, lower, end_opp, taken)
                if name_end > end_opp:
                    opp_person = _learn_person(tokens[end_opp:name_end], opp.code, state)
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
                    name_end = _person_name(tokens, lower, end2, taken)
                    if name_end > end2:
                        who = _learn_person(tokens[end2:name_end], actor.represents(), state)
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
                name_end = _person_name(tokens, lower, name_start, taken)
                if name_end > name_start:
                    person = _learn_person(tokens[name_start:name_end], actor.represents(), state)
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
        mentions.append(mention)
        k += 1

    for m in mentions:
        taken.update(range(m.start, m.end))
    mentions.extend(_stateless_officials(unknown_names(tokens, lower, grammar, gaz, mentions, taken), tokens, lower,
                                         grammar, gaz, state, mentions, taken))
    mentions.extend(_article_aliases(tokens, lower, grammar, gaz, state, taken))
    mentions.extend(_bare_opposition(tokens, lower, grammar, gaz, state, mentions, taken))
    mentions.sort(key=lambda m: m.start)
    _settle(mentions, tokens, lower, grammar, gaz)
    references = _references(tokens, lower, grammar, state, mentions, taken)
    _settle(references, tokens, lower, grammar, gaz)  # "Military commanders from the two sides"
    mentions.extend(references)
    mentions.sort(key=lambda m: m.start)
    for group in group_mentions(mentions, lower):  # "X, Y and Z": all as the first stands
        for m in group[1:]:
            m.subject = group[0].subject
    return mentions


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
            or lower[j] in grammar.reporting_forms
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
            owner = lower[m.start - 2 - k] if m.start - 2 - k >= 0 else ""
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
    before = start > 1 and _capitalised(tokens[start - 1]) and not PUNCT.match(tokens[start - 1]) \
        and not _ends_with_phrase(lower, start, grammar.maps["titles"]) and lower[start - 1] not in ("the",)
    after = end < len(tokens) and _capitalised(tokens[end]) and not PUNCT.match(tokens[end])
    # "Jamil al-Saleh" is not Ali Abdullah Saleh: a particle glued by a hyphen to a capitalised given name
    particle = start > 2 and tokens[start - 1] == "-" and lower[start - 2] in PARTICLES \
        and _capitalised(tokens[start - 3]) and lower[start - 3] not in grammar.words["adverbs"] \
        and lower[start - 3] not in grammar.words["subject_openers"]
    return bool(before or after or particle)


def _article_aliases(tokens, lower, grammar: Grammar, gaz: Gazetteer, state: DocState,
                     taken: set[int]) -> list[Mention]:
    """Short names that stand for an actor only once the article has named it ("the North" after North Korea)."""
    out: list[Mention] = []
    table = grammar.maps["article_aliases"]
    i = 0
    while i < len(tokens):
        length, code = (0, None) if i in taken else table.match_at(lower, i)
        actor = gaz.actors.get(str(code)) if length else None
        if actor is None or not state.frequency.get(actor.represents()) or not tokens[i + length - 1][:1].isupper():
            i += 1
            continue
        out.append(Mention(i, i + length, [actor], "metonym", text=" ".join(tokens[i:i + length])))
        taken.update(range(i, i + length))
        i += length
    return out


def _bare_opposition(tokens, lower, grammar: Grammar, gaz: Gazetteer, state: DocState, mentions: list[Mention],
                     taken: set[int]) -> list[Mention]:
    """Protesters, the opposition, rebels with no state named before them ("opposition leaders were detained",
    "the rebels seized the town"): armed-group words stand for the armed group the article named last (it is
    the group the story is about); the others for the opposition of the state named right after them ("protesters
    in Manila", "the opposition in Venezuela"), else of the state the article is about so far (its most
    mentioned state). Without either, the words stay no actor. (The coder gives the opposition a state represses
    to that state: see ``Coder._domestic``.)"""
    out: list[Mention] = []
    phrases = grammar.phrases["opposition_words"]
    armed = grammar.words["armed_group_words"]
    i = 0
    while i < len(tokens):
        length = 0 if i in taken else _match_phrase(lower, i, phrases)
        end = i + length
        if not length or any(k in taken for k in range(i, end)) or any(m.end in (i, i - 1) for m in mentions) \
                or (end < len(tokens) and lower[end] == "to") or (lower[i:end] == ["opposition"] and lower[i - 1:i] != ["the"]):
            # not "M23 rebels", "Syria's opposition" (the name before them is the actor), "opposition to foreign
            # interference", "an opposition attempt"
            i += 1
            continue
        actor = None
        if lower[end - 1] in armed:
            actor = next((a for _, m in reversed(state.history) if m.how not in ("pronoun", "reference")
                          for a in m.actors if a.kind == "group" and not a.code.endswith("OPP")), None)
        if actor is None:
            place = next((m for m in mentions if m.start in (end + 1, end + 2) and lower[end] in ("in", "of", "from")
                          and m.actors and m.actor.kind == "state"), None)
            j = i - 1 if i and lower[i - 1] == "the" else i
            if place is None and j >= 2 and lower[j - 1] == "and":
                # "the government in Kiev and the separatist rebels": the rebels of the state coordinated with them
                place = next((m for m in mentions if m.end == j - 1 and m.actors and m.actor.kind == "state"
                              and m.how in ("organ", "metonym")), None)
            # not the backer of "Rwanda-backed rebels"
            near = {a.represents() for m in mentions if i - 4 <= m.start < i for a in m.actors}
            home = place.actor if place else _home_state(state, gaz, mentions, near)
            actor = _opposition_actor(home, gaz) if home is not None else None
        if actor is not None:
            start = i - 1 if i and lower[i - 1] == "the" else i
            out.append(Mention(start, end, [actor], "opposition", text=" ".join(tokens[start:end])))
            taken.update(range(start, end))
        i = end
    return out


DATELINE_SEPARATORS = {"—", "–", "--", ":"}
DATELINE_WORDS = re.compile(r"^(?:[A-Z][\w.'’-]*|[A-Z]{2,}|\d{1,2}|,|/|\(|\)|-)$")


def _dateline_end(tokens) -> int:
    """Where a wire dateline header ends ("GENEVA, Switzerland —", "MOSCOW, Nov 10 —", "Doha:", "SANAA, Yemen,
    March 26 (UPI) --"): the token after its dash or colon, or 0. The header is capitalised place words, an
    optional date and agency, and it starts the sentence; a capitalised word right after the separator begins the
    report."""
    for k, tok in enumerate(tokens[:12]):
        if tok in DATELINE_SEPARATORS or (tok == "-" and k + 1 < len(tokens) and tokens[k + 1] == "-"):
            sep_end = k + 2 if tok == "-" else k + 1
            head = tokens[:k]
            if not head or not tokens[0][:1].isupper() or (tok == ":" and len(head) > 3):
                return 0
            if sep_end < len(tokens) and tokens[sep_end][:1].isupper() and all(DATELINE_WORDS.match(t) for t in head):
                return sep_end
            return 0
        if not DATELINE_WORDS.match(tok):
            return 0
    return 0


def _stateless_officials(unknown: list[Mention], tokens, lower, grammar: Grammar, gaz: Gazetteer, state: DocState,
                         mentions: list[Mention], taken: set[int]) -> list[Mention]:
    """"President Santos Calderón", "Prime Minister Manasseh Sogavare" with no state named: a head of state or
    government, or a foreign or defence minister, of the state the article is about so far (its most mentioned),
    learned as a person so that later mentions and pronouns find them."""
    titles = grammar.maps["titles"]
    out: list[Mention] = []
    covered: set[int] = set()
    for i in range(len(tokens)):
        if i in taken or i in covered or (i and lower[i - 1] in ("'s", "’s")) or not _capitalised(tokens[i]):
            continue
        length, office = titles.match_at(lower, i)
        if not length or office not in STATE_OFFICES:
            continue
        end = _person_name(tokens, lower, i + length, taken)
        home = _home_state(state, gaz, mentions) if end > i + length else None
        if home is None:
            continue
        person = _learn_person(tokens[i + length:end], home.code, state)
        out.append(Mention(i, end, [person], "title", text=" ".join(tokens[i:end])))
        covered.update(range(i, end))
    return [m for m in unknown if not covered & set(range(m.start, m.end))] + out


def _home_state(state: DocState, gaz: Gazetteer, here: list[Mention], besides=frozenset()) -> Actor | None:
    """The state the article has mentioned most so far, this sentence included (persons and organs counting for
    theirs; the earlier mention wins a tie)."""
    counts = dict(state.frequency)
    for m in here:
        if not m.weak:
            for a in m.actors:
                counts[a.represents()] = counts.get(a.represents(), 0) + 1
    best = max(((n, -rank, code) for rank, (code, n) in enumerate(counts.items())
                if code not in besides and (a := gaz.actors.get(code)) is not None and a.kind == "state"),
               default=None)
    return gaz.actors[best[2]] if best else None


def _opposition_actor(state_actor: Actor, gaz: Gazetteer) -> Actor:
    code = f"{state_actor.code}OPP"
    return gaz.actors.get(code) or Actor(code, f"{state_actor.label} opposition", "group")


def _learn_person(name_tokens: Sequence[str], country: str | None, state: DocState) -> Actor:
    """A person introduced by title in this article: remembered by full name and surname for later sentences."""
    name = " ".join(name_tokens).replace(" - ", "-").replace(" -", "-").replace("- ", "-")
    code = _slug(name)
    actor = state.dynamic.get(("@", code)) or Actor(code, name, "person", country=country)
    state.dynamic[("@", code)] = actor
    state.dynamic[tuple(name_tokens)] = actor
    surname = [t for t in name_tokens if _capitalised(t)]
    if len(surname) >= 2:
        state.dynamic.setdefault((surname[-1],), actor)
    state.seen_persons.add(code)
    return actor


def _dynamic_match(tokens, i, state: DocState) -> tuple[int, str] | None:
    best = None
    for key, actor in state.dynamic.items():
        if key[0] == "@" or tokens[i] != key[0]:
            continue
        if tuple(tokens[i:i + len(key)]) == key and (best is None or i + len(key) > best[0]):
            best = (i + len(key), actor.code)
    return best


def _references(tokens, lower, grammar: Grammar, state: DocState, mentions: list[Mention], taken: set[int]):
    """Pronouns, pair references and event references, resolved to earlier actors."""
    pronouns = grammar.maps["pronouns"]
    pairs = grammar.maps["pair_references"]
    events = grammar.phrases["event_references"]
    disputes = grammar.phrases["dispute_references"]
    acts = grammar.phrases["act_references"]
    out: list[Mention] = []
    starters = _reference_starters(grammar)
    i = 0
    while i < len(tokens):
        if i in taken or (lower[i] not in starters and lower[i] not in ("which", "who")):
            i += 1
            continue
        for phrases, pair in ((events, state.last_pair), (disputes, state.last_dispute)):
            ev_len = _match_phrase(lower, i, phrases)
            if ev_len and len(pair) >= 2:
                out.append(Mention(i, i + ev_len, list(pair), "reference", text=" ".join(tokens[i:i + ev_len])))
                break
        else:
            ev_len = 0
        if ev_len:
            i += ev_len
            continue
        grp_len, size = grammar.maps["group_references"].match_at(lower, i)
        if grp_len:
            here = [[a for m in g for a in m.actors] for g in group_mentions(
                [m for m in mentions + out if m.end <= i and m.how != "reference"], lower)]
            group = next((actors for actors in reversed(here + [a for _, a in state.plural]) if len(actors) == size),
                         None)
            if group:
                out.append(Mention(i, i + grp_len, list(group), "pronoun", text=" ".join(tokens[i:i + grp_len])))
                i += grp_len
                continue
        act_len = _match_phrase(lower, i, acts)
        if act_len and state.lead_source is not None:
            # "criticised the decision": in news, the act an article is about, its lead
            out.append(Mention(i, i + act_len, [state.lead_source], "act", text=" ".join(tokens[i:i + act_len])))
            i += act_len
            continue
        matched = None
        for table, is_pair in ((pairs, True), (pronouns, False)):
            length, kind = table.match_at(lower, i)
            if length and (matched is None or length > len(matched[0])):
                matched = (tuple(lower[i:i + length]), kind, is_pair)
        if matched is None and lower[i] in ("which", "who") and i >= 2 and tokens[i - 1] == ",":
            before = [m for m in mentions + out if m.end == i - 1]
            if before:
                out.append(Mention(i, i + 1, list(before[-1].actors), "reference", text=tokens[i]))
            i += 1
            continue
        if matched is None or any(k in taken for k in range(i, i + len(matched[0]))):
            i += 1  # (not "the Republic" of "the Republic of Congo")
            continue
        phrase, kind, is_pair = matched
        earlier = [m for m in mentions + out if m.end <= i]
        if phrase in (("him",), ("them",)):
            # an object pronoun is not its own clause's subject: "Modi called Koirala and promised him help"
            subject = next((m for m in reversed(earlier) if m.subject), None)
            if subject is not None and not any(t in CLAUSE_OPENERS for t in lower[subject.end:i]):
                earlier = [m for m in earlier if m is not subject]
        actors = _resolve(kind, is_pair, earlier, state, phrase, lower)
        if actors is not None:  # (an empty list: a name the gazetteer does not know, held by the pronoun)
            possessive = lower[i] in ("his", "her", "its", "their")
            out.append(Mention(i, i + len(phrase), actors, "pronoun", possessive=possessive,
                               text=" ".join(tokens[i:i + len(phrase)])))
        i += len(phrase)
    return out


_STARTERS: dict[int, frozenset[str]] = {}


def _reference_starters(grammar: Grammar) -> frozenset[str]:
    """First words of every reference phrase: other tokens cannot start a reference."""
    key = id(grammar)
    if key not in _STARTERS:
        tables = [grammar.maps[k] for k in ("pronouns", "pair_references", "group_references")] + [
            grammar.phrases[k] for k in ("event_references", "dispute_references", "act_references")]
        _STARTERS[key] = frozenset().union(*(t.first_tokens for t in tables))
    return _STARTERS[key]


def _resolve(kind: str, is_pair: bool, earlier: list[Mention], state: DocState, phrase=(),
             lower=()) -> list[Actor] | None:
    """The actors a reference stands for: None if none; [] if it is a name the gazetteer does not know."""
    candidates = [m for m in reversed(earlier) if m.how != "reference"] + [
        m for m in state.recent() if m.how != "reference"
    ]
    if is_pair:
        # "the two met": the two this sentence just named; else "the two leaders", "both sides": the article's two
        # most mentioned (then most recent) distinct actors of that kind, other than those this sentence already
        # named ("Egypt held talks with both sides")
        named: list[Actor] = []
        for m in reversed(earlier):
            for actor in m.actors:
                if not m.weak and _fits(actor, kind) and all(actor.represents() != a.represents() for a in named):
                    named.append(actor)
        if len(named) >= 2:
            return named[:2][::-1]
        here = {a.represents() for a in named}
        order: dict[str, tuple[int, int, Actor]] = {}
        for rank, m in enumerate(candidates + [m for _, m in reversed(state.history)]):
            for actor in m.actors:
                key = actor.represents()
                if key in here or key in order or m.weak or not _fits(actor, kind):
                    continue
                order[key] = (state.frequency.get(key, 0), -rank, actor)
        best = sorted(order.values(), key=lambda t: (t[0], t[1]), reverse=True)[:2]
        return [t[2] for t in best] if len(best) == 2 else None
    if kind == "plural":
        groups = [g for g in group_mentions([m for m in earlier if m.how != "reference"], lower)
                  if sum(len(m.actors) for m in g) >= 2]
        if groups:
            return [a for m in groups[-1] for a in m.actors]
        # "The Zorblax rebels seized the town. They ...": a group the gazetteer does not know, if it is nearer
        if any(m.how == "unknown" and m.kind == "organisation" for m in earlier):
            return []
        unknown = next((sno for sno, m in reversed(state.history) if m.how == "unknown" and m.subject
                        and m.kind == "organisation" and state.sentence_no - sno <= 2), None)
        for sno, actors in reversed(state.plural):
            if state.sentence_no - sno <= 2 and (unknown is None or sno > unknown):
                return list(actors)
            break
        if unknown is not None:
            return []
    title = phrase[-1] if phrase and phrase[0] == "the" and kind == "person" else None
    # "it", "he", "they": subjects first (the centre of attention is the preferred antecedent);
    # "its", "his", "their" and the object "him" (never its own clause's subject): the nearest
    if not (phrase and phrase[-1] in ("its", "his", "her", "their", "him")):
        candidates = [m for m in candidates if m.subject] + [m for m in candidates if not m.subject]
    for m in candidates:
        if m.how == "unknown":  # "The Zorblax Front attacked ... It said": not the known actor before it
            if title is None and (kind == "person" and m.kind == "name" or kind in ("thing", "body", "group",
                                                                                      "organisation")):
                return []
            continue
        if m.weak or not m.actors:
            continue
        if title and m.actor.kind == "person":
            if title in m.text.lower() or any(title in p.office for p in m.actor.positions):
                return [m.actor]
            continue
        if kind == "person" and m.actor.kind == "person":
            return [m.actor]
        if kind == "thing" and m.actor.kind != "person" and len(m.actors) == 1:
            return [m.actor]
        if kind == "state" and m.actor.kind == "state":
            return [m.actor]
        if kind == "organisation" and m.actor.kind in ("organisation", "bloc") or kind == "group" and m.actor.kind == kind:
            return [m.actor]  # ("the bloc", "the organisation": Mercosur, the OAS)
        if kind == "body" and (m.actor.kind in ("organisation", "group", "bloc") or "led" in m.text.lower().split()):
            return [m.actor]  # ("the coalition": the Saudi-led coalition, its leader)
        if kind == "plural" and len(m.actors) >= 2:
            return list(m.actors)
    return None


def _fits(actor: Actor, kind: str) -> bool:
    """Whether an actor can be what a pair reference names: persons for "the two leaders", states (or persons
    standing for them) for "the two countries", anything for "both sides"."""
    if kind == "person":
        return actor.kind == "person"
    if kind == "state":
        return actor.kind == "state" or (actor.kind == "person" and len(actor.represents()) == 3)
    return True


def group_mentions(mentions: list[Mention], lower: Sequence[str]) -> list[list[Mention]]:
    """Coordinated mentions ("Saudi Arabia, the UAE, Bahrain and Egypt") as groups, left to right."""
    groups: list[list[Mention]] = []
    joins: list[list[str]] = []
    for m in mentions:
        if groups and not m.weak and not groups[-1][-1].weak and not groups[-1][-1].possessive \
                and m.how != "reference" and groups[-1][-1].how != "reference":
            gap = list(lower[groups[-1][-1].end:m.start])
            if gap and all(t in (",", "and", "the", "as", "well", "&", "both") for t in gap) and (
                "and" in gap or "," in gap or "&" in gap
            ):
                groups[-1].append(m)
                joins[-1].append((",and" if "," in gap else "and") if "and" in gap or "&" in gap else ",")
                continue
        groups.append([m])
        joins.append([])
    # a list joined by commas alone is an apposition ("Saudi Arabia, Iran's rival,"), not coordination
    out: list[list[Mention]] = []
    for group, how in zip(groups, joins):
        if how == [",and"]:  # two joined by ", and": clauses ("rockets at Israel, and the Israeli army struck")
            out.extend([m] for m in group)
            continue
        how = ["and" if j == ",and" else j for j in how]
        if how and "and" not in how:
            out.extend([m] for m in group)
        elif how and how[-1] != "and":  # "A and B, which" : keep the coordinated part
            last_and = max(i for i, j in enumerate(how) if j == "and")
            out.append(group[:last_and + 2])
            out.extend([m] for m in group[last_and + 2:])
        else:
            out.append(group)
    return out
