"""The ``kg`` command, run as the installed executable in a subprocess.

* ``kg --help`` and every command's ``--help`` exit 0; every command documents ``--store``;
* ``kg build`` on a bad input (empty, unreadable, Latin-1, invalid UTF-8, NUL byte, FIFO, unknown
  suffix, missing path, JSON with a lone surrogate, a bad file inside a folder) exits 2, names the file and the problem on stderr,
  and leaves a store built before exactly as it was (and creates none when there was none);
* ``kg query`` / ``kg export`` / ``kg validate`` on a directory that is not a store exit 2 with a
  message and leave the directory as it was; ``kg export --format nope`` exits 2;
* ``kg validate`` exits 0 on the seed store and 1, naming the release, the node and the shape's
  message, when a release graph of the store violates a shape (a quad added with pyoxigraph);
* ``kg build --strict`` exits 0 on the seed. No release text was found that makes the extractor
  produce a graph violating ``ontology/shapes.ttl``, so quarantine is triggered with stricter shapes
  (``fixtures/cli/strict-shapes.ttl``: no event may be the session of a body, and the seed reports one):
  ``--strict`` then exits 1;
* ``kg build --report``: the counts and per-stage seconds; unchanged -> skipped, changed -> replaced,
  ``--prune`` after deleting a file removes its graphs;
* ``--jobs 1`` and ``--jobs 2`` give identical stores.
"""
from __future__ import annotations

import gc
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pyoxigraph as ox
import pytest

import kg.cli
import kg.iri
from kg.store import write_snapshot

from conftest import (FIXTURE_RELEASES, SEED_FILE, SEED_ID, STRICT_MESSAGE, STRICT_SHAPES, copy_store, describe,
                      kg_executable, run_kg, store_graph_names, store_nquads)

SEED_IRI = kg.iri.release_iri(SEED_ID)
SDO = "https://schema.org/"
XSD = "http://www.w3.org/2001/XMLSchema#"
COMMANDS = sorted(kg.cli.main.commands)
STORELESS = {"train-roles"}  # reads gold and releases, writes a model file
REPORT_COUNTS = ("read", "added", "replaced", "skipped", "quarantined", "failed", "pruned")
STAGES = ("read", "extract", "validate", "store")


def build(*args, expect: int = 0):
    proc = run_kg("build", "--quiet", *args)
    assert proc.returncode == expect, describe(proc)
    return proc


def read_report(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


# --------------------------------------------------------------------------- help


def test_cli_help_exits_0_and_lists_every_command():
    proc = run_kg("--help")
    assert proc.returncode == 0, describe(proc)
    out = proc.stdout.decode()
    assert {"build", "query", "export", "validate"} <= set(COMMANDS)
    for name in COMMANDS:
        assert re.search(rf"^\s+{re.escape(name)}\b", out, re.M), f"`kg --help` does not list {name}:\n{out}"


@pytest.mark.parametrize("command", COMMANDS)
def test_cli_command_help_exits_0_and_documents_store(command):
    proc = run_kg(command, "--help")
    assert proc.returncode == 0, describe(proc)
    out = proc.stdout.decode()
    if command not in STORELESS:
        assert "--store" in out, f"`kg {command} --help` does not document --store:\n{out}"


def test_cli_unknown_command_exits_2():
    proc = run_kg("frobnicate")
    assert proc.returncode == 2, describe(proc)


# --------------------------------------------------------------------------- bad inputs


def _empty(d: Path) -> Path:
    p = d / "empty.txt"
    p.write_bytes(b"")
    return p


def _blank(d: Path) -> Path:
    p = d / "blank.txt"
    p.write_bytes(b" \n\n\t \n")
    return p


def _latin1(d: Path) -> Path:
    p = d / "latin1.txt"
    p.write_bytes("Réunion à Genève\n\n7 juin 2019\n\nL'OMD a participé à une réunion à Genève.\n".encode("latin-1"))
    return p


def _invalid_utf8(d: Path) -> Path:
    p = d / "invalid-utf8.txt"
    p.write_bytes(b"WCO meets in Vienna\n\n7 June 2019\n\nThe \xff\xfe\xfd WCO met.\n")
    return p


def _nul(d: Path) -> Path:
    p = d / "nul.txt"
    p.write_bytes(b"WCO meets in Vienna\n\n7 June 2019\n\nThe WCO\x00 met.\n")
    return p


def _unreadable(d: Path) -> Path:
    p = d / "unreadable.txt"  # (kg runs without root's power to read it: see UNPRIVILEGED)
    shutil.copy(SEED_FILE, p)
    p.chmod(0)
    return p


def _fifo(d: Path) -> Path:
    p = d / "pipe.txt"
    os.mkfifo(p)
    return p


def _missing(d: Path) -> Path:
    return d / "no-such-release.txt"


def _unknown_suffix(d: Path) -> Path:
    p = d / "release.docx"
    shutil.copy(SEED_FILE, p)
    return p


def _json_lone_surrogate(d: Path) -> Path:
    p = d / "surrogate.json"
    # valid JSON and valid UTF-8, but the escape decodes to a lone surrogate: not a Unicode character
    p.write_text('{"id": "s1", "title": "WCO meets UNODC", "text": "The WCO \\udc80 met UNODC in Vienna."}',
                 encoding="utf-8")
    return p


def _bad_file_in_folder(d: Path) -> Path:
    folder = d / "folder"
    folder.mkdir()
    shutil.copy(SEED_FILE, folder / "a-good-release.txt")
    return _latin1(folder)


BAD_INPUTS = {  # case -> (make the bad file, the problem stderr must state besides naming the file)
    "empty-file": (_empty, r"empty"),
    "whitespace-only-file": (_blank, r"empty"),
    "latin-1-file": (_latin1, r"not UTF-8"),
    "invalid-utf-8": (_invalid_utf8, r"not UTF-8"),
    "nul-byte": (_nul, r"NUL"),
    "unreadable-chmod-000": (_unreadable, r"permission denied"),
    "fifo": (_fifo, r"not a regular file"),
    "missing-path": (_missing, r"no such file"),
    "unknown-suffix": (_unknown_suffix, r"unknown file type"),
    "json-lone-surrogate": (_json_lone_surrogate, r"surrogate|unicode|UTF"),
    "bad-file-in-folder": (_bad_file_in_folder, r"not UTF-8"),
}


UNPRIVILEGED = {"unreadable-chmod-000"}  # the cases kg runs in obeying file permissions, even as root


@pytest.mark.parametrize("case", list(BAD_INPUTS))
def test_cli_build_strict_bad_input_exits_2_names_file_and_keeps_store(case, seed_store, tmp_path):
    make, problem = BAD_INPUTS[case]
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    bad = make(inputs)
    given = bad.parent if case == "bad-file-in-folder" else bad
    store = copy_store(seed_store, tmp_path / "store")
    before = store_nquads(store)
    proc = run_kg("build", given, "--store", store, "--jobs", "1", "--strict", obey_permissions=case in UNPRIVILEGED)
    assert proc.returncode == 2, describe(proc)
    assert str(bad) in proc.stderr, f"stderr does not name {bad}:\n{proc.stderr}"
    assert re.search(problem, proc.stderr, re.I), f"stderr does not say {problem!r}:\n{proc.stderr}"
    assert "Traceback" not in proc.stderr, proc.stderr
    assert store_nquads(store) == before, "a failed build changed the store"


@pytest.mark.parametrize("case", list(BAD_INPUTS))
def test_cli_build_bad_input_is_reported_and_the_build_goes_on(case, tmp_path):
    make, problem = BAD_INPUTS[case]
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    bad = make(inputs)
    good = tmp_path / "good"
    good.mkdir()
    shutil.copy(SEED_FILE, good / "seed.txt")
    given = bad.parent if case == "bad-file-in-folder" else bad
    proc = run_kg("build", given, good, "--store", tmp_path / "store", "--jobs", "1", obey_permissions=case in UNPRIVILEGED)
    assert proc.returncode == 1, describe(proc)
    assert f"failed: {bad}" in proc.stderr and re.search(problem, proc.stderr, re.I), proc.stderr
    assert "Traceback" not in proc.stderr, proc.stderr
    added = 2 if case == "bad-file-in-folder" else 1  # (the good release beside the bad file too)
    assert f"{added} added" in proc.stderr and "1 failed" in proc.stderr, proc.stderr


@pytest.mark.parametrize("case", ["empty-file", "latin-1-file", "missing-path"])
def test_cli_build_strict_bad_input_creates_no_store(case, tmp_path):
    make = BAD_INPUTS[case][0]
    bad = make(tmp_path)
    proc = run_kg("build", bad, "--store", tmp_path / "new-store", "--strict")
    assert proc.returncode == 2, describe(proc)
    assert not (tmp_path / "new-store").exists()


# --------------------------------------------------------------------------- not a store


def _missing_dir(d: Path) -> Path:
    return d / "nowhere"


def _empty_dir(d: Path) -> Path:
    (d / "empty").mkdir()
    return d / "empty"


def _dir_with_files(d: Path) -> Path:
    p = d / "documents"
    p.mkdir()
    (p / "notes.txt").write_text("not a store\n")
    return p


def _file(d: Path) -> Path:
    p = d / "store.txt"
    p.write_text("not a store\n")
    return p


NOT_STORES = {"missing-directory": _missing_dir, "empty-directory": _empty_dir,
              "directory-with-files": _dir_with_files, "regular-file": _file}
READERS = {"query": ["query", "releases"], "export": ["export"], "validate": ["validate"]}


def _tree(p: Path) -> list[str]:
    if not p.exists():
        return ["<missing>"]
    if p.is_file():
        return [p.read_text()]
    return sorted(str(x.relative_to(p)) for x in p.rglob("*"))


@pytest.mark.parametrize("command", list(READERS))
@pytest.mark.parametrize("where", list(NOT_STORES))
def test_cli_reading_a_non_store_exits_2_and_leaves_it_alone(command, where, tmp_path):
    path = NOT_STORES[where](tmp_path)
    before = _tree(path)
    proc = run_kg(*READERS[command], "--store", path)
    assert proc.returncode == 2, describe(proc)
    assert "error" in proc.stderr.lower() and str(path) in proc.stderr, proc.stderr
    assert "Traceback" not in proc.stderr, proc.stderr
    assert _tree(path) == before, f"`kg {command}` changed {path}"


def test_cli_export_unknown_format_exits_2(seed_store):
    proc = run_kg("export", "--store", seed_store, "--format", "nope")
    assert proc.returncode == 2, describe(proc)
    assert "nope" in proc.stderr and "turtle" in proc.stderr, proc.stderr
    assert proc.stdout == b""


def test_cli_query_on_seed_store_lists_the_release(seed_store):
    proc = run_kg("query", "releases", "--store", seed_store, "--format", "json")
    assert proc.returncode == 0, describe(proc)
    assert SEED_ID in proc.stdout.decode() or SEED_IRI in proc.stdout.decode()


# --------------------------------------------------------------------------- validate


def test_cli_validate_seed_store_exits_0(seed_store):
    proc = run_kg("validate", "--store", seed_store)
    assert proc.returncode == 0, describe(proc)
    assert "1 releases validated, 0 do not conform" in proc.stderr


RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def _lit(value: str, datatype: str | None = None) -> ox.Literal:
    return ox.Literal(value, datatype=ox.NamedNode(datatype)) if datatype else ox.Literal(value)


EVENT, TOPIC = "urn:x-placeholder:event", "urn:x-placeholder:topic"  # replaced by the seed's own, looked up by the test
BAD_QUADS = {  # case -> (subject, predicate, object, focus node reported, message of the shape)
    "second-datePublished-string": (SEED_IRI, SDO + "datePublished", _lit("x"), SEED_IRI,
                                    "A release has at most one schema:datePublished, and it must be an xsd:date."),
    "startDate-after-endDate": (EVENT, SDO + "startDate", _lit("2019-06-30", XSD + "date"), EVENT,
                                "The schema:startDate of an event must not be after its schema:endDate."),
    "attendee-is-a-topic": (EVENT, SDO + "attendee", ox.NamedNode(TOPIC), EVENT,
                            "A schema:attendee of an event must be a schema:Organization."),
}


@pytest.mark.parametrize("case", list(BAD_QUADS))
def test_cli_validate_reports_nonconforming_release_and_exits_1(case, seed_store, tmp_path):
    s, p, o, focus, message = BAD_QUADS[case]
    store_path = copy_store(seed_store, tmp_path / "store")
    store = ox.Store(str(store_path))
    typed = {t: next(iter(store.quads_for_pattern(None, ox.NamedNode(RDF_TYPE), ox.NamedNode(t), ox.NamedNode(SEED_IRI)))).subject.value
             for t in (SDO + "Event", "https://w3id.org/release-kg/ontology#Topic")}
    real = {EVENT: typed[SDO + "Event"], TOPIC: typed["https://w3id.org/release-kg/ontology#Topic"]}
    s, focus = real.get(s, s), real.get(focus, focus)
    if isinstance(o, ox.NamedNode) and o.value in real:
        o = ox.NamedNode(real[o.value])
    store.add(ox.Quad(ox.NamedNode(s), ox.NamedNode(p), o, ox.NamedNode(SEED_IRI)))
    write_snapshot(store, store_path)  # (what readers read, as a build leaves it)
    del store
    gc.collect()
    proc = run_kg("validate", "--store", store_path)
    assert proc.returncode == 1, describe(proc)
    out = proc.stdout.decode()
    assert f"Violation: {SEED_IRI}\n  node {focus}: {message}" in out, out
    assert "1 releases validated, 1 do not conform" in proc.stderr


def test_cli_validate_with_shapes_reports_quarantined_release(tmp_path):
    store = tmp_path / "store"
    build(SEED_FILE, "--store", store, "--shapes", STRICT_SHAPES, "--jobs", "1")
    proc = run_kg("validate", "--store", store, "--shapes", STRICT_SHAPES)
    assert proc.returncode == 1, describe(proc)
    assert f"Violation: {SEED_IRI}\n" in proc.stdout.decode() and STRICT_MESSAGE in proc.stdout.decode()
    proc = run_kg("validate", "--store", store)  # the project's shapes: the same graph conforms
    assert proc.returncode == 0, describe(proc)


# --------------------------------------------------------------------------- build --strict


def test_cli_build_strict_exits_1_when_a_release_is_quarantined(tmp_path):
    store = tmp_path / "store"
    proc = run_kg("build", SEED_FILE, "--store", store, "--shapes", STRICT_SHAPES, "--strict", "--jobs", "1")
    assert proc.returncode == 1, describe(proc)
    assert f"quarantined: {SEED_FILE}" in proc.stderr
    assert STRICT_MESSAGE in proc.stderr
    names = store_graph_names(store)
    assert SEED_IRI + "/quarantine" in names and SEED_IRI not in names, names


def test_cli_build_without_strict_exits_0_when_a_release_is_quarantined(tmp_path):
    proc = run_kg("build", SEED_FILE, "--store", tmp_path / "store", "--shapes", STRICT_SHAPES, "--jobs", "1")
    assert proc.returncode == 0, describe(proc)
    assert f"quarantined: {SEED_FILE}" in proc.stderr


def test_cli_build_strict_exits_0_on_the_seed(tmp_path):
    proc = run_kg("build", SEED_FILE, "--store", tmp_path / "store", "--strict", "--jobs", "1")
    assert proc.returncode == 0, describe(proc)
    assert "quarantined:" not in proc.stderr


# --------------------------------------------------------------------------- build --report


@pytest.fixture
def folder(tmp_path) -> Path:
    """A folder holding a copy of the seed release."""
    d = tmp_path / "releases"
    d.mkdir()
    shutil.copy(SEED_FILE, d / SEED_FILE.name)
    return d


def test_cli_build_report_has_counts_and_seconds_per_stage(folder, tmp_path):
    shutil.copy(FIXTURE_RELEASES / "01-ports-forum.txt", folder / "01-ports-forum.txt")
    report = tmp_path / "r.json"
    build(folder, "--store", tmp_path / "store", "--report", report, "--jobs", "1", "--shapes", STRICT_SHAPES)
    data = read_report(report)
    for key in REPORT_COUNTS:
        assert isinstance(data[key], int), (key, data)
    assert {k: data[k] for k in REPORT_COUNTS} == {
        "read": 2, "added": 2, "replaced": 0, "skipped": 0, "quarantined": 1, "failed": 0, "pruned": 0}
    assert set(STAGES) <= set(data["seconds"]), data["seconds"]
    assert all(isinstance(v, (int, float)) and v >= 0 for v in data["seconds"].values()), data["seconds"]
    assert [q["source"] for q in data["quarantine"]] == [str(folder / SEED_FILE.name)]


def test_cli_build_twice_skips_the_unchanged_release(folder, tmp_path):
    store = tmp_path / "store"
    build(folder, "--store", store, "--report", tmp_path / "1.json")
    before = store_nquads(store)
    build(folder, "--store", store, "--report", tmp_path / "2.json")
    first, second = read_report(tmp_path / "1.json"), read_report(tmp_path / "2.json")
    assert (first["added"], first["skipped"]) == (1, 0)
    assert (second["read"], second["added"], second["replaced"], second["skipped"]) == (1, 0, 0, 1)
    assert store_nquads(store) == before


def test_cli_build_changed_file_is_replaced(folder, tmp_path):
    store = tmp_path / "store"
    build(folder, "--store", store)
    before = store_nquads(store)
    release = folder / SEED_FILE.name
    release.write_text(release.read_text(encoding="utf-8").replace("Vienna, Austria", "Geneva, Switzerland"),
                       encoding="utf-8")
    build(folder, "--store", store, "--report", tmp_path / "r.json")
    data = read_report(tmp_path / "r.json")
    assert (data["read"], data["added"], data["replaced"], data["skipped"]) == (1, 0, 1, 0)
    after = store_nquads(store)
    assert after != before
    assert any("Geneva" in q for q in after) and not any('"Vienna"' in q for q in after)


def test_cli_build_prune_removes_graphs_of_deleted_file(folder, tmp_path):
    extra = folder / "01-ports-forum.txt"
    shutil.copy(FIXTURE_RELEASES / extra.name, extra)
    store = tmp_path / "store"
    build(folder, "--store", store)
    names_before = store_graph_names(store)
    gone = kg.iri.release_iri(extra.stem)
    assert {gone, gone + "/evidence", gone + "/meta"} <= set(names_before)
    extra.unlink()
    build(folder, "--store", store, "--report", tmp_path / "keep.json")
    assert read_report(tmp_path / "keep.json")["pruned"] == 0
    assert store_graph_names(store) == names_before, "without --prune the graphs of a deleted file stay"
    build(folder, "--store", store, "--prune", "--report", tmp_path / "prune.json")
    data = read_report(tmp_path / "prune.json")
    assert (data["pruned"], data["skipped"]) == (1, 1)
    names_after = store_graph_names(store)
    assert len(names_after) < len(names_before)
    assert not [n for n in names_after if n.startswith(gone)]
    assert names_after == [n for n in names_before if not n.startswith(gone)]


def test_cli_build_jobs_1_and_2_give_identical_stores(tmp_path):
    d = tmp_path / "releases"
    d.mkdir()
    shutil.copy(SEED_FILE, d / SEED_FILE.name)
    for f in sorted(FIXTURE_RELEASES.iterdir()):
        shutil.copy(f, d / f.name)
    # the strict shapes quarantine the seed, so both the data and the quarantine paths are compared
    build(d, "--store", tmp_path / "one", "--jobs", "1", "--report", tmp_path / "one.json", "--shapes", STRICT_SHAPES)
    build(d, "--store", tmp_path / "two", "--jobs", "2", "--report", tmp_path / "two.json", "--shapes", STRICT_SHAPES)
    one, two = read_report(tmp_path / "one.json"), read_report(tmp_path / "two.json")
    assert {k: one[k] for k in REPORT_COUNTS} == {k: two[k] for k in REPORT_COUNTS}
    assert one["read"] == 4 and one["quarantined"] == 1
    a, b = store_nquads(tmp_path / "one"), store_nquads(tmp_path / "two")
    assert a and a == b, "--jobs 1 and --jobs 2 stores differ:\n" + "\n".join(sorted(set(a) ^ set(b))[:40])


# --------------------------------------------------------------------------- errors of the system


def test_cli_a_folder_of_other_files_is_not_taken_for_a_store(tmp_path):
    folder = tmp_path / "my-documents"
    folder.mkdir()
    (folder / "notes.txt").write_text("keep me")
    proc = run_kg("build", SEED_FILE, "--store", folder)
    assert proc.returncode == 2, describe(proc)
    assert "a folder that holds other files, not a store" in proc.stderr
    assert sorted(p.name for p in folder.iterdir()) == ["notes.txt"]


def test_cli_a_damaged_store_is_a_message(seed_store, tmp_path):
    store = copy_store(seed_store, tmp_path / "store")
    for f in store.rglob("MANIFEST-*"):  # (the store and its snapshots)
        f.write_bytes(b"\x00garbage" * 10)
    for command in (["query", "releases"], ["export"], ["stats"], ["build", SEED_FILE]):
        proc = run_kg(*command, "--store", store)
        assert proc.returncode == 2, describe(proc)
        assert "store is damaged" in proc.stderr and "Traceback" not in proc.stderr, proc.stderr


@pytest.mark.parametrize("target", ["/proc/kg-cannot-write-here.ttl", "{tmp}/a-file/inside-a-file.ttl"])
def test_cli_an_output_that_cannot_be_written_is_a_message(seed_store, tmp_path, target):
    (tmp_path / "a-file").write_text("a file, not a folder")
    target = target.format(tmp=tmp_path)
    for command in (["export"], ["query", "releases"]):
        proc = run_kg(*command, "--store", seed_store, "-o", target)
        assert proc.returncode == 2, describe(proc)
        assert f"kg: error: {target}:" in proc.stderr and "Traceback" not in proc.stderr, proc.stderr


def test_cli_a_full_disk_on_standard_output_is_a_message(seed_store):
    with open("/dev/full", "wb") as full:
        proc = subprocess.run([kg_executable(), "export", "--store", str(seed_store)], stdout=full,
                              stderr=subprocess.PIPE, timeout=120)
    assert proc.returncode == 2
    assert b"No space left on device" in proc.stderr and b"Traceback" not in proc.stderr


def test_cli_a_closed_pipe_ends_quietly(seed_store):
    proc = subprocess.Popen([kg_executable(), "export", "--store", str(seed_store)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    proc.stdout.read(10)
    proc.stdout.close()
    assert proc.wait(timeout=120) == 0
    assert b"Traceback" not in proc.stderr.read()


def test_cli_a_store_keeps_the_base_of_its_first_build(tmp_path):
    store = tmp_path / "store"
    proc = run_kg("build", SEED_FILE, "--store", store, "--base", "https://example.org/kg/", "-j", "1")
    assert proc.returncode == 0, describe(proc)
    before = store_nquads(store)
    # without --base, the store's base is followed: nothing is stored twice
    proc = run_kg("build", SEED_FILE, "--store", store, "-j", "1")
    assert proc.returncode == 0 and "1 unchanged" in proc.stderr, describe(proc)
    # another base is refused, and nothing changes
    proc = run_kg("build", SEED_FILE, "--store", store, "--base", "https://w3id.org/release-kg/id/", "-j", "1")
    assert proc.returncode == 2, describe(proc)
    assert "the store was built with --base https://example.org/kg/" in proc.stderr
    assert store_nquads(store) == before
    releases = [line for line in before if "https://schema.org/identifier" in line and "/meta>" in line]
    assert len(releases) == 1 and "https://example.org/kg/release/" in releases[0]
