"""The gate every query passes before an engine sees it: the query is parsed by a SPARQL 1.1 grammar
and refused when its parse tree reaches outside the store.

    check(text)         -> None, or QueryError
    check_update(text)  -> None, or QueryError (for an update of an in-memory copy: no LOAD, no SERVICE)

Refused: what does not parse as a SPARQL query (an update, ``LOAD``, a syntax the grammar does not
know), ``SERVICE`` anywhere in the query (engines send those requests from code no hook sees), and
``FROM`` / ``FROM NAMED`` (a dataset other than the store's). The decision is taken on the parse
tree, never on the text: a keyword inside a string, an IRI or a comment is only text, and ``<`` and
``>`` between numbers are operators, not the ends of an IRI.
"""
from __future__ import annotations

from functools import lru_cache

from .errors import QueryError

_MAX_DEPTH = 400
_UPDATE_REACHING_OUT = {"ServiceGraphPattern": "SERVICE", "Load": "LOAD", "DatasetClause": "FROM",
                        "UsingClause": "USING"}
_REACHING_OUT = {"ServiceGraphPattern": "SERVICE", "DatasetClause": "FROM"}


def query_form(text: str) -> str:
    """"select", "ask", "construct" or "describe": the form of a query that passes the gate (which
    this checks first)."""
    check(text)
    return _verdict(text)[1]


def check(text: str) -> None:
    """Raise ``QueryError`` if ``text`` does not parse as one SPARQL query or reaches outside the store.

    >>> check("SELECT ?from WHERE { ?s ?p 'SERVICE' } # FROM <file:///etc/passwd>")
    >>> check("SELECT * WHERE { ?s ?p ?o FILTER(1 < 2) SERVICE ?x { ?a ?b ?c } FILTER(2 > 1) }")
    Traceback (most recent call last):
    kg.errors.QueryError: SERVICE is not allowed: queries run on the store only
    """
    problem = _verdict(text)[0]
    if problem:
        raise QueryError(problem)


@lru_cache(maxsize=512)
def _verdict(text: str) -> tuple[str | None, str]:
    """What is wrong with ``text`` (None when nothing is) and the query's form; the named queries are
    parsed once.

    The parser runs in a thread of its own: the exceptions of its backtracking, which its cache
    keeps, then hold no frame of the caller (whose locals may hold an open store)."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(_parse_verdict, text).result()


def _parse_verdict(text: str) -> tuple[str | None, str]:
    from pyparsing import ParseBaseException, ParserElement
    from rdflib.plugins.sparql.parser import parseQuery

    try:
        tree = parseQuery(text)
    except ParseBaseException as e:
        return f"the query does not parse (line {e.lineno}, column {e.col}): {e.msg}", ""
    except Exception as e:  # the grammar's own checks (e.g. a prefix declared twice in a bad way)
        return f"the query does not parse: {e}", ""
    finally:
        # the parser's cache keeps the exceptions of its backtracking, and through their tracebacks
        # the frames of the caller (an open store among their locals)
        ParserElement.reset_cache()
    form = getattr(tree[1], "name", "").removesuffix("Query").lower()
    for name in _names(tree):
        if name == "TooDeep":
            return f"the query nests deeper than {_MAX_DEPTH} levels", form
        if name in _REACHING_OUT:
            return f"{_REACHING_OUT[name]} is not allowed: queries run on the store only", form
    return None, form


def _names(node: object, depth: int = 0):
    """The names of every node of a parse tree (deep trees are refused above a limit)."""
    from rdflib.plugins.sparql.parserutils import CompValue

    if depth > _MAX_DEPTH:
        yield "TooDeep"
        return
    if isinstance(node, CompValue):
        yield node.name
        for v in node.values():
            yield from _names(v, depth + 1)
    elif isinstance(node, (list, tuple)) or hasattr(node, "asList"):
        for v in node:
            yield from _names(v, depth + 1)


def check_update(text: str) -> None:
    """Raise ``QueryError`` if ``text`` does not parse as a SPARQL update or reaches outside the data.

    >>> check_update("INSERT DATA { <http://example.org/a> <http://example.org/b> 'LOAD' }")
    >>> check_update("LOAD <file:///etc/passwd>")
    Traceback (most recent call last):
    kg.errors.QueryError: LOAD is not allowed: updates change the data in memory only
    """
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as pool:
        problem = pool.submit(_update_verdict, text).result()
    if problem:
        raise QueryError(problem)


def _update_verdict(text: str) -> str | None:
    from pyparsing import ParseBaseException, ParserElement
    from rdflib.plugins.sparql.parser import parseUpdate

    try:
        tree = parseUpdate(text)
    except ParseBaseException as e:
        return f"the update does not parse (line {e.lineno}, column {e.col}): {e.msg}"
    except Exception as e:
        return f"the update does not parse: {e}"
    finally:
        ParserElement.reset_cache()
    for name in _names(tree):
        if name == "TooDeep":
            return f"the update nests deeper than {_MAX_DEPTH} levels"
        if name in _UPDATE_REACHING_OUT:
            return f"{_UPDATE_REACHING_OUT[name]} is not allowed: updates change the data in memory only"
    return None
