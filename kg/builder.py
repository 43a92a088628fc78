"""The build: releases in, validated release graphs in the store.

    read -> extract -> resolve -> to_rdf -> validate    (pure, per batch; run in worker processes)
         -> store                                       (in this process: a bulk load into a staging
                                                         folder for a first build, else one
                                                         transaction per batch)

Inputs are read and checked before the store is touched, so a bad input file leaves the store as it
was. A release whose text hash is already stored is skipped; a changed one has all its graphs
replaced at once; with ``prune`` releases whose files are gone are removed.
"""
from __future__ import annotations

import hashlib
import itertools
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from rdflib import Literal, Namespace, URIRef
from rdflib.plugins.stores.memory import Memory
from rdflib.store import Store

from . import iri
from .errors import InputError, UsageError
from .text import printable
from .model import Release
from .rdf import ReleaseGraphs
from .validate import Report

RKG = Namespace("https://w3id.org/release-kg/ontology#")
SDO = Namespace("https://schema.org/")
BATCH = 64


@dataclass
class BuildReport:
    read: int = 0
    added: int = 0
    replaced: int = 0
    skipped: int = 0
    quarantined: int = 0
    failed: int = 0
    pruned: int = 0
    warnings: int = 0
    seconds: dict[str, float] = field(default_factory=lambda: {"read": 0.0, "extract": 0.0, "validate": 0.0, "store": 0.0})
    quarantine: list[dict] = field(default_factory=list)
    failures: list[dict] = field(default_factory=list)

    def count(self, report: Report, release: Release, *, replaced: bool) -> None:
        """Count one stored release and its validation outcome."""
        if replaced:
            self.replaced += 1
        else:
            self.added += 1
        self.warnings += sum(1 for x in report.results if x.severity != "Violation")
        if not report.conforms:
            self.quarantined += 1
            self.quarantine.append({"release": release.id, "source": release.source,
                                    "results": [asdict(x) for x in report.results]})

    def fail(self, release: str | None, source: str, error: str, where: str = "") -> None:
        """Count one release (or file) that was not stored, and why."""
        self.failed += 1
        self.failures.append({"release": release, "source": source, "error": error, "where": where})

    def unreadable(self, problems: list[InputError]) -> None:
        """Count the files that could not be read as read and failed."""
        self.read += len(problems)
        for e in problems:
            self.fail(None, e.path, e.problem)

    def as_dict(self) -> dict:
        d = asdict(self)
        d["seconds"] = {k: round(v, 3) for k, v in self.seconds.items()}
        return d


@dataclass(frozen=True)
class Settings:
    base: str | None = None  # the store's own base (recorded by its first build), else iri.DEFAULT_BASE
    curation: str | None = None
    shapes: str | None = None  # a SHACL shapes file instead of ontology/shapes.ttl


def content_hash(release: Release) -> str:
    h = hashlib.sha256()
    for part in (release.id, release.text, release.url or "", str(release.published or ""), release.publisher or ""):
        h.update(part.encode("utf-8"))
        h.update(b"\0")
    return h.hexdigest()


def pipeline_fingerprint(settings: Settings, shapes: str | Path) -> str:
    """What a release's graphs depend on besides its text: kg's version, the base IRI, the curated
    data, the curation file and the shapes. When it changes, every release is processed again."""
    from . import __version__
    from .extract.lexicon import DATA

    h = hashlib.sha256(f"{__version__}\0{settings.base}\0".encode())
    files = sorted(DATA.iterdir()) + [Path(shapes)] + ([Path(settings.curation)] if settings.curation else [])
    for f in files:
        if f.is_file():
            h.update(f.name.encode() + b"\0" + f.read_bytes() + b"\0")
    return h.hexdigest()


def process(release: Release, settings: Settings = Settings(), store: Store | None = None) -> ReleaseGraphs:
    """One release through extract, resolve and to_rdf: a pure function of its inputs (its data graph
    in ``store`` when one is given, see ``to_rdf``)."""
    from .extract import extract
    from .rdf import to_rdf
    from .resolve import load_curation, resolve

    curation = load_curation(settings.curation)
    return to_rdf(resolve(extract(release, curation), settings.base or iri.DEFAULT_BASE, curation), store)


@dataclass(frozen=True)
class Failure:
    """A release whose processing raised: a bug met on this input, reported, not stored."""

    error: str
    where: str


def _processed(release: Release, settings: Settings, store: Store | None = None) -> ReleaseGraphs | Failure:
    try:
        return process(release, settings, store)
    except InputError as e:  # over the extraction's budget of size or time
        return Failure(e.problem, "")
    except Exception as e:  # one release must not stop a build of thousands; it is reported
        import traceback

        frame = traceback.extract_tb(e.__traceback__)[-1]
        return Failure(f"{type(e).__name__}: {e}", f"{Path(frame.filename).name}:{frame.lineno}")


@dataclass(frozen=True)
class Done:
    """A release processed and validated: its graphs as N-Triples lines by suffix, and its report; or,
    for a job that asks for N-Quads, its graphs as the N-Quads that store or write them (``graphs`` is
    then empty: the building process only joins what the workers wrote)."""

    graphs: dict[str, list[str]]
    report: Report
    nquads: bytes = b""
    merged: list[tuple[str, list[str]]] = field(default_factory=list)  # (for a fresh store: see ``work``)


@dataclass(frozen=True)
class Job:
    """A batch of releases to process, with their content hashes and IRIs, and what they depend on."""

    items: list[tuple[Release, str, str]]
    settings: Settings
    shapes: str
    fingerprint: str
    nquads: str | None = None  # "store": N-Quads for a fresh store's bulk load; "parts": for --output-nquads


def work(job: Job) -> tuple[list[Done | Failure], float, float]:
    """Process and validate one batch of releases (a pure function of the job, run in a worker
    process, or a cluster's worker): the outcome of each release, and the seconds spent extracting and
    validating."""
    from .store import merged_quads, nquads
    from .validate import report_graph, validate_batch

    t0 = time.perf_counter()
    store = Memory()  # (the batch's data graphs side by side: validated as one without a copy)
    results = [_processed(r, job.settings, store) for r, _, _ in job.items]
    t1 = time.perf_counter()
    graphs = [g for g in results if not isinstance(g, Failure)]
    reports = validate_batch([(g.release_iri, g.data, g.sentences) for g in graphs], job.shapes)
    out: list[Done | Failure] = []
    for (release, h, r_iri), g in zip(job.items, results):
        if isinstance(g, Failure):
            out.append(g)
            continue
        report = reports[r_iri]
        graphs = _release_graphs(release, h, job.fingerprint, g, report, report_graph(report))
        if job.nquads == "store":
            # the graphs as the store's bulk load takes them, and apart the merged data's quads with their
            # names', which the building process gives the loader once while it remembers them (an
            # organization's type and name come with every release that names it)
            out.append(Done({}, report, nquads([(r_iri, graphs)], merged=False), merged_quads(graphs.get("", []))))
        elif job.nquads == "parts":  # (sorted: the order a worker process gives a graph's triples is its own)
            out.append(Done({}, report, nquads([(r_iri, {k: sorted(v) for k, v in graphs.items()})], merged=False)))
        else:
            out.append(Done(graphs, report))
    return out, t1 - t0, time.perf_counter() - t1


def read_inputs(inputs: Iterable[str | Path], problems: list[InputError] | None = None) -> list[Release]:
    """Every release of ``inputs`` (see ``iter_inputs``), read before the list is returned."""
    return list(iter_inputs(inputs, problems))


def iter_inputs(inputs: Iterable[str | Path], problems: list[InputError] | None = None) -> Iterator[Release]:
    """Every release of ``inputs``, read one file at a time.

    Without ``problems``, the first unreadable file raises ``InputError``, and so do two releases
    with one id. With a list, a file that cannot be read is added to it and the others are read; of
    two releases with one id ("a/index.html" and "b/index.html") the first, in input order, is kept
    and the others are added to it."""
    from .read import read_all

    skip = lambda e: print(printable(f"kg: skipped {e.path}: {e.problem}"), file=sys.stderr)  # noqa: E731
    seen: dict[str, str] = {}
    for r in read_all(inputs, on_skip=skip, on_error=None if problems is None else problems.append):
        if r.id in seen:
            e = InputError(r.source, f"release id {r.id!r} is also the id of {seen[r.id]}, which is read instead "
                                     "(rename one of the files, or give the releases ids in JSON)")
            if problems is None:
                raise e
            problems.append(e)
            continue
        seen[r.id] = r.source
        yield r


MERGED_MEMORY = 50_000
"""How many of the merged data's quads a first build at least remembers having given to the loader
(``Seen``: between this many and twice as many), so as not to give them again: the same type and name of
an organization come with every release that names it (about 4 in 10 of these quads of the genre
releases). A bounded memory, about 30 MB."""

BULK_BYTES = 64 << 20
"""How much N-Quads a first build gathers before one bulk load (about 150,000 quads; loads of 128 MB took
as long at 100,000 releases, with 400 MB more memory)."""


def build(inputs: Iterable[str | Path], store_path: str | Path, *, settings: Settings = Settings(),
          prune: bool = False, jobs: int = 1, strict: bool = False,
          progress: Callable[[int, int | None], None] | None = None,
          executor: Callable[[Iterator[Job]], Iterator[tuple[list[Done | Failure], float, float]]] | None = None
          ) -> BuildReport:
    """Build or update the store at ``store_path`` from ``inputs``; returns the counts.

    Releases are read, processed and stored as a stream, in batches: memory stays flat as the corpus
    grows. Processing and validation run in ``jobs`` worker processes (or through ``executor``, which
    maps jobs to their outcomes in order, such as a cluster's), while this process stores what they
    give. A first build (``store_path`` holds no store) is bulk-loaded into a staging folder that
    becomes the store when the build ends; later builds store each batch in one transaction.

    A file that cannot be read is reported as failed and the build goes on; with ``strict``, it
    raises ``InputError`` before anything is written (all inputs are read first)."""
    from .store import (Seen, is_store, open_store, put_releases, release_index, remove_release,
                        staged_store, upgrade_layout, write_description, write_rules, write_snapshot)

    shapes = _checked(settings)
    rep = BuildReport()
    problems: list[InputError] = []
    t0 = time.perf_counter()
    releases: Iterable[Release] = read_inputs(inputs) if strict else iter_inputs(inputs, problems)
    rep.seconds["read"] += time.perf_counter() - t0
    first = not is_store(store_path)

    with (staged_store(store_path) if first else _folder(open_store(store_path), store_path)) as (store, folder):
        upgrade_layout(store)
        settings = replace(settings, base=_settle_base(store, store_path, settings.base))
        fingerprint = pipeline_fingerprint(settings, shapes)
        index = release_index(store)
        wanted: set[str] = set()

        def todo() -> Iterator[tuple[Release, str, str]]:
            it = iter(releases)
            while True:
                t1 = time.perf_counter()
                r = next(it, None)
                rep.seconds["read"] += time.perf_counter() - t1
                if r is None:
                    return
                rep.read += 1
                r_iri = iri.release_iri(r.id, settings.base)
                wanted.add(r_iri)
                h = content_hash(r)
                if r_iri in index and index[r_iri][1:] == (h, printable(r.source), fingerprint):
                    rep.skipped += 1
                elif r_iri in index and index[r_iri][2] != printable(r.source) and Path(index[r_iri][2]).exists():
                    # another file that is still there holds this id: replacing it would lose a release
                    rep.fail(r.id, r.source, f"release id {r.id!r} is stored from {index[r_iri][2]}, which is still "
                             "there: not replaced (rename one of the files, or give ids in JSON)")
                else:
                    yield r, h, r_iri

        pending: list[bytes] = []
        size = 0
        loaded = Seen(MERGED_MEMORY)  # (the merged data's quads given to the loader lately)

        def store_batch(items: list[tuple[Release, str, str]], results: list[Done | Failure]) -> None:
            nonlocal size
            writes = []
            for (release, _, r_iri), g in zip(items, results):
                if isinstance(g, Failure):
                    rep.fail(release.id, release.source, g.error, g.where)
                    continue
                writes.append((r_iri, g))
                rep.count(g.report, release, replaced=r_iri in index)
            if first:
                data = b"".join(g.nquads for _, g in writes) + "".join(
                    quad + "".join(labels) for _, g in writes for quad, labels in g.merged
                    if loaded.first(quad)).encode("utf-8")
                pending.append(data)
                size += len(data)
                if size >= BULK_BYTES:
                    loading.put(pending)
                    pending.clear()
                    size = 0
            elif writes:
                put_releases(store, [(r_iri, g.graphs) for r_iri, g in writes], existing=index)

        done = 0
        if progress:
            progress(done, None)
        items = todo()
        # a few releases are done sooner in this process than by starting workers
        head = list(itertools.islice(items, 8 * jobs))
        stream = itertools.chain(head, items)
        with _executor(executor, jobs if len(head) >= 8 * jobs else 1) as run, _Loader(store) as loading:
            for job, (results, extract_s, validate_s) in run(_jobs(stream, settings, shapes, fingerprint,
                                                                   "store" if first else None)):
                rep.seconds["extract"] += extract_s
                rep.seconds["validate"] += validate_s
                t1 = time.perf_counter()
                store_batch(job.items, results)
                rep.seconds["store"] += time.perf_counter() - t1
                done += len(job.items)
                if progress:
                    progress(done + rep.skipped, None)
            t1 = time.perf_counter()
            loading.put(pending)
            rep.seconds["store"] += time.perf_counter() - t1
        # (the loads ran beside the rest: their own time counts, not the time spent waiting for them)
        rep.seconds["store"] += loading.seconds - loading.waited
        t1 = time.perf_counter()
        rep.unreadable(problems)
        if prune:
            for r_iri in sorted(set(index) - wanted):
                remove_release(store, r_iri)
                rep.pruned += 1
        from . import __version__

        write_rules(store)
        write_description(store, settings.base, __version__)
        write_snapshot(store, folder)
        rep.seconds["store"] += time.perf_counter() - t1
    return rep


class _Loader:
    """Bulk loads into a store, one at a time in a thread of their own, so that the building process
    goes on taking the workers' results while the store's loader runs. ``put`` waits for the load
    before and raises what it raised, then joins its parts (so that at most one load's data and the
    parts of the next are held at once); leaving the ``with`` block waits for the last. ``seconds`` is
    the time the loads took, ``waited`` the time ``put`` waited for them."""

    def __init__(self, store) -> None:
        from concurrent.futures import ThreadPoolExecutor

        self.store = store
        self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kg-load")
        self.running = None
        self.seconds = self.waited = 0.0

    def __enter__(self) -> "_Loader":
        return self

    def __exit__(self, *exc) -> None:
        try:
            if exc[0] is None and self.running is not None:
                running, self.running = self.running, None
                running.result()
            elif self.running is not None:
                self.running.exception()  # (the build failed already: the store is not used again)
        finally:
            self.pool.shutdown(wait=True)

    def put(self, parts: list[bytes]) -> None:
        self._wait()
        if parts:
            self.running = self.pool.submit(self._load, b"".join(parts))

    def _load(self, data: bytes) -> None:
        from .store import bulk_put

        t0 = time.perf_counter()
        bulk_put(self.store, data)
        self.seconds += time.perf_counter() - t0

    def _wait(self) -> None:
        if self.running is not None:
            t0 = time.perf_counter()
            running, self.running = self.running, None
            try:
                running.result()
            finally:
                self.waited += time.perf_counter() - t0


def build_nquads(inputs: Iterable[str | Path], out_dir: str | Path, *, settings: Settings = Settings(),
                 jobs: int = 1, strict: bool = False, progress: Callable[[int, int | None], None] | None = None,
                 executor: Callable[[Iterator[Job]], Iterator[tuple[list[Done | Failure], float, float]]] | None = None
                 ) -> BuildReport:
    """Process ``inputs`` as ``build`` does, but write the graphs of each batch of releases (data or
    quarantine, evidence, meta: each release's named graphs) to a file of N-Quads in ``out_dir``,
    ``part-000001.nq`` and on, for a triple store's bulk loader, instead of into a store, and the
    rules the evidence names (their confidence) in ``rules.nq``.

    ``out_dir`` must be new or empty. Every release is processed (there is no store to skip the
    unchanged ones by); a release id read twice is a failure of the second file. The same inputs give
    the same files, byte for byte, whatever the executor."""
    from .exporter import write_bytes_atomic

    out = Path(out_dir)
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise UsageError(f"{out}: not a new or empty folder: the N-Quads of a build go into a folder of their own")
    shapes = _checked(settings)
    settings = replace(settings, base=settings.base or iri.DEFAULT_BASE)
    fingerprint = pipeline_fingerprint(settings, shapes)
    rep = BuildReport()
    problems: list[InputError] = []
    releases: Iterable[Release] = read_inputs(inputs) if strict else iter_inputs(inputs, problems)
    seen: dict[str, str] = {}

    def todo() -> Iterator[tuple[Release, str, str]]:
        for r in releases:
            rep.read += 1
            r_iri = iri.release_iri(r.id, settings.base)
            if r_iri in seen:
                rep.fail(r.id, r.source, f"release id {r.id!r} was read from {seen[r_iri]} too: not written")
                continue
            seen[r_iri] = printable(r.source)
            yield r, content_hash(r), r_iri

    out.mkdir(parents=True, exist_ok=True)
    done = part = 0
    with _executor(executor, jobs) as run:
        for job, (results, extract_s, validate_s) in run(_jobs(todo(), settings, shapes, fingerprint, "parts")):
            rep.seconds["extract"] += extract_s
            rep.seconds["validate"] += validate_s
            t1 = time.perf_counter()
            writes = []
            for (release, _, r_iri), g in zip(job.items, results):
                if isinstance(g, Failure):
                    rep.fail(release.id, release.source, g.error, g.where)
                    continue
                writes.append(g.nquads)
                rep.count(g.report, release, replaced=False)
            if writes:
                part += 1
                write_bytes_atomic(out / f"part-{part:06d}.nq", b"".join(writes))
            rep.seconds["store"] += time.perf_counter() - t1
            done += len(job.items)
            if progress:
                progress(done, None)
    from .rdf import rule_triples
    from .store import RULES, nquads

    write_bytes_atomic(out / "rules.nq", nquads([(RULES, {"": rule_triples()})], merged=False))
    rep.unreadable(problems)
    return rep


def _jobs(items: Iterable[tuple[Release, str, str]], settings: Settings, shapes: str, fingerprint: str,
          nquads: str | None = None) -> Iterator[Job]:
    """The (release, content hash, IRI) items in jobs of ``BATCH``, read as the jobs are taken."""
    batch: list[tuple[Release, str, str]] = []
    for item in items:
        batch.append(item)
        if len(batch) == BATCH:
            yield Job(batch, settings, shapes, fingerprint, nquads)
            batch = []
    if batch:
        yield Job(batch, settings, shapes, fingerprint, nquads)


def _checked(settings: Settings) -> str:
    """The shapes file of ``settings``, after checking the base IRI, the curation file and the shapes:
    a build fails on them before any work."""
    try:
        if settings.base is not None:
            iri.check_base(settings.base)
    except ValueError as e:
        raise UsageError(str(e)) from None
    if settings.curation:
        from .resolve import load_curation
        load_curation(settings.curation)
    from .validate import SHAPES, shapes_graph

    shapes = str(settings.shapes or SHAPES)
    shapes_graph(shapes)
    return shapes


@contextmanager
def _folder(opened, path: str | Path) -> Iterator[tuple[object, Path]]:
    with opened as store:
        yield store, Path(path)


@contextmanager
def _executor(executor, jobs: int):
    """A function from jobs to (job, outcome) pairs in order: through ``executor``, else ``jobs``
    worker processes with at most two batches each in flight (the stream is never read far ahead),
    else in this process."""
    if executor is not None:
        def through(stream: Iterator[Job]):
            mine, theirs = itertools.tee(stream)
            return zip(mine, executor(theirs))
        yield through
        return
    if jobs <= 1:
        yield lambda stream: ((job, work(job)) for job in stream)
        return
    import multiprocessing as mp

    with mp.get_context("fork" if sys.platform != "win32" else "spawn").Pool(jobs) as pool:
        yield lambda stream: in_order(stream, lambda job: pool.apply_async(work, (job,)), lambda res: res.get(), 2 * jobs)


def in_order(items: Iterable, submit: Callable, take: Callable, limit: int) -> Iterator[tuple]:
    """(item, result) of each item, in the items' order, with at most ``limit`` submitted and not
    yet taken: ``submit(item)`` starts the work and returns a handle, ``take(handle)`` waits for its
    result. The items are read only as far ahead as the limit."""
    from collections import deque

    flight: deque = deque()
    for item in items:
        flight.append((item, submit(item)))
        if len(flight) >= limit:
            item, handle = flight.popleft()
            yield item, take(handle)
    while flight:
        item, handle = flight.popleft()
        yield item, take(handle)


def _settle_base(store, store_path: str | Path, given: str | None) -> str:
    """The base IRI of this build: the one the store was first built with (recorded then), which a
    build that gives another one may not change (its releases would be stored twice, under other IRIs)."""
    from .store import recorded_base, record_base

    stored = recorded_base(store)
    if stored is None:
        base = given or iri.DEFAULT_BASE
        record_base(store, base)
        return base
    if given is not None and given != stored:
        raise UsageError(f"{store_path}: the store was built with --base {stored}, not {given}: its releases "
                         "would be stored a second time under other IRIs; build into a new store for another base")
    return stored


def _release_graphs(release: Release, h: str, fingerprint: str, g: ReleaseGraphs, report: Report,
                    report_triples: list) -> dict[str, list[str]]:
    """Every graph of one release as N-Triples lines, by graph-name suffix."""
    from .rdf import nt_line

    rel = URIRef(g.release_iri)
    meta = [(rel, SDO.identifier, Literal(release.id)),
            (rel, RKG.contentHash, Literal(h)),
            (rel, RKG.pipeline, Literal(fingerprint)),
            (rel, RKG.sourcePath, Literal(printable(release.source))),
            (rel, RKG.conforms, Literal(report.conforms))]
    return {"/meta": [nt_line(*t) for t in meta + report_triples], "/evidence": g.evidence,
            "" if report.conforms else "/quarantine": [nt_line(*t) for t in g.data]}


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
