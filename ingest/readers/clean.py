"""Text cleaning shared by every reader: normalisation, page boilerplate, credits, sign-offs, title and dateline."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime

__all__ = [
    "Head",
    "clean_text",
    "dateline_place",
    "parse_full_date",
    "parse_published",
    "split_head",
    "strip_markdown",
]

# --- character normalisation -------------------------------------------------------------------------------

_SPACES = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
_TRANSLATE = {
    **{ord(c): " " for c in _SPACES},
    **{ord(c): None for c in _INVISIBLE},
    ord("\u2028"): "\n",
    ord("\u2029"): "\n\n",
    ord("\u0085"): "\n",
    ord("\f"): "\n",  # a page break (pdftotext): no XML output can carry it (ingest.article.check_text)
    ord("\v"): "\n",
}
_NEWLINES = re.compile(r"\r\n?")
_BLANK_RUN = re.compile(r"\n{3,}")

# --- boilerplate lines -------------------------------------------------------------------------------------

_LIST_PREFIX = r"(?:\d{1,2}[.)]\s*|[-*•·]\s+)?"
_BOILERPLATE = re.compile(
    _LIST_PREFIX + r"(?:"
    r"skip (?:to|next section)\b.{0,80}"
    r"|advertisement|advertising|sponsored(?: content)?"
    r"|(?:story )?continues? (?:below|after) (?:this )?(?:advertisement|ad)"
    r"|share (?:this )?(?:article|story|page|post)?(?: on (?:facebook|twitter|x|whatsapp|linkedin|email))?"
    r"|(?:we|this (?:web)?site|our (?:web)?site) uses? cookies\b.{0,400}"
    r"|by (?:using|continuing to use|browsing) (?:this|our) (?:web)?site.{0,200}cookies.{0,200}"
    r"|(?:accept|reject|manage|allow) (?:all )?cookies.{0,60}"
    r"|cookie (?:settings|policy|preferences|consent|notice)s?.{0,60}"
    r")[.!:]?",
    re.IGNORECASE,
)
_CREDIT_WORD = r"(?:Image|Photo|Picture|Photograph|Credit|Foto)s?(?: credit)?"
_CREDIT = re.compile(
    rf"(?:^|\s+)(?:\(\s*{_CREDIT_WORD}\s*:\s*[^()\n]{{1,100}}\)|{_CREDIT_WORD}\s*:\s*[^\n]{{1,80}}?)[ \t]*$"
)
_CREDIT_END_OK = re.compile(r"[^.!?;:,]$")
_SIGN_OFF = re.compile(r"[a-z]{1,4}(?:/[a-z]{1,4}){1,3}(?:\s*\([A-Za-z][A-Za-z.,'&\- ]{0,80}\))?")


def clean_text(raw: str) -> str:
    """Normalise ``raw`` and drop page boilerplate, photo credits and the agency sign-off; keep paragraphs."""
    text = unicodedata.normalize("NFC", raw.translate(_TRANSLATE))
    text = _NEWLINES.sub("\n", text)
    lines: list[str] = []
    for line in text.split("\n"):
        line = line.rstrip()
        stripped = line.strip()
        if stripped:
            if _BOILERPLATE.fullmatch(stripped):
                continue
            line = _strip_credit(line)
            if not line.strip():
                continue
        lines.append(line)
    while lines and not lines[-1].strip():
        lines.pop()
    if lines and _SIGN_OFF.fullmatch(lines[-1].strip()):
        lines.pop()
    text = "\n".join(lines).strip("\n")
    return _BLANK_RUN.sub("\n\n", text)


#: a credit is short and ends its line: only this tail is searched (the whitespace runs the pattern starts with
#: made a search of a long line quadratic: 100,000 spaces took minutes)
_CREDIT_TAIL = 400


def _strip_credit(line: str) -> str:
    m = _CREDIT.search(line, max(0, len(line) - _CREDIT_TAIL))
    if m is None or not _CREDIT_END_OK.search(m.group(0)):
        return line
    return line[: m.start()].rstrip()


# --- markdown ----------------------------------------------------------------------------------------------

_MD_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$", re.MULTILINE)
_MD_RULE = re.compile(r"^ {0,3}(?:={3,}|-{3,}|\*{3,}|_{3,})[ \t]*$", re.MULTILINE)
# No bracket inside a link's text or URL, and bounded lengths: each '[' starts at most one short scan, so a line
# of 20,000 '[' or '[a](' is read in linear time (unbounded, it took seconds to minutes).
_MD_IMAGE = re.compile(r"!\[[^\[\]\n]{0,500}\]\([^()\n]{0,2000}\)")
_MD_LINK = re.compile(r"\[([^\[\]\n]{1,500})\]\((?:[^()\s\[\]]{1,2000})(?:\s+\"[^\"\n]{0,500}\")?\)")


def strip_markdown(text: str) -> str:
    """Drop heading markers, rules/setext underlines and images; keep link text. Emphasis stays."""
    text = _MD_IMAGE.sub("", text)
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_HEADING.sub(r"\1", text)
    return _MD_RULE.sub("", text)


# --- dates -------------------------------------------------------------------------------------------------

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_MONTHS = {
    m: i
    for i, m in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}
_WEEKDAY = r"(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|sday|nesday|rsday|urday)?\.?,?\s+)?"
_ORD = r"(?:st|nd|rd|th)?"
_DATE_MDY = re.compile(
    rf"{_WEEKDAY}(?P<mon>{_MONTH})\.?\s+(?P<day>\d{{1,2}}){_ORD},?\s+(?P<year>\d{{4}})", re.IGNORECASE
)
_DATE_DMY = re.compile(
    rf"{_WEEKDAY}(?P<day>\d{{1,2}}){_ORD}\s+(?:of\s+)?(?P<mon>{_MONTH})\.?,?\s+(?P<year>\d{{4}})",
    re.IGNORECASE,
)
_DATE_ISO = re.compile(r"(?P<year>\d{4})-(?P<mon>\d{2})-(?P<day>\d{2})")
_ISO_PREFIX = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ][0-9:.+\-Z ]*)?")


def parse_full_date(s: str) -> date | None:
    """A full calendar date written alone ("September 22, 2023", "22 Sept. 2023", "2023-09-22"), else None."""
    s = s.strip()
    for rx in (_DATE_ISO, _DATE_MDY, _DATE_DMY):
        m = rx.fullmatch(s)
        if m is None:
            continue
        mon = m["mon"]
        month = int(mon) if mon.isdigit() else _MONTHS[mon[:3].lower()]
        try:
            return date(int(m["year"]), month, int(m["day"]))
        except ValueError:
            return None
    return None


def parse_published(value: object) -> date | None:
    """A ``published`` field (date, datetime, 'YYYY-MM-DD', ISO timestamp or full date) → date; ValueError if bad."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        s = value.strip()
        if _ISO_PREFIX.fullmatch(s):
            try:
                return date.fromisoformat(s[:10])
            except ValueError as e:
                raise ValueError(f"bad published date {value!r}: {e}") from None
        else:
            parsed = parse_full_date(s)
            if parsed is not None:
                return parsed
    raise ValueError(f"bad published date {value!r}: expected YYYY-MM-DD")


# --- head of an article: title, dateline, wire dateline ----------------------------------------------------

_TITLE_MAX = 200
_HEAD_LINES = 10
_TITLE_BAD_END = re.compile(r"(?:[.:;,]|\.[\"'”’])$")
_WIRE = re.compile(
    r"(?P<place>[A-Z][A-Z'’.\-]*(?:[ /][A-Z][A-Z'’.\-]*){0,4})"
    r"(?:,\s+[A-Z][A-Za-z.]*(?:\s[A-Z][A-Za-z.]*)?)?"
    rf"(?:,\s+(?i:{_MONTH})\.?\s+\d{{1,2}}(?:\s*\([A-Za-z][\w ]{{0,20}}\))?"
    r"|\s+\([A-Za-z][\w ]{0,20}\))"
    r"\s*(?:—|–|--|-)\s"
)


@dataclass(frozen=True)
class Head:
    """What :func:`split_head` found: the title and dateline (if any) and the body without them."""

    title: str | None
    published: date | None
    body: str


def dateline_place(text: str) -> str | None:
    """The place of a wire dateline ("PARIS, Sept 18 — …") opening ``text``, else None."""
    m = _WIRE.match(text.lstrip())
    return m["place"] if m else None


def split_head(text: str, *, want_title: bool = True, want_date: bool = True) -> Head:
    """Detect and remove a title line and a date-only dateline line near the top of cleaned ``text``."""
    lines = text.split("\n")
    title: str | None = None
    published: date | None = None
    drop: set[int] = set()
    nonempty = [i for i, line in enumerate(lines) if line.strip()][:_HEAD_LINES]
    if want_date:
        for i in nonempty:
            found = parse_full_date(lines[i])
            if found is not None:
                published = found
                drop.add(i)
                break
    if want_title and nonempty:
        i = nonempty[0]
        if i not in drop and _looks_like_title(lines, i, drop):
            title = lines[i].strip()
            drop.add(i)
    if not drop:
        return Head(None, None, text)
    body = "\n".join(line for i, line in enumerate(lines) if i not in drop)
    return Head(title, published, _BLANK_RUN.sub("\n\n", body).strip("\n"))


def _looks_like_title(lines: list[str], i: int, drop: set[int]) -> bool:
    line = lines[i].strip()
    if len(line) >= _TITLE_MAX or _TITLE_BAD_END.search(line) or _WIRE.match(line):
        return False
    if i + 1 < len(lines) and lines[i + 1].strip() and (i + 1) not in drop:
        return False  # part of a longer paragraph
    return any(line.strip() for j, line in enumerate(lines) if j > i and j not in drop)
