"""Score the coder against gold-annotated articles (the corpus schema of ``../shared/corpus/README.md``).

The matching is the one of the shared scorer: a prediction matches a gold event of the same article when its
source and target match (either way round where the gold says symmetric) and its QuadClass is accepted; an actor
matches by code or country. Pairs are made best first, one prediction per gold event; a second prediction of an
already matched event is a duplicate and counts neither for nor against precision.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from diplokg.errors import BadInput
from diplokg.graph.model import ends, plover_type
from diplokg.ingest.article import Article

__all__ = ["GoldArticle", "Score", "code_gold", "evaluate", "event_record", "load_gold", "score_article"]


@dataclass
class GoldArticle:
    article: Article
    events: list[dict]


def load_gold(paths) -> list[GoldArticle]:
    """Gold files, or folders of them (``*.json`` with ``text`` and ``events``)."""
    from diplokg.ingest.readers import clean_text

    docs = []
    for p in map(Path, paths):
        files = sorted(p.glob("*.json")) if p.is_dir() else [p]
        for f in files:
            try:
                d = json.loads(f.read_text("utf-8"))
            except (OSError, json.JSONDecodeError) as exc:
                raise BadInput(str(f), f"not a gold file: {exc}") from exc
            if "events" not in d or "text" not in d:
                continue
            published = date.fromisoformat(d["published"]) if d.get("published") else None
            article = Article(clean_text(d["text"]), id=d["id"], title=d.get("title"), published=published,
                              outlet=d.get("outlet"), url=d.get("url"), source=str(f))
            docs.append(GoldArticle(article, d["events"]))
    return docs


def _actor_ok(actor: dict, accepted) -> bool:
    return isinstance(actor, dict) and (actor.get("code") in accepted or actor.get("country") in accepted)


def _matches(pred: dict, gold: dict) -> bool:
    if int(pred["quad"]) not in gold["quad"]:
        return False
    s, t = pred["source"], pred["target"]
    if _actor_ok(s, gold["source"]) and _actor_ok(t, gold["target"]):
        return True
    return bool(gold.get("symmetric")) and _actor_ok(t, gold["source"]) and _actor_ok(s, gold["target"])


def _date_ok(pred_date, gold_date):
    if not gold_date or not pred_date:
        return None
    return str(pred_date)[: len(gold_date)] == gold_date


@dataclass
class Score:
    pred: int = 0
    correct: int = 0
    dupes: int = 0
    required: int = 0
    found: int = 0
    roots: list[bool] = field(default_factory=list)
    dates: list[bool] = field(default_factory=list)
    counts: list[bool] = field(default_factory=list)
    missed: list[dict] = field(default_factory=list)
    wrong: list[dict] = field(default_factory=list)  # predictions matching no gold event

    def add(self, other: Score) -> None:
        for name in ("pred", "correct", "dupes", "required", "found"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for name in ("roots", "dates", "counts", "missed", "wrong"):
            getattr(self, name).extend(getattr(other, name))

    @property
    def precision(self) -> float:
        scored = self.pred - self.dupes
        return self.correct / scored if scored else 0.0

    @property
    def recall(self) -> float:
        return self.found / self.required if self.required else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @staticmethod
    def _frac(xs):
        return sum(xs) / len(xs) if xs else None

    def as_dict(self) -> dict:
        return {"predictions": self.pred, "duplicates": self.dupes, "precision": round(self.precision, 3),
                "recall": round(self.recall, 3), "f1": round(self.f1, 3),
                "root_agreement": self._frac(self.roots), "date_agreement": self._frac(self.dates),
                "count_agreement": self._frac(self.counts)}


def pair_events(preds: list[dict], gold_events: list[dict]) -> tuple[dict[int, dict], set[int], set[int]]:
    """The scorer's pairing: each gold event (by index) with at most one prediction, best pairs first (root, then
    date agreement, then required events); also the indexes of the predictions used and of those matching any."""
    pairs = []
    for pi, p in enumerate(preds):
        for gi, g in enumerate(gold_events):
            if _matches(p, g):
                quality = (str(p.get("code", ""))[:2] in g["cameo_root"],
                           _date_ok(p.get("date"), g.get("date")) is not False, g["required"])
                pairs.append((quality, pi, gi))
    pairs.sort(key=lambda x: x[0], reverse=True)
    matched, used = {}, set()
    for _, pi, gi in pairs:
        if gi not in matched and pi not in used:
            matched[gi] = preds[pi]
            used.add(pi)
    return matched, used, {pi for _, pi, _ in pairs}


def score_article(preds: list[dict], gold_events: list[dict]) -> Score:
    matched, used, hit_any = pair_events(preds, gold_events)
    req = [i for i, g in enumerate(gold_events) if g["required"]]
    score = Score(pred=len(preds), correct=len(used), dupes=len(hit_any - used), required=len(req),
                  found=sum(1 for i in req if i in matched))
    score.roots = [str(matched[i].get("code", ""))[:2] in gold_events[i]["cameo_root"] for i in matched]
    score.dates = [d for d in (_date_ok(matched[i].get("date"), gold_events[i].get("date")) for i in matched)
                   if d is not None]
    score.counts = [matched[i].get("count") == gold_events[i]["count"] for i in matched if gold_events[i].get("count")]
    score.missed = [gold_events[i] for i in req if i not in matched]
    score.wrong = [p for i, p in enumerate(preds) if i not in hit_any]
    return score


def evaluate(gold: list[GoldArticle], predictions: dict[str, list[dict]]) -> tuple[Score, dict[str, Score]]:
    """Total and per-article scores of predicted event dicts (by article id) against gold articles."""
    total, per_article = Score(), {}
    for doc in gold:
        score = score_article(predictions.get(doc.article.id, []), doc.events)
        per_article[doc.article.id] = score
        total.add(score)
    return total, per_article


def _actor_record(actor) -> dict:
    country = actor.country if actor.country else (actor.code if actor.kind == "state" else None)
    return {"code": actor.code, "label": actor.label, "kind": actor.kind, "country": country}


def event_record(event, article_id: str) -> dict:
    """An in-memory event as the dict ``diplokg events --format json`` prints (without the store round trip)."""
    return {
        "article": article_id, "code": event.code, "quad": event.quad, "root": event.root,
        "plover": plover_type(event.code), "date": event.date,
        "date_precision": event.precision, "count": event.count, "modality": event.modality,
        "confidence": event.confidence, "source": _actor_record(event.source), "target": _actor_record(event.target),
        "evidence": [{"sentence": e.sentence, "start": e.start, "end": e.end} for e in event.evidence],
        "about": _actor_record(event.about) if event.about else None,
    }


def _as_stored(event):
    """The event as a store keeps it: a symmetric event's actors in code order (``graph.model.ends``)."""
    source, target = ends(event)
    return replace(event, source=source, target=target)


def code_gold(gold: list[GoldArticle], coder=None, modalities=("asserted",)) -> dict[str, list[dict]]:
    """Code every gold article in process; the predictions by article id."""
    from diplokg.ingest.coder import Coder

    coder = coder or Coder()
    out = {}
    for doc in gold:
        records = [event_record(_as_stored(e), doc.article.id) for e in coder.code(doc.article)
                   if e.modality in modalities]
        # the order `diplokg events` lists them in: the scorer's pairing breaks ties by order
        records.sort(key=lambda e: (e["date"] or "9999", e["evidence"][0]["start"] if e["evidence"] else 0,
                                    e["source"]["code"], e["code"], e["target"]["code"]))
        out[doc.article.id] = records
    return out
