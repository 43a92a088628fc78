"""The ``kg`` command. Domain errors (``KgError``) become a message and an exit code here, and only here.

Exit codes: 0 ok, 1 data does not conform (quarantined releases with ``--strict``, ``kg validate``),
2 usage or input error.
"""
from __future__ import annotations

import functools
import json
import sys
from pathlib import Path

import click

from .errors import KgError, UsageError
from .text import printable

DEFAULT_STORE = "kg-store"
store_option = click.option("--store", "store_path", default=DEFAULT_STORE, show_default=True,
                            type=click.Path(file_okay=False), help="Directory of the on-disk store.")


def reports_errors(f):
    """Turn a ``KgError`` into ``kg: error: ...`` on stderr and its exit code; so too an error of the
    system the user can cause (a folder that cannot be written, a full disk: exit 2), a closed pipe
    (the reader had enough: exit 0) and Ctrl-C (exit 130)."""
    @functools.wraps(f)
    def wrapper(*args, **kwargs):
        try:
            return f(*args, **kwargs)
        except KgError as e:
            click.echo(printable(f"kg: error: {e}"), err=True)
            sys.exit(e.exit_code)
        except BrokenPipeError:
            import os

            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # (no second error at exit)
            sys.exit(0)
        except OSError as e:
            where = f"{e.filename}: " if e.filename else ("standard output: " if _stdout_error(e) else "")
            click.echo(printable(f"kg: error: {where}{e.strerror or e}"), err=True)
            sys.exit(2)
        except KeyboardInterrupt:
            click.echo("kg: interrupted; what was stored is whole", err=True)
            sys.exit(130)
    return wrapper


def _stdout_error(e: OSError) -> bool:
    import errno

    return e.errno in (errno.ENOSPC, errno.EIO, errno.EDQUOT)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="release-kg")
def main() -> None:
    """Build, validate, query and export a knowledge graph of press releases."""


@main.command()
@click.argument("inputs", nargs=-1, type=click.Path(readable=False))
@store_option
@click.option("--base", default=None, help="Base IRI of minted resources [default: the one the store was first built "
              "with, else https://w3id.org/release-kg/id/]; a store keeps the base of its first build.")
@click.option("--curation", type=click.Path(dir_okay=False, readable=False), help="JSON file of aliases, same-as and never-an-organization entries.")
@click.option("--shapes", type=click.Path(dir_okay=False, readable=False), help="SHACL shapes to validate with [default: ontology/shapes.ttl].")
@click.option("--prune", is_flag=True, help="Remove releases whose input files are gone.")
@click.option("--strict", is_flag=True, help="All or nothing: a file that cannot be read stops the build before "
              "anything is written (exit 2), and a quarantined release exits 1.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, help="Worker processes [default: the machine's cores].")
@click.option("--cluster", metavar="ADDRESS", help="Process the releases on the Dask cluster whose scheduler is at "
              "ADDRESS (e.g. tcp://10.0.0.5:8786) instead of local worker processes; this process reads and stores.")
@click.option("--output-nquads", "nquads_dir", type=click.Path(dir_okay=True, file_okay=False), default=None,
              help="Write each batch's release graphs to N-Quads files in this new folder (for a triple store's bulk "
              "loader) instead of storing them.")
@click.option("--report", "report_path", type=click.Path(dir_okay=False), help="Write a JSON build report here.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no summary.")
@reports_errors
def build(inputs, store_path, base, curation, shapes, prune, strict, jobs, cluster, nquads_dir, report_path,
          quiet) -> None:
    """Read releases (files or folders; default: seeds/), extract, validate and store them.

    Unchanged releases are skipped, changed ones replaced. Releases that violate a shape are kept
    out of the graph (quarantined) and listed. A file that cannot be read, or a release whose
    processing fails, is reported and the build goes on; the exit code is then 1.
    """
    from .builder import Settings, build as run_build, build_nquads, default_jobs
    from .exporter import write_bytes_atomic

    settings = Settings(base=base, curation=curation, shapes=shapes)
    progress = None if quiet or not sys.stderr.isatty() else _progress()
    executor = None
    if cluster:
        from .cluster import executor as on_cluster

        executor = on_cluster(cluster)
    if nquads_dir is not None:
        if prune:
            raise UsageError("--prune removes releases from a store: it has no meaning with --output-nquads")
        rep = build_nquads(list(inputs) or ["seeds"], nquads_dir, settings=settings, jobs=jobs or default_jobs(),
                           strict=strict, progress=progress, executor=executor)
        store_path = nquads_dir
    else:
        rep = run_build(list(inputs) or ["seeds"], store_path, settings=settings, prune=prune,
                        jobs=jobs or default_jobs(), strict=strict, progress=progress, executor=executor)
    if progress:
        click.echo("", err=True)
    if report_path:
        write_bytes_atomic(report_path, (json.dumps(rep.as_dict(), indent=1, ensure_ascii=False) + "\n").encode())
    for q in rep.quarantine:
        click.echo(printable(f"quarantined: {q['source']}"), err=True)
        for r in q["results"]:
            if r["severity"] == "Violation":
                click.echo(f"  {r['focus']}: {r['message']}" + (f"\n    evidence: {r['evidence']}" if r["evidence"] else ""), err=True)
    for f in rep.failures:
        at = f" (at {f['where']})" if f["where"] else ""
        click.echo(printable(f"failed: {f['source']}: {f['error']}{at}; nothing stored for it"), err=True)
    if not quiet:
        click.echo(f"{rep.read} read, {rep.added} added, {rep.replaced} replaced, {rep.skipped} unchanged, "
                   f"{rep.pruned} pruned, {rep.quarantined} quarantined, {rep.failed} failed -> {store_path}", err=True)
    if rep.failed or (strict and rep.quarantined):
        sys.exit(1)


@main.command()
@store_option
@click.option("--endpoint", required=True, metavar="URL",
              help="The Graph Store Protocol endpoint (e.g. http://host:8890/sparql-graph-crud-auth for Virtuoso, "
                   "http://host:3030/ds/data for Fuseki).")
@click.option("--user", help="User name, answered to the server's Digest or Basic challenge.")
@click.option("--password", envvar="KG_PUSH_PASSWORD", help="Password [default: $KG_PUSH_PASSWORD].")
@click.option("--batch", type=click.IntRange(min=1), default=100, show_default=True,
              help="Releases between two records of what was pushed.")
@click.option("--retries", type=click.IntRange(min=0), default=5, show_default=True,
              help="Tries again after a transient failure, with a growing pause.")
@click.option("--all", "everything", is_flag=True, help="Send every release, not only those changed since the last push.")
@click.option("--state", type=click.Path(dir_okay=False), help="The record of pushes [default: in the store's folder].")
@click.option("--quiet", "-q", is_flag=True, help="No progress and no summary.")
@reports_errors
def push(store_path, endpoint, user, password, batch, retries, everything, state, quiet) -> None:
    """Write the release graphs to a triple-store server (SPARQL 1.1 Graph Store HTTP Protocol),
    replacing each; only the releases changed since the last push to that endpoint are sent."""
    from .push import push as run_push

    show = None
    if not quiet and sys.stderr.isatty():
        def show(done: int, total: int) -> None:
            click.echo(f"\r{done}/{total} releases pushed", err=True, nl=False)
    rep = run_push(store_path, endpoint, user=user, password=password, batch=batch, retries=retries,
                   state=state, everything=everything, progress=show)
    if show:
        click.echo("", err=True)
    if not quiet:
        click.echo(f"{rep.pushed} pushed, {rep.unchanged} unchanged, {rep.removed} removed "
                   f"({rep.graphs} graphs written, {rep.deleted} deleted) in {rep.seconds:.1f} s -> {endpoint}", err=True)


@main.command()
@store_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Port to listen on.")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=None,
              help="Seconds a query may run [default: $KG_TIMEOUT, else 10].")
@click.option("--max-memory", type=click.IntRange(min=64), default=None,
              help="Megabytes of memory a query may take [default: $KG_MAX_MEMORY_MB, else 1024].")
@click.option("--concurrency", type=click.IntRange(min=1), default=None,
              help="Queries run at once [default: $KG_CONCURRENCY, else 4].")
@reports_errors
def serve(store_path, host, port, timeout, max_memory, concurrency) -> None:
    """Serve the store as a read-only SPARQL 1.1 endpoint at /sparql, with the named queries at
    /queries, the dataset's description at /.well-known/void and a health check at /health."""
    from .serve import Limits, serve as run_server

    run_server(store_path, host, port, Limits.from_env(timeout=timeout, max_memory_mb=max_memory,
                                                        concurrency=concurrency))


def _progress():
    import time

    t0 = time.perf_counter()

    def show(done: int, total: int | None) -> None:
        dt = max(time.perf_counter() - t0, 1e-6)
        rate = done / dt
        if total is None:  # releases are read as they are processed: how many is known at the end
            click.echo(f"\r{done} releases  {rate:6.1f}/s", err=True, nl=False)
            return
        eta = (total - done) / rate if rate else 0
        click.echo(f"\r{done}/{total} releases  {rate:6.1f}/s  ETA {eta:5.0f}s", err=True, nl=False)
    return show


@main.command()
@click.argument("name", required=False)
@store_option
@click.option("--sparql", help="SPARQL text to run instead of a named query.")
@click.option("--param", "-p", "params", multiple=True, metavar="NAME=VALUE",
              help="Bind ?NAME to VALUE: a string, or an IRI written <IRI>.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "xml", "csv", "tsv", "jsonl", "turtle", "ntriples",
                                                    "jsonld"]), default="table", show_default=True,
              help="SELECT and ASK: a table, the SPARQL 1.1 results formats json, xml, csv, tsv, or JSON Lines; "
                   "CONSTRUCT and DESCRIBE: turtle (for table too), ntriples, jsonld, xml (RDF/XML).")
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="File to write (atomically); default: standard output.")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=30.0, show_default=True,
              help="Seconds a query may run before it is stopped.")
@click.option("--max-memory", type=click.IntRange(min=64), default=2048, show_default=True,
              help="Megabytes of memory a query may take.")
@click.option("--list", "list_queries", is_flag=True, help="List the named queries and their parameters.")
@reports_errors
def query(name, store_path, sparql, params, fmt, output, timeout, max_memory, list_queries) -> None:
    """Run a named query (see --list), a .rq file or --sparql TEXT on the store.

    The query runs in a process of its own, stopped past --timeout or --max-memory. Tables keep
    every cell whole, except on a terminal, where long cells are cut with an ellipsis.
    """
    import shutil

    from .exporter import write_bytes_atomic
    from .runner import answer
    from .sparql import named_queries, resolve_query

    if list_queries:
        for nq in named_queries().values():
            ps = " ".join(f"--param {p}=..." for p in nq.params)
            first = nq.description.split(". ")[0].split(": ")[0].rstrip(".")
            click.echo(f"{nq.name:20} {first}" + (f"  [{ps}]" if ps else ""))
        return
    bindings = {}
    for p in params:
        if "=" not in p:
            raise UsageError(f"--param {p!r}: expected NAME=VALUE")
        k, v = p.split("=", 1)
        bindings[k.strip()] = v
    text, bindings = resolve_query(name, sparql, bindings)
    width = shutil.get_terminal_size().columns if output is None and sys.stdout.isatty() else None
    data = answer(store_path, text, bindings, fmt, width=width, timeout=timeout, max_memory_mb=max_memory)
    if output:
        write_bytes_atomic(output, data)
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()


@main.command()
@store_option
@click.option("--format", "fmt", default=None,
              help="turtle (ttl), trig, nquads (nq), ntriples (nt), jsonld (json-ld), xml (rdf); or a network: "
                   "graphml, gexf, cytoscape, dot, csv [default: from --output's suffix, else trig; an unknown "
                   "suffix is an error].")
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="File to write (atomically); default: standard output.")
@click.option("--graphs", type=click.Choice(["data", "evidence", "all"]), default="data", show_default=True,
              help="RDF formats: release data graphs only, with their evidence graphs, or every graph of every release.")
@click.option("--network", type=click.Choice(["entities", "coparticipation"]), default="entities", show_default=True,
              help="Network formats: the entity graph, or organizations linked by shared events.")
@reports_errors
def export(store_path, fmt, output, graphs, network) -> None:
    """Write the knowledge graph in an RDF format (sorted), or its entity network for graph tools."""
    from .exporter import RDF_FORMATS, format_name, guess_format, write_rdf, write_rdf_file
    from .network import NETWORK_FORMATS, export_network, guess_network_format
    from .store import read_store

    if not fmt and output:
        fmt = guess_format(output) or guess_network_format(output)
        if fmt is None and Path(output).suffix:
            raise UsageError(f"{output}: unknown output suffix {Path(output).suffix!r}; give --format "
                             f"(one of {', '.join([*RDF_FORMATS, *NETWORK_FORMATS])})")
    fmt = format_name(fmt or "trig")
    if fmt in NETWORK_FORMATS:
        if not output:
            raise UsageError(f"--format {fmt} writes files: give --output PATH")
        for path in export_network(store_path, fmt, output, which=network):
            click.echo(f"wrote {path}", err=True)
        return
    if fmt not in RDF_FORMATS:
        raise UsageError(f"unknown format {fmt!r}; use one of {', '.join([*RDF_FORMATS, *NETWORK_FORMATS])}")
    with read_store(store_path) as store:
        if output:
            write_rdf_file(store, fmt, output, graphs)
        else:
            write_rdf(store, fmt, sys.stdout.buffer, graphs)


@main.command()
@store_option
@click.option("--output", "-o", type=click.Path(dir_okay=False), default="graph.html", show_default=True,
              help="The page to write: one self-contained HTML file that works offline.")
@click.option("--svg", type=click.Path(dir_okay=False), help="Also write a static overview picture (SVG) here.")
@click.option("--seed", type=int, default=7, show_default=True, help="Seed of the layout.")
@reports_errors
def viz(store_path, output, svg, seed) -> None:
    """An interactive view of the entity graph: search, filters by type and year, facts and evidence."""
    from .viz import visualize

    for path in visualize(store_path, output, svg, seed=seed):
        click.echo(f"wrote {path}", err=True)


@main.command()
@store_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--top", type=click.IntRange(min=1), default=10, show_default=True, help="How many organizations to rank.")
@reports_errors
def stats(store_path, fmt, top) -> None:
    """Counts by type, the most connected organizations, events per year, communities of co-participation."""
    from .stats import render_stats, stats_json, store_stats

    d = store_stats(store_path, top=top)
    click.echo(stats_json(d) if fmt == "json" else render_stats(d), nl=False)


@main.command()
@click.argument("target")
@store_option
@click.option("--color/--no-color", default=None, help="Highlight spans [default: on a terminal].")
@reports_errors
def explain(target, store_path, color) -> None:
    """Why the graph says what it says about TARGET: an IRI, a name or acronym ("WCO"), or a triple
    "<s> <p> <o>". Prints each fact with its release, offsets, rule and sentence."""
    from .explain import explain as run_explain, render
    from .store import read_store

    with read_store(store_path) as store:
        reasons = run_explain(store, target)
    use_color = sys.stdout.isatty() if color is None else color
    click.echo(render(reasons, use_color), nl=False, color=use_color)


@main.command(name="eval")
@click.argument("gold_dir", type=click.Path(file_okay=False))
@store_option
@click.option("--misses", is_flag=True, help="Also list what was missed and what was spurious, per release.")
@click.option("--json", "json_path", type=click.Path(dir_okay=False), help="Write the scores as JSON here.")
@reports_errors
def evaluate(gold_dir, store_path, misses, json_path) -> None:
    """Score the store against gold annotations in GOLD_DIR (one JSON file per release, see README)."""
    from .evaluate import evaluate as run_eval, release_views, render
    from .exporter import select_graphs, write_bytes_atomic
    from .store import graph_names, quads, read_store

    with read_store(store_path) as store:
        views = release_views(quads(store, select_graphs(graph_names(store), "data")))
    ev = run_eval(gold_dir, views)
    click.echo(render(ev, misses), nl=False)
    if json_path:
        data = {"fields": ev.table(), "core_f1": ev.core_f1, "all_f1": ev.all_f1, "misses": ev.misses,
                "missing_releases": ev.missing_releases}
        write_bytes_atomic(json_path, (json.dumps(data, indent=1, ensure_ascii=False) + "\n").encode())


@main.command(name="train-roles")
@click.argument("gold_dir", type=click.Path(file_okay=False, exists=True))
@click.argument("text_dir", type=click.Path(file_okay=False, exists=True))
@click.option("--output", "-o", type=click.Path(dir_okay=False), required=True,
              help="The model file to write (the extractor reads ontology/data/role_model.json).")
@click.option("--l2", type=click.FloatRange(min=0.0), default=1.0, show_default=True, help="Strength of the L2 penalty.")
@reports_errors
def train_roles(gold_dir, text_dir, output, l2) -> None:
    """Train the ranked-roles model from gold annotations in GOLD_DIR and the releases in TEXT_DIR."""
    from pathlib import Path

    from .exporter import write_bytes_atomic
    from .train import examples, train

    model = train(examples(Path(gold_dir), Path(text_dir)), l2)
    if not model["examples"]:
        raise click.ClickException(f"{gold_dir}: no gold annotation has its release in {text_dir}")
    write_bytes_atomic(output, (json.dumps(model, indent=1, sort_keys=True) + "\n").encode())
    fit = model["training-fit"]
    for target, scores in fit.items():
        click.echo(f"{target}: {model['examples']} organizations of {model['releases']} releases; "
                   f"F1 of the frames {scores['rules'][2]:.3f}, with the model {scores['with-model'][2]:.3f} "
                   f"(threshold {model['threshold'][target]})")


@main.command()
@store_option
@click.option("--shapes", type=click.Path(dir_okay=False, readable=False), help="SHACL shapes to validate with [default: ontology/shapes.ttl].")
@reports_errors
def validate(store_path, shapes) -> None:
    """Validate every release graph of the store again; exit 1 when one does not conform."""
    from .api import revalidate

    reports = revalidate(store_path, shapes)
    bad = 0
    for r in reports:
        for x in r.results:
            click.echo(f"{x.severity}: {r.release_iri}\n  node {x.focus}: {x.message}"
                       + (f"\n  evidence: {x.evidence}" if x.evidence else ""))
        bad += not r.conforms
    click.echo(f"{len(reports)} releases validated, {bad} do not conform", err=True)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":  # pragma: no cover
    main()
