"""diplokg.viz: the interactive graph page (vis-network data built with pyvis, our own safe template).

``build_graph(network, **filters)`` gives the page's nodes and edges as plain dicts; ``render_page(data)`` the
HTML served at ``/graph``; ``write_page(store_or_network, path, **filters)`` one offline HTML file.
"""

from diplokg.viz.page import build_graph, render_page, write_page

__all__ = ["build_graph", "render_page", "write_page"]
