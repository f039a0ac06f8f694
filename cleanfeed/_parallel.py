"""Order-keeping parallel map over pages, with one pipeline (and model) per worker process."""

from __future__ import annotations

import itertools
import multiprocessing
from collections.abc import Iterable, Iterator
from typing import Any

from .pipeline import Pipeline

# Pages per task: big enough that pickling and IPC stay small next to the work, small
# enough that a slow chunk does not stall the ordered output for long.
_CHUNK = 32

_worker_pipeline: Pipeline | None = None


def _init_worker(params: dict[str, Any]) -> None:
    global _worker_pipeline
    _worker_pipeline = Pipeline(**params)
    _worker_pipeline._resolve()


def _run(task: tuple[str, list[str]]) -> list[Any]:
    kind, texts = task
    assert _worker_pipeline is not None
    if kind == "clean":
        return list(_worker_pipeline.clean_many(texts))
    return list(_worker_pipeline.label_many(texts))


def _chunks(kind: str, texts: Iterable[str]) -> Iterator[tuple[str, list[str]]]:
    it = iter(texts)
    while chunk := list(itertools.islice(it, _CHUNK)):
        yield kind, chunk


def map_pages(kind: str, texts: Iterable[str], pipeline: Pipeline | None, n_jobs: int) -> Iterator[Any]:
    """Yield ``pipeline.clean``/``label`` of each text, in input order."""
    if not isinstance(n_jobs, int) or n_jobs < 1:
        raise ValueError(f"n_jobs must be a positive integer, not {n_jobs!r}")
    if pipeline is None:
        from . import _default_pipeline

        pipeline = _default_pipeline()
    if n_jobs == 1:
        yield from (pipeline.clean_many(texts) if kind == "clean" else pipeline.label_many(texts))
        return
    params = pipeline.get_params()
    if params.get("model") == "default" and getattr(pipeline, "model_", None) is not None:
        params["model"] = pipeline.model_  # ship the loaded model rather than reload per worker
    # "spawn" avoids forking a process that may hold threads (BLAS, the caller's own).
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(n_jobs, initializer=_init_worker, initargs=(params,)) as pool:
        for results in pool.imap(_run, _chunks(kind, texts)):
            yield from results
