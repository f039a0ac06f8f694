"""Order-keeping parallel work over pages, with one pipeline (and model) per worker process.

Workers are started with ``spawn``, which re-imports the caller's main script in every
worker.  Called at the top level of a script without an ``if __name__ == "__main__":``
guard, each worker would run the script again, start workers of its own, fail, and leave
``multiprocessing.Pool`` waiting on them for ever.  So the call is checked first (an
unguarded call runs in this process, with a warning), and the workers live in a
``concurrent.futures`` pool, which reports a worker that dies instead of waiting on it.
"""

from __future__ import annotations

import ast
import multiprocessing
import sys
import warnings
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import lru_cache
from types import FrameType
from typing import Any

from .pagekind import LabelledPage
from .pipeline import Pipeline
from .stream import chunked

# Pages per task: big enough that pickling and IPC stay small next to the work, small
# enough that a slow chunk does not stall the ordered output for long.
_CHUNK = 32

_worker_pipeline: Pipeline | None = None
_pipelines: dict[str, Pipeline] = {}


def worker_pipeline(params: dict[str, Any]) -> Pipeline:
    """The loaded pipeline for ``params`` in this process, built on first use: how every
    worker (these processes, ``datasets`` map workers, Spark's Python workers) gets its
    own copy of the model once."""
    key = repr(sorted(params.items(), key=lambda kv: kv[0]))
    pipeline = _pipelines.get(key)
    if pipeline is None:
        pipeline = _pipelines[key] = Pipeline(**params).load()
    return pipeline


def clean_nullable(pipeline: Pipeline, texts: Sequence[str | None], with_labels: bool
                   ) -> tuple[list[str | None], list[list[dict[str, object]] | None] | None]:
    """The cleaned text of each text and, ``with_labels``, its blocks as rows
    (``LabelledBlock.to_row``), for a column of a data frame or dataset.  A missing text
    (``None``) gives ``None`` in both: a page that was never fetched is not an empty page,
    and a filter on the output can still tell the two apart."""
    if not with_labels:
        cleaned = iter(pipeline.clean_many([t for t in texts if t is not None]))
        return [None if t is None else next(cleaned) for t in texts], None
    return cleaned_and_rows(pipeline, label_nullable(pipeline, texts))


def cleaned_and_rows(pipeline: Pipeline, pages: Sequence[LabelledPage | None]
                     ) -> tuple[list[str | None], list[list[dict[str, object]] | None]]:
    """``clean_nullable``'s two columns from pages already labelled (``label_nullable``)."""
    return ([None if p is None else pipeline.clean_labelled(p) for p in pages],
            [None if p is None else [b.to_row() for b in p] for p in pages])


def label_nullable(pipeline: Pipeline, texts: Sequence[str | None]) -> list[LabelledPage | None]:
    """Each text labelled (``Pipeline.label``) in one batch call, ``None`` kept in place."""
    labelled = iter(pipeline.label_many([t for t in texts if t is not None]))
    return [None if t is None else next(labelled) for t in texts]


PAGE_FIELDS = ("kind", "article_probability", "dropped")


def page_rows(pipeline: Pipeline, texts: Sequence[str | None]) -> list[dict[str, object] | None]:
    """Each text's page kind, article probability and why the pipeline's
    ``min_article_prob`` empties it (``None`` when it does not), for a column of a data
    frame or dataset; a missing text gives ``None``."""
    return [None if p is None else page_row(pipeline, p) for p in label_nullable(pipeline, texts)]


def page_row(pipeline: Pipeline, page: Any) -> dict[str, object]:
    """``PAGE_FIELDS`` of one labelled page (``Pipeline.label``)."""
    verdict = page.verdict
    return {"kind": verdict.kind if verdict else None,
            "article_probability": float(verdict.article_probability) if verdict else None,
            "dropped": pipeline.drop_reason(page)}


def _init_worker(params: dict[str, Any]) -> None:
    global _worker_pipeline
    # One compute thread per worker: the tree model's OpenMP threads would otherwise
    # compete with the other workers for the same cores.
    from threadpoolctl import threadpool_limits

    threadpool_limits(1)
    _worker_pipeline = worker_pipeline(params)


def _apply(pipeline: Pipeline, kind: str, texts: list[str]) -> list[Any]:
    """``pipeline.clean`` (kind ``"clean"``) or ``label`` of each text, in order."""
    return list(pipeline.clean_many(texts) if kind == "clean" else pipeline.label_many(texts))


def _run(task: tuple[str, list[str]]) -> list[Any]:
    kind, texts = task
    if _worker_pipeline is None:  # pragma: no cover - the initializer always runs first
        raise RuntimeError("worker pipeline was not initialised")
    return _apply(_worker_pipeline, kind, texts)


def _is_main_guard(node: ast.stmt) -> bool:
    """Whether ``node`` is ``if __name__ == "__main__":`` (either operand order)."""
    if not isinstance(node, ast.If) or not isinstance(node.test, ast.Compare):
        return False
    test = node.test
    if len(test.ops) != 1 or not isinstance(test.ops[0], ast.Eq):
        return False
    sides = [test.left, test.comparators[0]]
    names = [s.id for s in sides if isinstance(s, ast.Name)]
    consts = [s.value for s in sides if isinstance(s, ast.Constant)]
    return names == ["__name__"] and consts == ["__main__"]


@lru_cache(maxsize=8)
def _guarded_lines(path: str) -> tuple[tuple[int, int], ...] | None:
    """The line ranges of the main-guard blocks of the script at ``path`` (``None``: unreadable)."""
    try:
        with open(path, "rb") as f:
            tree = ast.parse(f.read(), path)
    except (OSError, SyntaxError, ValueError):
        return None
    return tuple((n.lineno, n.end_lineno or n.lineno) for n in tree.body if _is_main_guard(n))


def unguarded_main_line() -> tuple[str, int] | None:
    """The script and line, when this call runs from the top level of the main script
    outside its ``if __name__ == "__main__":`` guard, the one case in which spawned
    workers would run the call again; ``None`` otherwise (the interpreter prompt,
    ``python -c``, a call from a guarded block or from a function called there)."""
    main = sys.modules.get("__main__")
    path = getattr(main, "__file__", None)
    if main is None or not path:
        return None
    frame: FrameType | None = sys._getframe(1)
    while frame is not None:
        if frame.f_code.co_name == "<module>" and frame.f_globals is vars(main) and frame.f_code.co_filename == path:
            guarded = _guarded_lines(path)
            line = frame.f_lineno
            if guarded is None or any(lo <= line <= hi for lo, hi in guarded):
                return None
            return path, line
        frame = frame.f_back
    return None


class PagePool:
    """``pipeline.clean``/``label`` over lists of pages, in order, on ``n_jobs`` processes.

    Use as a context manager; the workers (each with its own loaded model) live until the
    block ends, so a stream of batches pays the start-up once.  From the unguarded top
    level of a script the work runs in this process instead, with a ``RuntimeWarning``
    (see the module docstring); a worker that dies raises ``RuntimeError``.
    """

    def __init__(self, pipeline: Pipeline, n_jobs: int) -> None:
        if not isinstance(n_jobs, int) or n_jobs < 1:
            raise ValueError(f"n_jobs must be a positive integer, not {n_jobs!r}")
        self.pipeline = pipeline
        self.n_jobs = n_jobs
        self._pool: Any = None

    def __enter__(self) -> "PagePool":
        if self.n_jobs > 1:
            where = unguarded_main_line()
            if where is not None:
                warnings.warn(
                    f"n_jobs={self.n_jobs} was asked for at the top level of {where[0]} (line {where[1]}), outside an "
                    "'if __name__ == \"__main__\":' block; worker processes would run the script again, so the "
                    "work runs in this process. Put the call under that guard to use worker processes.",
                    RuntimeWarning, stacklevel=3)
                return self
            self.pipeline.load()
            params = self.pipeline.get_params()
            if isinstance(params.get("model"), str) and params["model"] == "default":
                params["model"] = self.pipeline.model_  # ship the loaded model rather than reload
            # "spawn" avoids forking a process that may hold threads (BLAS, the caller's own).
            ctx = multiprocessing.get_context("spawn")
            self._pool = ProcessPoolExecutor(self.n_jobs, mp_context=ctx, initializer=_init_worker, initargs=(params,))
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=exc[0] is not None)
            self._pool = None

    def map(self, kind: str, texts: list[str]) -> list[Any]:
        """Results for ``texts`` (``kind`` is ``"clean"`` or ``"label"``), in order."""
        if self._pool is None:
            return _apply(self.pipeline, kind, texts)
        tasks = [(kind, chunk) for chunk in chunked(texts, _CHUNK)]
        try:
            return [r for chunk in self._pool.map(_run, tasks) for r in chunk]
        except BrokenProcessPool as exc:
            raise RuntimeError(f"a cleanfeed worker process died ({exc}); rerun with n_jobs=1 (--jobs 1) to see "
                               "the error in this process") from None


def map_pages(kind: str, texts: Iterable[str], pipeline: Pipeline | None, n_jobs: int) -> Iterator[Any]:
    """Yield ``pipeline.clean``/``label`` of each text, in input order, in bounded memory."""
    if pipeline is None:
        from . import _default_pipeline

        pipeline = _default_pipeline()
    with PagePool(pipeline, n_jobs) as pool:
        # Several chunks per worker per round, so that one slow chunk idles the others briefly.
        for batch in chunked(texts, _CHUNK * n_jobs * 8):
            yield from pool.map(kind, batch)
