"""The errors ``kg`` raises on purpose. Anything else is a bug and keeps its traceback.

    KgError                 base; the CLI turns it into a message and an exit code
    ├── InputError          an input file cannot be read as a release (exit 2)
    ├── UsageError          a bad option, parameter, query name or format (exit 2)
    ├── StoreError          the store cannot be opened or written (exit 2)
    ├── QueryError          a SPARQL query does not parse or is refused (exit 2)
    └── RemoteError         a server (kg push) cannot be reached or refuses (exit 2)

Data that does not conform to the shapes is not an error: it is a validation report (exit 1).
"""
from __future__ import annotations


class KgError(Exception):
    """Base of every error ``kg`` reports to its user."""

    exit_code = 2


class InputError(KgError):
    """An input file is missing, unreadable, empty or not a release."""

    def __init__(self, path: object, problem: str):
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


class UsageError(KgError):
    """The user asked for something that does not exist or cannot be combined."""


class StoreError(KgError):
    """The on-disk store cannot be opened, read or written."""


class QueryError(KgError):
    """A SPARQL query does not parse, or uses a feature that is refused."""


class RemoteError(KgError):
    """A server cannot be reached, refuses the credentials, or answers with an error."""
