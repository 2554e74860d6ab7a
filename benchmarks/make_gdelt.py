"""Write N synthetic GDELT 2.0 event rows (``*.export.CSV`` layout: 61 tab-separated columns, no header).

SYNTHETIC: there is no network here, so no real GDELT file. The rows have the real column layout and plausible
distributions: actors are the gazetteer's states (Zipf-weighted, so a few states take most events, as in news),
a third of them with a GDELT role suffix (GOV, MIL, COP, OPP, BUS, MED…), 15% of rows one-sided (no Actor2);
event codes drawn from the CAMEO codebook with GDELT-like weights (roots 01–05 common, 18–20 rare); dates
over the last N_DAYS days; Goldstein and QuadClass from the codebook; NumMentions/NumSources/NumArticles
heavy-tailed; ActionGeo a city with coordinates; SOURCEURL a made-up news URL.

    .venv/bin/python benchmarks/make_gdelt.py 1000000 -o /tmp/gdelt.export.CSV [--seed 7] [--zip]
"""

from __future__ import annotations

import argparse
import random
import sys
import zipfile
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

from diplokg.graph.model import codebook
from diplokg.ingest.gazetteer import load_gazetteer
from diplokg.ingest.imports import GDELT_COLUMNS

ROLES = ["", "", "", "GOV", "MIL", "COP", "OPP", "BUS", "MED", "LEG", "JUD", "REB", "CVL"]
ROOT_WEIGHTS = {"01": 14, "02": 5, "03": 8, "04": 22, "05": 9, "06": 3, "07": 3, "08": 3, "09": 2, "10": 3,
                "11": 7, "12": 3, "13": 3, "14": 2, "15": 1, "16": 2, "17": 5, "18": 4, "19": 4, "20": 0.3}
CITIES = [("Washington, District of Columbia, United States", "US", 38.895, -77.036, "531871"),
          ("Beijing, Beijing, China", "CH", 39.929, 116.388, "-1898541"),
          ("Moscow, Moskva, Russia", "RS", 55.752, 37.616, "-2960561"),
          ("Brussels, Bruxelles-Capitale, Belgium", "BE", 50.833, 4.333, "-1955538"),
          ("Kyiv, Kyyiv, Misto, Ukraine", "UP", 50.433, 30.517, "-1044367"),
          ("Tehran, Tehran, Iran", "IR", 35.750, 51.515, "10074674"),
          ("Damascus, Dimashq, Syria", "SY", 33.500, 36.300, "-3003275"),
          ("Riyadh, Ar Riyad, Saudi Arabia", "SA", 24.641, 46.773, "-3092186"),
          ("New Delhi, Delhi, India", "IN", 28.600, 77.200, "-2106102"),
          ("Geneva, Geneve, Switzerland", "SZ", 46.200, 6.167, "-2552035")]
N_DAYS = 3650
PROMINENT = ["USA", "CHN", "RUS", "UKR", "GBR", "ISR", "IRN", "FRA", "DEU", "IND", "TUR", "JPN", "PSE", "SAU", "PAK",
             "KOR", "PRK", "SYR", "AFG", "IRQ", "EGY", "CAN", "AUS", "BRA", "MEX", "NGA", "ZAF", "ITA", "ESP", "POL"]
OUTLETS = ["example-news.com", "daily.example.org", "wire.example.net", "times.example.co.uk", "post.example.in"]


def _states() -> list[tuple[str, str]]:
    gaz = load_gazetteer()
    return sorted((a.code, a.label.upper()) for a in gaz.actors.values() if a.kind == "state" and len(a.code) == 3)


def rows(n: int, seed: int = 7, end: date = date(2026, 11, 1)) -> Iterator[list[str]]:
    """N rows as lists of 61 strings."""
    rng = random.Random(seed)
    states = _states()
    rng.shuffle(states)
    states.sort(key=lambda s: PROMINENT.index(s[0]) if s[0] in PROMINENT else len(PROMINENT))  # the news' usual
    weights = [1 / (rank + 1) ** 1.1 for rank in range(len(states))]
    book = codebook()
    codes = [c for c in book if len(c) >= 3]
    code_weights = [ROOT_WEIGHTS[c[:2]] / (1 + len(c) - 3) for c in codes]
    for i in range(n):
        day = end - timedelta(days=int(rng.expovariate(1 / 400)) % N_DAYS)
        (c1, n1), (c2, n2) = rng.choices(states, weights, k=2)
        while c2 == c1:
            c2, n2 = rng.choices(states, weights)[0]
        r1, r2 = rng.choice(ROLES), rng.choice(ROLES)
        code = rng.choices(codes, code_weights)[0]
        concept = book[code]
        mentions = 1 + int(rng.paretovariate(1.5)) - 1 + rng.randrange(10)
        sources = max(1, mentions // rng.randint(1, 4))
        city, fips, lat, lon, feature = rng.choice(CITIES)
        row = [""] * len(GDELT_COLUMNS)
        put = dict(zip(GDELT_COLUMNS, range(len(GDELT_COLUMNS))))

        def set_(name: str, value, row=row, put=put) -> None:
            row[put[name]] = str(value)

        set_("GLOBALEVENTID", 1_000_000_000 + i)
        set_("SQLDATE", day.strftime("%Y%m%d"))
        set_("MonthYear", day.strftime("%Y%m"))
        set_("Year", day.year)
        set_("FractionDate", f"{day.year + (day.timetuple().tm_yday - 1) / 365:.4f}")
        set_("Actor1Code", c1 + r1)
        set_("Actor1Name", n1)
        set_("Actor1CountryCode", c1)
        if r1:
            set_("Actor1Type1Code", r1)
        if rng.random() > 0.15:
            set_("Actor2Code", c2 + r2)
            set_("Actor2Name", n2)
            set_("Actor2CountryCode", c2)
            if r2:
                set_("Actor2Type1Code", r2)
        set_("IsRootEvent", int(rng.random() < 0.6))
        set_("EventCode", code)
        set_("EventBaseCode", code[:3])
        set_("EventRootCode", code[:2])
        set_("QuadClass", concept.quad)
        set_("GoldsteinScale", concept.goldstein)
        set_("NumMentions", mentions)
        set_("NumSources", sources)
        set_("NumArticles", mentions)
        set_("AvgTone", f"{rng.gauss(-2, 3):.6f}")
        set_("ActionGeo_Type", 4)
        set_("ActionGeo_FullName", city)
        set_("ActionGeo_CountryCode", fips)
        set_("ActionGeo_ADM1Code", fips + "00")
        set_("ActionGeo_Lat", lat)
        set_("ActionGeo_Long", lon)
        set_("ActionGeo_FeatureID", feature)
        set_("DATEADDED", day.strftime("%Y%m%d") + f"{rng.randrange(24):02d}{rng.randrange(0, 60, 15):02d}00")
        set_("SOURCEURL", f"https://{rng.choice(OUTLETS)}/{day.year}/{day.month:02d}/story-{rng.randrange(n // 3 + 1)}")
        yield row


def write(path: Path, n: int, seed: int = 7, zipped: bool = False) -> Path:
    """Write N rows to ``path`` (tab-separated, one row per line), or into a zip holding it."""
    lines = ("\t".join(r) + "\n" for r in rows(n, seed))
    if zipped:
        target = path.with_name(path.name + ".zip")
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive, archive.open(path.name, "w") as fh:
            for line in lines:
                fh.write(line.encode())
        return target
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.writelines(lines)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("n", type=int)
    parser.add_argument("-o", "--output", type=Path, default=Path("synthetic.export.CSV"))
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--zip", action="store_true", help="write FILE.zip holding the export, as GDELT serves it")
    args = parser.parse_args()
    out = write(args.output, args.n, args.seed, args.zip)
    print(f"wrote {args.n:,} synthetic GDELT 2.0 rows to {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
