"""Order-keeping parallel work over pages, with one pipeline (and model) per worker process."""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterable, Iterator
from typing import Any

from .pipeline import Pipeline
from .stream import chunked

# Pages per task: big enough that pickling and IPC stay small next to the work, small
# enough that a slow chunk does not stall the ordered output for long.
_CHUNK = 32

_worker_pipeline: Pipeline | None = None


def _init_worker(params: dict[str, Any]) -> None:
    global _worker_pipeline
    # One compute thread per worker: the tree model's OpenMP threads would otherwise
    # compete with the other workers for the same cores.
    from threadpoolctl import threadpool_limits

    threadpool_limits(1)
    _worker_pipeline = Pipeline(**params)
    _worker_pipeline._resolve()


def _apply(pipeline: Pipeline, kind: str, texts: list[str]) -> list[Any]:
    """``pipeline.clean`` (kind ``"clean"``) or ``label`` of each text, in order."""
    return list(pipeline.clean_many(texts) if kind == "clean" else pipeline.label_many(texts))


def _run(task: tuple[str, list[str]]) -> list[Any]:
    kind, texts = task
    if _worker_pipeline is None:  # pragma: no cover - the initializer always runs first
        raise RuntimeError("worker pipeline was not initialised")
    return _apply(_worker_pipeline, kind, texts)


class PagePool:
    """``pipeline.clean``/``label`` over lists of pages, in order, on ``n_jobs`` processes.

    Use as a context manager; the workers (each with its own loaded model) live until the
    block ends, so a stream of batches pays the start-up once.
    """

    def __init__(self, pipeline: Pipeline, n_jobs: int) -> None:
        if not isinstance(n_jobs, int) or n_jobs < 1:
            raise ValueError(f"n_jobs must be a positive integer, not {n_jobs!r}")
        self.pipeline = pipeline
        self.n_jobs = n_jobs
        self._pool: Any = None

    def __enter__(self) -> "PagePool":
        if self.n_jobs > 1:
            self.pipeline._resolve()
            params = self.pipeline.get_params()
            if isinstance(params.get("model"), str) and params["model"] == "default":
                params["model"] = self.pipeline.model_  # ship the loaded model rather than reload
            # "spawn" avoids forking a process that may hold threads (BLAS, the caller's own).
            ctx = multiprocessing.get_context("spawn")
            self._pool = ctx.Pool(self.n_jobs, initializer=_init_worker, initargs=(params,))
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            if exc[0] is None:
                self._pool.close()
            else:
                self._pool.terminate()
            self._pool.join()
            self._pool = None

    def map(self, kind: str, texts: list[str]) -> list[Any]:
        """Results for ``texts`` (``kind`` is ``"clean"`` or ``"label"``), in order."""
        if self._pool is None:
            return _apply(self.pipeline, kind, texts)
        tasks = [(kind, chunk) for chunk in chunked(texts, _CHUNK)]
        return [r for chunk in self._pool.map(_run, tasks) for r in chunk]


def map_pages(kind: str, texts: Iterable[str], pipeline: Pipeline | None, n_jobs: int) -> Iterator[Any]:
    """Yield ``pipeline.clean``/``label`` of each text, in input order, in bounded memory."""
    if pipeline is None:
        from . import _default_pipeline

        pipeline = _default_pipeline()
    with PagePool(pipeline, n_jobs) as pool:
        # Several chunks per worker per round, so that one slow chunk idles the others briefly.
        for batch in chunked(texts, _CHUNK * n_jobs * 8):
            yield from pool.map(kind, batch)
