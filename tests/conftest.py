"""Shared helpers of the build, export, CLI and IRI tests.

* ``assert_isomorphic(expected, actual)``: graph isomorphism with a readable diff (the sorted
  N-Triples lines found only in the expected graph and only in the actual one);
* ``store_nquads(path)``: every quad of an on-disk store (all graphs), sorted, read with pyoxigraph
  directly, so that two stores can be compared without going through ``kg``;
* ``assert_merged_is_union(path)``: the store's merged data graph holds exactly the triples of its
  release data graphs (quarantined releases left out);
* ``run_kg(*args)``: the installed ``kg`` executable, run in a subprocess;
* ``seed_store``: a store built from ``seeds/`` once per test session (copy it before changing it);
* ``evidence_nodes(graph)`` and ``span_and_sentence(graph, node)``: the evidence nodes of an evidence
  graph (the nodes that reify a fact), and the text of one's span and of its sentence, read through its
  sentence node as a user of the graph reads them.
"""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.store import to_rdflib_term
from rdflib import RDF, Graph, Namespace
from rdflib.compare import graph_diff, to_isomorphic

RKG = Namespace("https://w3id.org/release-kg/ontology#")
ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED_ID = "000_460ff2c4436acc53"
SEED_FILE = SEEDS / f"{SEED_ID}.txt"
CLI_FIXTURES = Path(__file__).resolve().parent / "fixtures" / "cli"
FIXTURE_RELEASES = CLI_FIXTURES / "releases"
# stricter shapes (every event names an organizer and none is the session of a body) under which the seed
# release is quarantined
STRICT_SHAPES = CLI_FIXTURES / "strict-shapes.ttl"
STRICT_MESSAGE = "Test shapes: an event must not be the session of a body."  # the seed's violation


def _nt_lines(g: Graph) -> list[str]:
    return sorted(line for line in g.serialize(format="nt").splitlines() if line.strip())


def assert_isomorphic(expected: Graph, actual: Graph, what: str = "graph") -> None:
    """Fail with the sorted N-Triples lines only in ``expected`` / only in ``actual``."""
    iso_expected, iso_actual = to_isomorphic(expected), to_isomorphic(actual)
    if iso_expected == iso_actual:
        return
    _both, only_expected, only_actual = graph_diff(iso_expected, iso_actual)
    lines = [f"{what} differs: {len(expected)} triples expected, {len(actual)} found",
             f"--- only in expected ({len(only_expected)}):"]
    lines += _nt_lines(only_expected)
    lines.append(f"+++ only in actual ({len(only_actual)}):")
    lines += _nt_lines(only_actual)
    pytest.fail("\n".join(lines), pytrace=False)


def assert_merged_is_union(path: str | Path) -> None:
    """The merged data graph of the store at ``path`` is the set union of its release data graphs, and
    its lower-case names graph holds each name and alternate name of the merged data in lower case."""
    from kg.store import LABEL_KEY, LABELS, MERGED, data_graph_names

    store = ox.Store.read_only(str(path))
    try:
        union = {(q.subject, q.predicate, q.object) for g in data_graph_names(store)
                 for q in store.quads_for_pattern(None, None, None, ox.NamedNode(g))}
        merged = {(q.subject, q.predicate, q.object)
                  for q in store.quads_for_pattern(None, None, None, ox.NamedNode(MERGED))}
        labels = {(q.subject, q.predicate, q.object)
                  for q in store.quads_for_pattern(None, None, None, ox.NamedNode(LABELS))}
    finally:
        del store
    assert merged == union, (f"merged data: {len(merged - union)} triples no release states, "
                             f"{len(union - merged)} release triples missing")
    names = {"https://schema.org/name", "https://schema.org/alternateName"}
    expected = {(s, ox.NamedNode(LABEL_KEY), ox.Literal(o.value.lower())) for s, p, o in merged
                if p.value in names and isinstance(o, ox.Literal)}
    assert labels == expected, (f"lower-case names: {len(labels - expected)} of no name, "
                                f"{len(expected - labels)} names missing")


def evidence_nodes(graph: Graph) -> list:
    """The evidence nodes of an evidence graph, sorted: the nodes that reify a fact."""
    return sorted(set(graph.subjects(RDF.subject, None)))


def span_and_sentence(graph: Graph, node) -> tuple[str, str]:
    """The text of an evidence node's span and of the sentence that holds it: the span is cut out of
    the sentence's text by the node's offsets and the sentence's own start."""
    sentence = graph.value(node, RKG.inSentence)
    text, at = str(graph.value(sentence, RKG.text)), int(graph.value(sentence, RKG.startOffset))
    a, b = int(graph.value(node, RKG.startOffset)), int(graph.value(node, RKG.endOffset))
    return text[a - at:b - at], text


def rdflib_term(t):
    """A pyoxigraph term as the rdflib term a parser gives (``"x"^^xsd:string`` is the plain ``"x"``)."""
    return to_rdflib_term(t)


def store_graph(path: str | Path, name: str) -> Graph:
    """The triples of one named graph of the store at ``path`` (opened read-only)."""
    store = ox.Store.read_only(str(path))
    try:
        g = Graph()
        for q in store.quads_for_pattern(None, None, None, ox.NamedNode(name)):
            g.add((rdflib_term(q.subject), rdflib_term(q.predicate), rdflib_term(q.object)))
        return g
    finally:
        del store


def store_nquads(path: str | Path) -> list[str]:
    """Every quad of the store at ``path`` as an N-Quads line, sorted (opened read-only)."""
    store = ox.Store.read_only(str(path))
    try:
        return sorted(f"{q} ." for q in store)
    finally:
        del store


def store_graph_names(path: str | Path) -> list[str]:
    """The names of the release graphs of a store (not the store's own merged data and layout graphs)."""
    from kg.store import STORE_GRAPHS

    store = ox.Store.read_only(str(path))
    try:
        return sorted(g.value for g in store.named_graphs()
                      if isinstance(g, ox.NamedNode) and not g.value.startswith(STORE_GRAPHS))
    finally:
        del store


def kg_executable() -> str:
    exe = shutil.which("kg")
    if exe is None:
        pytest.fail("the `kg` executable is not on PATH; install the package (pip install -e .)")
    return exe


# root reads any file whatever its permissions; without these two capabilities it obeys them
_OBEY_PERMISSIONS = ["setpriv", "--inh-caps=-dac_override,-dac_read_search",
                     "--bounding-set=-dac_override,-dac_read_search"]


def run_kg(*args: str | Path, cwd: str | Path | None = None, timeout: float = 300,
           obey_permissions: bool = False, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run ``kg ARGS`` and return the finished process (stdout as bytes, stderr as text); with
    ``obey_permissions``, a root user runs it without the capabilities that pass over file permissions;
    ``env`` adds to the environment."""
    prefix = _OBEY_PERMISSIONS if obey_permissions and os.geteuid() == 0 else []
    proc = subprocess.run([*prefix, kg_executable(), *map(str, args)], cwd=cwd, capture_output=True, timeout=timeout,
                          env={**os.environ, **env} if env else None)
    proc.stderr = proc.stderr.decode("utf-8", "replace")
    return proc


def describe(proc: subprocess.CompletedProcess) -> str:
    out = proc.stdout.decode("utf-8", "replace") if isinstance(proc.stdout, bytes) else proc.stdout
    return f"exit {proc.returncode}\n--- stdout:\n{out[-3000:]}\n--- stderr:\n{proc.stderr[-3000:]}"


@pytest.fixture(scope="session")
def seed_store(tmp_path_factory) -> Path:
    """A store built from seeds/ (do not change it: copy it with ``copy_store``)."""
    import kg.builder

    path = tmp_path_factory.mktemp("seed") / "store"
    report = kg.builder.build([SEEDS], path, jobs=1)
    assert (report.read, report.added, report.quarantined, report.failed) == (1, 1, 0, 0), report.as_dict()
    return path


def copy_store(src: Path, dst: Path) -> Path:
    shutil.copytree(src, dst)
    return dst
