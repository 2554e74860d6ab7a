"""A dyad's trend: its events per month stacked by QuadClass, and their mean Goldstein value, as data and as a
picture a user keeps.

:func:`dyad_trend` counts the events between two actors (both directions) per month and QuadClass — the
numbers of ``/timeline`` split by QuadClass, which the graph page draws when a tie is clicked;
:func:`trend_svg` draws them as a standalone SVG (written here, no plotting library); :func:`write_trend`
writes ``.svg`` or ``.png`` (the SVG rendered by Chromium through Playwright, when both are installed).

>>> from diplokg.graph.network import sample_network
>>> t = dyad_trend(sample_network(), "CHN", "SYR")
>>> [(p["period"], p["events"], p["quads"]) for p in t["periods"]], t["undated"]
([('2023-09', 2, [2, 0, 0, 0])], 1)
>>> svg = trend_svg(t)
>>> svg.startswith("<svg") and svg.count("<rect class=\\"bar\\"") == 1
True
"""

from __future__ import annotations

import os
import shutil
from collections import defaultdict
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from diplokg.errors import UsageError

__all__ = ["dyad_trend", "trend_svg", "write_trend"]

#: QuadClass -> (name, colour): the page's colours
QUAD_STYLE: dict[int, tuple[str, str]] = {1: ("verbal cooperation", "#4f9d4a"), 2: ("material cooperation", "#2a78b8"),
                                          3: ("verbal conflict", "#ec8b24"), 4: ("material conflict", "#d1303c")}
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def dyad_trend(network, a: str, b: str) -> dict[str, Any]:
    """The events between ``a`` and ``b`` (either direction) per month, oldest first, as ``/timeline`` counts
    them: ``periods`` of ``{"period": "YYYY-MM", "events", "quads": [verbal coop., material coop., verbal
    conflict, material conflict], "goldstein_mean"}`` (months with events only), ``undated`` and ``coarser``
    (dated to a year only: not in any month), the ``actors`` (their nodes: a person stands for their state),
    their ``labels`` and ``events`` (all of them). ``network`` is an
    :class:`~diplokg.graph.network.EventNetwork`, per event or aggregated (then the dyad's events are read
    from its store). Raises :class:`~diplokg.errors.UnknownActor` for a code not in the network."""
    from diplokg.graph.model import quad_class

    a, b = network.node(a), network.node(b)
    buckets: dict[str, list] = defaultdict(lambda: [0, 0, 0, 0, 0.0, 0])  # 4 quads, Goldstein sum, scored
    undated = coarser = total = 0
    for d in network.dyad_events(a, b):
        total += 1
        if not d["date"]:
            undated += 1
            continue
        if len(d["date"]) < 7:
            coarser += 1
            continue
        acc = buckets[d["date"][:7]]
        acc[(d.get("quad") or quad_class(d["code"])) - 1] += 1
        if d["goldstein"] is not None:
            acc[4] += d["goldstein"]
            acc[5] += 1
    periods = [{"period": p, "events": sum(acc[:4]), "quads": acc[:4],
                "goldstein_mean": round(acc[4] / acc[5], 3) if acc[5] else None}
               for p, acc in sorted(buckets.items())]
    labels = [network.graph.nodes[x].get("label") or x for x in (a, b)]
    return {"actors": [a, b], "labels": labels, "periods": periods, "events": total, "undated": undated,
            "coarser": coarser}


def _month_index(period: str) -> int:
    return int(period[:4]) * 12 + int(period[5:7]) - 1


def _nice_top(n: int) -> tuple[int, int]:
    """An axis top at or above ``n`` and its tick step (1, 2 or 5 × 10^k), at most five steps.

    >>> _nice_top(3), _nice_top(7), _nice_top(38)
    ((3, 1), (8, 2), (40, 10))
    """
    n = max(n, 1)
    step = next(m * 10 ** k for k in range(12) for m in (1, 2, 5) if -(-n // (m * 10 ** k)) <= 5)
    return step * -(-n // step), step


def trend_svg(trend: dict[str, Any], *, width: int = 760, height: int = 340) -> str:
    """``trend`` (a :func:`dyad_trend` answer) as an SVG document: one bar per month from the first to the
    last with events, stacked by QuadClass (left axis: events), the mean Goldstein value of each month as a
    line (right axis, −10 to +10), a title, month labels and a legend. Every text is escaped."""
    left, right, top, bottom = 48, 52, 52, 64
    pw, ph = width - left - right, height - top - bottom
    periods = trend["periods"]
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" font-family="system-ui, -apple-system, Segoe UI, Roboto, sans-serif" '
           f'font-size="12" role="img">',
           f'<rect width="{width}" height="{height}" fill="#ffffff"/>']
    a, b = trend["labels"]
    title = f"{a} – {b}: events per month"
    out.append(f"<title>{escape(title)}</title>")
    out.append(f'<text x="{left}" y="22" font-size="16" font-weight="600" fill="#1d2430">{escape(title)}</text>')
    dated = sum(p["events"] for p in periods)
    note = f"{dated} event{'s' if dated != 1 else ''} dated to a month"
    left_out = [f"{n} {what}" for n, what in ((trend["coarser"], "dated to a year only"),
                                             (trend["undated"], "undated")) if n]
    if left_out:
        note += " (not shown: " + ", ".join(left_out) + ")"
    out.append(f'<text x="{left}" y="40" fill="#4a5568">{escape(note)}</text>')
    if not periods:
        out.append(f'<text x="{width / 2}" y="{top + ph / 2}" text-anchor="middle" fill="#4a5568">'
                   f'No events between them dated to a month.</text></svg>')
        return "\n".join(out) + "\n"
    first, last = _month_index(periods[0]["period"]), _month_index(periods[-1]["period"])
    n = last - first + 1
    slot = pw / n
    bar = min(48.0, max(1.0, slot * 0.8))
    ymax, step = _nice_top(max(p["events"] for p in periods))
    base = top + ph

    def y_count(c: float) -> float:
        return base - ph * c / ymax

    def y_gold(g: float) -> float:
        return top + ph * (10 - g) / 20

    # axes and grid
    for tick in range(0, ymax + 1, step):
        y = y_count(tick)
        out.append(f'<line x1="{left}" x2="{left + pw}" y1="{y:.1f}" y2="{y:.1f}" stroke="#e5e8ee"/>')
        out.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" fill="#4a5568">{tick}</text>')
    for g in (-10, -5, 0, 5, 10):
        text = f"+{g}" if g > 0 else f"\u2212{-g}" if g < 0 else "0"
        out.append(f'<text x="{left + pw + 6}" y="{y_gold(g) + 4:.1f}" fill="#6b4fa0">{text}</text>')
    out.append(f'<text transform="translate(14 {top + ph / 2}) rotate(-90)" text-anchor="middle" '
               f'fill="#4a5568">events</text>')
    out.append(f'<text transform="translate({width - 10} {top + ph / 2}) rotate(90)" text-anchor="middle" '
               f'fill="#6b4fa0">mean Goldstein</text>')
    # bars, stacked by QuadClass
    points = []
    for p in periods:
        i = _month_index(p["period"]) - first
        x = left + i * slot + (slot - bar) / 2
        label = f"{p['period']}: {p['events']} event{'s' if p['events'] != 1 else ''} (" + ", ".join(
            f"{c} {QUAD_STYLE[q + 1][0]}" for q, c in enumerate(p["quads"]) if c) + ")"
        if p["goldstein_mean"] is not None:
            label += f", mean Goldstein {p['goldstein_mean']:+.1f}"
            points.append((x + bar / 2, y_gold(p["goldstein_mean"])))
        out.append(f"<g><title>{escape(label)}</title>")
        below = 0
        for q, c in enumerate(p["quads"]):
            if not c:
                continue
            y0, y1 = y_count(below), y_count(below + c)
            out.append(f'<rect class="bar" x="{x:.2f}" y="{y1:.2f}" width="{bar:.2f}" height="{y0 - y1:.2f}" '
                       f'fill="{QUAD_STYLE[q + 1][1]}" data-period="{p["period"]}" data-quad="{q + 1}" '
                       f'data-events="{c}"/>')
            below += c
        out.append("</g>")
    out.append(f'<line x1="{left}" x2="{left + pw}" y1="{y_gold(0):.1f}" y2="{y_gold(0):.1f}" stroke="#6b4fa0" '
               f'stroke-opacity="0.5" stroke-dasharray="4 3"/>')
    if points:
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
        out.append(f'<polyline points="{path}" fill="none" stroke="#6b4fa0" stroke-width="2"/>')
        r = 3 if n <= 60 else 2
        out.extend(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r}" fill="#6b4fa0"/>' for x, y in points)
    out.append(f'<line x1="{left}" x2="{left + pw}" y1="{base}" y2="{base}" stroke="#8a94a6"/>')
    # month labels: every month when few, else each January (every few years when many)
    every = 1 if n <= 14 else 12 * max(1, -(-n // 12 // 12))
    for i in range(n):
        m = first + i
        if (n <= 14) or (m % 12 == 0 and (m // 12) % (every // 12) == 0):
            text = f"{MONTHS[m % 12]} {m // 12}" if n <= 14 else str(m // 12)
            x = left + i * slot + slot / 2 if n <= 14 else left + i * slot
            out.append(f'<text x="{x:.1f}" y="{base + 16}" text-anchor="middle" fill="#4a5568" font-size="11">'
                       f"{escape(text)}</text>")
    # legend
    x = left
    for name, colour in QUAD_STYLE.values():
        out.append(f'<rect x="{x}" y="{height - 22}" width="14" height="10" fill="{colour}"/>')
        out.append(f'<text x="{x + 18}" y="{height - 13}" fill="#1d2430">{escape(name)}</text>')
        x += 26 + 6.4 * len(name)
    out.append(f'<line x1="{x}" x2="{x + 16}" y1="{height - 17}" y2="{height - 17}" stroke="#6b4fa0" '
               f'stroke-width="2"/><text x="{x + 20}" y="{height - 13}" fill="#1d2430">mean Goldstein</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _chromium() -> str:
    for candidate in (os.environ.get("DIPLOKG_CHROMIUM"), shutil.which("chromium"), shutil.which("chromium-browser"),
                      shutil.which("google-chrome"), "/usr/bin/chromium"):
        if candidate and Path(candidate).is_file():
            return candidate
    raise UsageError("a PNG is drawn by Chromium and none was found (install chromium or set DIPLOKG_CHROMIUM); "
                     "an .svg needs nothing")


def svg_to_png(svg: str, path: str | Path, *, scale: float = 2.0) -> Path:
    """Render ``svg`` (one of ours: it loads nothing) to a PNG file with headless Chromium via Playwright."""
    try:
        from playwright.sync_api import Error as PlaywrightError
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise UsageError("a PNG is drawn by Chromium through Playwright, which is not installed "
                         "(pip install playwright); an .svg needs nothing") from None
    executable = _chromium()
    path = Path(path)
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=executable, args=[
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run"])
            try:
                page = browser.new_page(device_scale_factor=scale, java_script_enabled=False)
                page.set_content("<!doctype html><html><head><style>body{margin:0}</style></head><body>"
                                 + svg + "</body></html>")
                page.locator("svg").first.screenshot(path=str(path))
            finally:
                browser.close()
    except PlaywrightError as exc:
        raise UsageError(f"Chromium ({executable}) could not draw the PNG: {str(exc).splitlines()[0]}") from None
    return path


def write_trend(network, a: str, b: str, path: str | Path) -> tuple[Path, dict[str, Any]]:
    """Write the trend of ``a`` and ``b`` in ``network`` to ``path``: ``.svg`` (written directly) or ``.png``
    (rendered by Chromium). Returns the path and the trend (:func:`dyad_trend`)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".svg", ".png"):
        raise UsageError(f"{path}: the trend is written as .svg or .png, not {suffix or 'a file without a suffix'}")
    trend = dyad_trend(network, a, b)
    svg = trend_svg(trend)
    if suffix == ".svg":
        path.write_text(svg, encoding="utf-8")
    else:
        svg_to_png(svg, path)
    return path, trend
