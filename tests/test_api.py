"""The Python API (``kg.build``, ``kg.query``, ``kg.export``, ``kg.dataset``, ``kg.revalidate``): every
function works when called twice, and after any module of the package has been imported (no module
shares its name with an API function)."""
from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

import pytest

import kg

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("api") / "store"
    kg.build([SEEDS], path)
    return path


def _every_module() -> list[str]:
    return sorted(m.name for m in pkgutil.walk_packages(kg.__path__, "kg.") if not m.name.endswith("__main__"))


def test_no_module_of_the_package_is_named_like_an_api_function():
    names = {m.rsplit(".", 1)[-1] for m in _every_module()}
    assert not names & set(kg.__all__), names & set(kg.__all__)


def test_every_api_function_works_twice_and_after_importing_every_module(store, tmp_path):
    for _ in range(2):
        assert kg.build([SEEDS], store).skipped == 1
        rows = kg.query(store, "participations", org="WCO")
        assert [r["event_name"] for r in rows] == [
            "10th session of the Implementation Review Group of the Conference of the States Parties to the "
            "United Nations Convention against Corruption"]
        assert kg.query(store, "ASK { ?s ?p ?o }") == [{"ask": True}]
        assert kg.export(store, "ntriples").count(b"\n") > 50
        assert sum(len(g) for g in kg.dataset(store).graphs()) > 50
        assert [r.conforms for r in kg.revalidate(store)] == [True]
        for name in _every_module():
            importlib.import_module(name)
    assert callable(kg.build) and callable(kg.query) and callable(kg.export)
