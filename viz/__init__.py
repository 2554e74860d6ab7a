"""diplokg.viz: the interactive graph page (vis-network data built with pyvis, our own safe template).

``build_graph(network, **filters)`` gives the page's nodes and edges as plain dicts; ``render_page(data)`` the
HTML served at ``/graph``; ``write_page(store_or_network, path, **filters)`` one offline HTML file;
``dyad_trend(network, a, b)`` a dyad's events per month and QuadClass, ``write_trend(network, a, b, path)`` the
same as an SVG or PNG picture.
"""

from diplokg.viz.page import build_graph, render_page, write_page
from diplokg.viz.trend import dyad_trend, write_trend

__all__ = ["build_graph", "dyad_trend", "render_page", "write_page", "write_trend"]
