"""Hugging Face ``datasets`` helper: add cleaned text (and labels) as new columns.

    >>> from datasets import load_dataset                      # doctest: +SKIP
    >>> from cleanfeed.hf import add_clean_column
    >>> ds = add_clean_column(ds, text_column="text", num_proc=2)  # doctest: +SKIP

The work runs through ``Dataset.map(batched=True, num_proc=N)``: each worker process
builds its own pipeline (and loads the model) once, on its first batch.
"""

from __future__ import annotations

from typing import Any

from ._parallel import cleaned_and_rows, clean_nullable, label_nullable, page_row, worker_pipeline
from .pipeline import Pipeline

__all__ = ["add_clean_column"]


class _CleanBatch:
    """A picklable batch function; each worker process loads its pipeline once (``worker_pipeline``)."""

    def __init__(self, params: dict[str, Any], text_column: str, output_column: str, labels_column: str | None,
                 page_column: str | None = None) -> None:
        self.params = params
        self.text_column = text_column
        self.output_column = output_column
        self.labels_column = labels_column
        self.page_column = page_column

    def __call__(self, batch: dict[str, list[Any]]) -> dict[str, list[Any]]:
        pipeline = worker_pipeline(self.params)
        texts = batch[self.text_column]
        if self.page_column is None:
            # Cleaning alone skips building a LabelledBlock per block.
            cleaned, rows = clean_nullable(pipeline, texts, with_labels=self.labels_column is not None)
            out = {self.output_column: cleaned}
        else:
            pages = label_nullable(pipeline, texts)
            cleaned, rows = cleaned_and_rows(pipeline, pages)
            out = {self.output_column: cleaned,
                   self.page_column: [None if p is None else page_row(pipeline, p) for p in pages]}
        if self.labels_column is not None:
            out[self.labels_column] = rows
        return out


def add_clean_column(
    dataset: Any,
    text_column: str = "text",
    output_column: str = "cleaned",
    labels_column: str | None = None,
    pipeline: Pipeline | None = None,
    page_column: str | None = None,
    num_proc: int | None = None,
    batch_size: int = 64,
) -> Any:
    """Return ``dataset`` with the cleaned text of ``text_column`` in ``output_column``.

    ``labels_column``, if given, receives every block's offsets, label, confidence and
    reason.  ``pipeline`` supplies the settings (its parameters are sent to the workers,
    which build their own copy); ``num_proc`` is passed to ``Dataset.map``.  A ``None``
    text gives ``None`` in the output (and labels) column, as ``cleanfeed.spark`` does.
    ``page_column``, if given, receives each page's kind, article probability and, when the
    pipeline's ``min_article_prob`` empties its cleaned text, why (``dropped``).
    """
    if text_column not in dataset.column_names:
        raise ValueError(f"dataset has no column {text_column!r}; its columns are {', '.join(dataset.column_names)}")
    params = (pipeline or Pipeline()).get_params()
    fn = _CleanBatch(params, text_column, output_column, labels_column, page_column)
    return dataset.map(fn, batched=True, batch_size=batch_size, num_proc=num_proc, desc="cleanfeed")
