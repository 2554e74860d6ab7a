"""The tense of the clause a date expression stands in, read from its verbs: which way a relative date points.

"met on Friday" is the last Friday, "will meet on Friday", "is meeting on Friday", "talks due on Friday" the next
one. The verb group nearest to the expression in its own clause decides; when the clause has none, the next
clause after a fronted expression ("On Friday, the council will vote") does; else the caller's tense
(``dates.find_dates``). ``timing.py`` reads the tense of a coded event's clause with the same rules.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["first_tense", "local_tense"]


def _words(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


_IRREGULAR_PAST = _words("""
was were had did said told met held made took gave came went left began spoke sent won lost fought struck
brought bought caught sought taught thought felt kept led meant paid put read ran saw set shut sat stood
understood wrote drove rode rose broke chose froze stole woke spoke forgot got hit hurt cut quit split spread
threw grew knew flew drew showed shown seen given taken done gone written spoken begun chosen broken frozen
stolen driven risen fallen fell sold found heard hid laid lay lent let lit sank sang slept slid sprang swore
swept swung tore wore withdrew withdrawn undertook overtook overthrew upheld withheld forbade foresaw became
been dealt meant shot bound ground wound fled""")
# Words ending in "-ed" that are not past verbs.
_NOT_PAST = _words("""
need needs indeed proceed exceed succeed embed speed bed red shed seed feed weed breed creed hundred united
unprecedented naked wicked sacred rugged ahmed mohammed muhammad mohamed hamed saeed rasheed javed hamid
ed fred ted alfred""")
_FUTURE = _words("will 'll shall wo won't would upcoming")
_FUTURE_ALWAYS = _words("due scheduled slated upcoming forthcoming")  # "due in March", "scheduled for Friday"
# "... to": "due to meet on Friday"; verbs of intent, agreement and request: "agreed to meet on Friday", "asked
# to meet Putin in Paris on Monday", "invited him to visit on Friday" (the act comes after the asking)
_FUTURE_WORDS_TO = _words("""going due set expected scheduled slated plans plan planned planning intends intend
intended aims aim is are was were hopes hope poised""")
_INTENT_TO = _words("""hoped agreed agree agrees decided decide decides promised promise promises pledged pledge
pledges vowed vow vows offered offer offers asked ask asks invited invite invites urged urge urges wants want wanted
sought seek seeks proposed propose proposes threatened threaten threatens prepared ready""")
_OBJECT_PRONOUNS = _words("him her them it us me")
_FUTURE_ADJ = _words("planned scheduled expected proposed upcoming forthcoming slated anticipated coming")
_DETERMINERS = _words("the a an its their his her our this that these those 's")
_BE_PRESENT = _words("is are am 're 's")
_BE_INF = _words("be being")
_HAVE = _words("has have 've had been")
_PRESENT_VERBS = _words("""meets holds begins starts resumes opens travels hosts arrives leaves heads returns
convenes takes visits votes meet hold begin start resume open travel host arrive leave head return convene""")
_AUX = _words("to will would shall 'll can could may might must should do does did not never also")
_RX_WORD = re.compile(r"[A-Za-z]+(?:['’][a-z]+)?|['’]ll")
_CLAUSE_CHARS = ",;:()[]\u2013\u2014\"“”"
_TENSE_REACH = 100  # characters looked at either side
_RX_CLAUSE_CUT = re.compile(r"[,;()\[\]\u2013\u2014]|:(?!\d)|--")  # not "3:45"; a quotation mark is no clause break


def _word_tense(words: list[str], i: int) -> str | None:
    """What ``words[i]`` says of its clause's tense, reading its neighbours: "future", "past", "present",
    "intent" (an infinitive after a verb of intent or request: "agreed to meet"), ``"skip"`` (part of a verb
    group whose auxiliary decides: "be held", "meeting") or None (not a verb cue)."""
    w = words[i]
    prev = words[i - 1] if i else ""
    if w in _FUTURE or w in _FUTURE_ALWAYS:
        return "future"
    if w == "to":
        if prev in _FUTURE_WORDS_TO:
            return "future"
        if prev in _INTENT_TO or (i >= 2 and words[i - 2] in _INTENT_TO and prev in _OBJECT_PRONOUNS):
            return "intent"  # "agreed to meet", "invited him to visit": after the agreeing, a weekday points on
        return None
    if w in _FUTURE_ADJ and (prev in _DETERMINERS or prev.endswith("'s")):
        return "future"  # "the planned talks on Friday"
    if w in _BE_PRESENT:
        return "present"
    if w in _BE_INF:
        return "skip"
    if w in _HAVE:
        return "past"
    if w.endswith("ing") and len(w) > 4:
        return "skip"  # "is meeting", "was meeting", "will be meeting": the auxiliary decides
    if w in _IRREGULAR_PAST or (w.endswith("ed") and len(w) > 3 and w not in _NOT_PAST):
        if prev in _BE_INF:
            return "skip"  # "will be held", "to be signed"
        if prev in _BE_PRESENT:
            return "present"  # "is scheduled for Friday"
        return "past"
    if w in _PRESENT_VERBS and prev not in _DETERMINERS and not prev.endswith("'s") and prev not in _AUX:
        if prev in ("and", "or") and not w.endswith("s"):
            return "skip"  # "would restore ties and open embassies": the first verb's auxiliary decides
        return "present"
    return None


def _clause_tense(words: list[str], backwards: bool) -> str | None:
    """The first verb cue reading backwards from the expression; read forwards (the expression comes first),
    the verb group that starts at the first cue ("is expected to", "will be held") decides as a whole."""
    if backwards:
        for i in range(len(words) - 1, -1, -1):
            t = _word_tense(words, i)
            if t is not None and t != "skip":
                return t
        return None
    for i in range(len(words)):
        if _word_tense(words, i) is None:
            continue
        j = i + 1
        while j < len(words) and j < i + 4 and _word_tense(words, j) not in (None, "intent"):
            j += 1  # "is expected to vote" is one group; "threatened | to retaliate" two: the first decides
        return _clause_tense(words[:j], backwards=True)
    return None


def _lower_words(text: str) -> list[str]:
    return [w.lower().replace("’", "'") for w in _RX_WORD.findall(text)]


def first_tense(text: str) -> str | None:
    """The tense of the first verb group of ``text`` ("France has recalled …": ``"past"``; "New Zealand is
    dispatching …": ``"present"``), or None if it has none this module knows.

    >>> first_tense("France has recalled its ambassadors."), first_tense("Iran will respond.")
    ('past', 'future')
    """
    return _clause_tense(_lower_words(text), backwards=False)


@lru_cache(maxsize=256)
def local_tense(text: str, start: int, end: int) -> str | None:
    """The tense of the clause holding ``text[start:end]``: ``"past"``, ``"present"``, ``"future"``, ``"intent"``
    (an infinitive after "agreed to", "asked to") or None.

    >>> local_tense("The council will vote on Friday.", 22, 31), local_tense("He met them on Friday.", 12, 21)
    ('future', 'past')
    >>> local_tense("On Friday, the council is expected to vote.", 0, 9)
    'future'
    """
    lo = max(0, start - _TENSE_REACH)
    cut = max((m.start() for m in _RX_CLAUSE_CUT.finditer(text, lo, start)), default=-1)
    words = _lower_words(text[cut + 1 if cut >= 0 else lo:start])
    if cut < 0 and lo > 0 and words:
        words = words[1:]  # a word cut in two
    t = _clause_tense(words, backwards=True)
    if t:
        return t
    right = text[end:min(len(text), end + _TENSE_REACH)]
    stop = min((i for i in (right.find(c) for c in _CLAUSE_CHARS if c != ",") if i >= 0), default=len(right))
    right = right[:stop]
    comma = right.find(",")
    if comma >= 0:
        if not words and not right[:comma].strip():
            nxt = right.find(",", comma + 1)
            right = right[comma + 1:nxt if nxt >= 0 else len(right)]  # fronted: "On Friday, the council will …"
        else:
            right = right[:comma]
    return _clause_tense(_lower_words(right)[:12], backwards=False)

