"""N-Triples terms written as text, for the bulk loader: faster than serialising rdflib or pyoxigraph terms
when an import writes millions of them.

>>> print(lit('say "hi"'), typed(4, INTEGER), iri("https://example.org/a"))
"say \\"hi\\"" "4"^^<http://www.w3.org/2001/XMLSchema#integer> <https://example.org/a>
"""

from __future__ import annotations

from rdflib import XSD

__all__ = ["ANY_URI", "DATE", "DECIMAL", "INTEGER", "iri", "lit", "typed"]

INTEGER, DECIMAL, DATE, ANY_URI = (str(XSD.integer), str(XSD.decimal), str(XSD.date), str(XSD.anyURI))


def lit(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r") + '"'


def typed(value, datatype) -> str:
    return f'"{value}"^^<{datatype}>'


def iri(value) -> str:
    return f"<{value}>"

