"""Queries run where they can be stopped: in a child process with a time limit and a memory cap.

    answer(store_path, text, params, fmt, timeout=30, max_memory_mb=2048) -> bytes

Neither query engine can be cancelled from Python once it runs (a signal does not reach into the
engine's native code), so the query runs in a forked child that opens the store read-only and
sends its whole answer back; a child past its time is killed, and one past its memory cap fails its
allocations and ends. The caller gets the answer, or ``QueryError`` saying which limit stopped it.
"""
from __future__ import annotations

import multiprocessing as mp
import os
import sys
from pathlib import Path

from .errors import KgError, QueryError

DEFAULT_TIMEOUT = 30.0
DEFAULT_MAX_MEMORY_MB = 2048


def answer(store_path: str | Path, text: str, params: dict[str, str], fmt: str, *,
           width: int | None = None, timeout: float = DEFAULT_TIMEOUT,
           max_memory_mb: int | None = DEFAULT_MAX_MEMORY_MB, max_bytes: int | None = None,
           dataset: tuple[list[str], list[str]] | None = None) -> bytes:
    """The answer of the query in ``fmt`` (see ``kg.sparql.write_answer``), computed in a child
    process stopped after ``timeout`` seconds or above ``max_memory_mb`` of memory; an answer over
    ``max_bytes`` is refused. ``dataset``: the graphs of the store to use as default and named graphs."""
    from .sparql import gate

    gate(text)  # (a refused query starts no process)
    ctx = mp.get_context("fork" if sys.platform != "win32" else "spawn")
    receive, send = ctx.Pipe(duplex=False)
    child = ctx.Process(target=_child, args=(send, str(store_path), text, params, fmt, width, max_memory_mb,
                                             max_bytes, dataset), daemon=True)
    child.start()
    send.close()
    try:
        if not receive.poll(timeout):
            raise QueryError(f"the query ran over its time limit of {timeout:g} s and was stopped "
                             "(give a longer --timeout, or a narrower query)")
        try:
            kind, payload = receive.recv()
        except EOFError:  # the child ended without a word: killed by the system, or out of memory
            raise QueryError(f"the query stopped without an answer (over its memory cap of {max_memory_mb} MB?)") from None
    finally:
        if child.is_alive():
            child.kill()
        child.join(5)
        receive.close()
    if kind == "error":
        error_class, message = payload
        raise error_class(message)
    return payload


class _Capped:
    """A bytes buffer that refuses to grow past its cap (the answer is cut off, not the machine)."""

    def __init__(self, cap: int):
        import io

        self.cap, self.buf = cap, io.BytesIO()

    def write(self, data: bytes) -> int:
        if self.buf.tell() + len(data) > self.cap:
            raise QueryError(f"the answer is larger than the limit of {self.cap:,} bytes (narrow the query, "
                             "or use LIMIT)")
        return self.buf.write(data)

    def flush(self) -> None:
        pass

    def getvalue(self) -> bytes:
        return self.buf.getvalue()


def _child(send, store_path: str, text: str, params: dict[str, str], fmt: str, width: int | None,
           max_memory_mb: int | None, max_bytes: int | None = None,
           dataset: tuple[list[str], list[str]] | None = None) -> None:
    import io

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)  # (the engine's own last words, when a limit kills it, are not the user's)
    if max_memory_mb:
        import resource

        # the heap and private mappings (not the address space: thread stacks and mapped files are
        # reserved there, not used)
        cap = max_memory_mb * 1024 * 1024
        try:
            resource.setrlimit(resource.RLIMIT_DATA, (cap, cap))
        except (ValueError, OSError):
            pass  # (a lower hard limit is already in force)
    try:
        from .sparql import execute, write_answer
        from .store import read_store

        buf = _Capped(max_bytes) if max_bytes else io.BytesIO()
        with read_store(store_path) as store:
            write_answer(execute(store, text, params, dataset), fmt, buf, width)
        send.send(("answer", buf.getvalue()))
    except KgError as e:
        send.send(("error", (type(e), str(e))))
    except MemoryError:
        send.send(("error", (QueryError, f"the query needed more than its memory cap of {max_memory_mb} MB")))
    except Exception as e:  # an engine error is the query's, told as such
        send.send(("error", (QueryError, f"the query failed: {type(e).__name__}: {e}")))
    finally:
        send.close()
        os._exit(0)  # (no cleanup of the parent's state in the child)
