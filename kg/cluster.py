"""Builds on a Dask cluster: ``kg build --cluster tcp://scheduler:8786``.

The build reads the releases and writes the store in this process, as always; the processing of each
batch of releases (extraction, resolution, RDF, validation: ``builder.work``, a pure function of its
job) runs on the workers of an existing Dask distributed deployment, given by its scheduler's address.
Jobs are submitted as the stream of releases is read, a bounded number at a time, and their outcomes
taken back in order, so the store is written in the same order as by a local build and the result is
the same, byte for byte in sorted exports.

A worker that dies takes its tasks with it; the scheduler runs them again on the others (Dask's own
bookkeeping), so no release is lost. A task that fails by itself (not by its worker's death) is tried
again ``RETRIES`` times. The workers need this package installed, at the same version: the job carries
the settings and the shapes, never code.
"""
from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator

from .builder import Job, in_order, work
from .errors import UsageError

RETRIES = 2
CONNECT_SECONDS = 20


def _key(job: Job) -> str:
    """A task key that names the job's content (the same releases at the same settings: the same key)."""
    h = hashlib.sha256(job.fingerprint.encode())
    for release, content, r_iri in job.items:
        h.update(f"\0{r_iri}\0{content}\0{release.source}".encode())
    return f"kg-work-{h.hexdigest()[:32]}"


def executor(address: str, in_flight: int | None = None) -> Callable[[Iterator[Job]], Iterator[tuple]]:
    """A build executor (see ``builder.build``) that runs the jobs on the cluster at ``address``, with at
    most ``in_flight`` jobs submitted and not yet taken back (default: twice the cluster's threads)."""
    try:
        from distributed import Client
    except ImportError:
        raise UsageError("--cluster needs Dask's distributed package: pip install 'release-kg[cluster]'") from None

    def run(jobs: Iterator[Job]) -> Iterator[tuple]:
        try:
            client = Client(address, timeout=CONNECT_SECONDS, set_as_default=False)
        except (OSError, TimeoutError, ValueError) as e:
            raise UsageError(f"cannot reach the Dask scheduler at {address}: {e}") from None
        try:
            limit = in_flight or max(2, 2 * sum(client.nthreads().values()))
            submit = lambda job: client.submit(work, job, key=_key(job), pure=False, retries=RETRIES)  # noqa: E731
            for _, result in in_order(jobs, submit, _take, limit):
                yield result
        finally:
            client.close()

    return run


def _take(future) -> tuple:
    result = future.result()
    future.release()
    return result
