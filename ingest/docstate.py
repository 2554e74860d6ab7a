"""What an article has said so far (``DocState``), and the persons it introduces by title ("Foreign Minister
Denis Moncada"), remembered by full name and surname for later sentences."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from diplokg.graph.model import Actor, Event
from diplokg.ingest.gazetteer import Mention
from diplokg.ingest.names import capitalised

__all__ = ["DocState", "group_mentions", "learn_person", "slug"]


@dataclass
class DocState:
    """What the article has said so far: for short names, pronouns and references."""

    seen_persons: set[str] = field(default_factory=set)
    dynamic: dict[tuple[str, ...], Actor] = field(default_factory=dict)  # learned names and surnames
    history: list[tuple[int, Mention]] = field(default_factory=list)  # (sentence number, mention)
    last_pair: list[Actor] = field(default_factory=list)  # parties of the last agreement or meeting
    last_dispute: list[Actor] = field(default_factory=list)  # parties of the last conflictual event
    last_target: dict[str, Actor] = field(default_factory=dict)  # by CAMEO root: the last target ("followed suit")
    partners: dict[str, dict[str, Actor]] = field(default_factory=dict)  # actor -> the others it had events with
    partner_counts: dict[tuple[str, str], int] = field(default_factory=dict)
    dispute_sentence: int = -1  # the sentence that coded it
    last_source: Actor | None = None  # who did the last coded act
    last_event: Event | None = None  # the last asserted event ("took a matching step")
    lead_source: Actor | None = None  # who did the article's first coded act ("the decision", "the move")
    doers: dict[str, Actor] = field(default_factory=dict)  # by CAMEO root: who did the last act of it ("the launch")
    accusers: dict[str, Actor] = field(default_factory=dict)  # accused actor -> who last accused it (for denials)
    text_lower: str = ""
    paragraph: int = -1
    narrative: tuple[str, str] | None = None  # the date the current paragraph last named: (value, precision)
    plural: list[tuple[int, list[Actor]]] = field(default_factory=list)  # coordinated groups, for "they"
    frequency: dict[str, int] = field(default_factory=dict)  # mentions per actor, for "the two leaders"
    sentence_no: int = 0
    published: str | None = None  # the article's date (ISO): who held which office then

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

    def pair(self, source: Actor, target: Actor) -> None:
        """Count an asserted event between two actors: the article's dyads."""
        for a, b in ((source, target), (target, source)):
            self.partners.setdefault(a.represents(), {})[b.represents()] = b
            key = (a.represents(), b.represents())
            self.partner_counts[key] = self.partner_counts.get(key, 0) + 1

    def partner(self, key: str) -> Actor | None:
        """The actor the one represented by ``key`` has had most asserted events with so far (the first on a tie)."""
        partners = self.partners.get(key, {})
        if not partners:
            return None
        return partners[max(partners, key=lambda k: self.partner_counts.get((key, k), 0))]

    def recent(self, sentences_back: int = 2):
        for sno, mention in reversed(self.history):
            if self.sentence_no - sno > sentences_back:
                return
            yield mention


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")


def learn_person(name_tokens: Sequence[str], country: str | None, state: DocState) -> Actor:
    """A person introduced by title in this article: remembered by full name and surname for later sentences."""
    name = " ".join(name_tokens).replace(" - ", "-").replace(" -", "-").replace("- ", "-")
    code = slug(name)
    actor = state.dynamic.get(("@", code)) or Actor(code, name, "person", country=country)
    state.dynamic[("@", code)] = actor
    state.dynamic[tuple(name_tokens)] = actor
    surname = [t for t in name_tokens if capitalised(t)]
    if len(surname) >= 2:
        state.dynamic.setdefault((surname[-1],), actor)
    state.seen_persons.add(code)
    return actor


_FRONTING = frozenset({"in", "at", "on", "from", "during", "after", "before", "inside", "outside", "near"})


def _fronted_place(m: Mention, lower: Sequence[str]) -> bool:
    """Whether a mention is the place of a sentence-initial adjunct: "In Washington,", "On Friday in Geneva,"."""
    return m.start >= 1 and lower[m.start - 1] in ("in", "at") and lower[0] in _FRONTING and "," not in lower[:m.start]


def group_mentions(mentions: list[Mention], lower: Sequence[str]) -> list[list[Mention]]:
    """Coordinated mentions ("Saudi Arabia, the UAE, Bahrain and Egypt") as groups, left to right."""
    groups: list[list[Mention]] = []
    joins: list[list[str]] = []
    for m in mentions:
        prev = groups[-1][-1] if groups else None
        # possessives before one shared head join ("South Korea's, China's and Japan's foreign ministers")
        shared_head = prev is not None and prev.possessive and (
            m.possessive or m.how == "organ" and ("'s" in m.text.split() or "’s" in m.text.split()))
        if groups and not m.weak and not prev.weak and (not prev.possessive or shared_head) \
                and m.how != "reference" and prev.how != "reference":
            gap = [t for t in lower[groups[-1][-1].end:m.start] if not (shared_head and t in ("'s", "’s"))]
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
        if len(group) > 2 and how[0] == "," and _fronted_place(group[0], lower):
            out.append(group[:1])  # "In Washington, Rwanda and Congo signed": the place, then the subject
            group, how = group[1:], how[1:]
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
