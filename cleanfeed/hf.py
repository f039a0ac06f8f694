"""Hugging Face ``datasets`` helper: add cleaned text (and labels) as new columns.

    >>> from datasets import load_dataset                      # doctest: +SKIP
    >>> from cleanfeed.hf import add_clean_column
    >>> ds = add_clean_column(ds, text_column="text", num_proc=2)  # doctest: +SKIP

The work runs through ``Dataset.map(batched=True, num_proc=N)``: each worker process
builds its own pipeline (and loads the model) once, on its first batch.
"""

from __future__ import annotations

from typing import Any

from .pipeline import Pipeline

__all__ = ["add_clean_column"]


class _CleanBatch:
    """A picklable batch function; the pipeline is built lazily in each worker."""

    def __init__(self, params: dict[str, Any], text_column: str, output_column: str, labels_column: str | None) -> None:
        self.params = params
        self.text_column = text_column
        self.output_column = output_column
        self.labels_column = labels_column
        self._pipeline: Pipeline | None = None

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["_pipeline"] = None  # each process loads its own
        return state

    def __call__(self, batch: dict[str, list[Any]]) -> dict[str, list[Any]]:
        if self._pipeline is None:
            self._pipeline = Pipeline(**self.params)
        texts = ["" if t is None else t for t in batch[self.text_column]]
        if self.labels_column is None:  # cleaning alone skips building a LabelledBlock per block
            return {self.output_column: list(self._pipeline.clean_many(texts))}
        labelled = list(self._pipeline.label_many(texts))
        return {
            self.output_column: [self._pipeline.clean_labelled(lab) for lab in labelled],
            self.labels_column: [[b.to_row() for b in lab] for lab in labelled],
        }


def add_clean_column(
    dataset: Any,
    text_column: str = "text",
    output_column: str = "cleaned",
    labels_column: str | None = None,
    pipeline: Pipeline | None = None,
    num_proc: int | None = None,
    batch_size: int = 64,
) -> Any:
    """Return ``dataset`` with the cleaned text of ``text_column`` in ``output_column``.

    ``labels_column``, if given, receives every block's offsets, label, confidence and
    reason.  ``pipeline`` supplies the settings (its parameters are sent to the workers,
    which build their own copy); ``num_proc`` is passed to ``Dataset.map``.  A ``None``
    text is treated as an empty page.
    """
    if text_column not in dataset.column_names:
        raise ValueError(f"dataset has no column {text_column!r}; its columns are {', '.join(dataset.column_names)}")
    params = (pipeline or Pipeline()).get_params()
    fn = _CleanBatch(params, text_column, output_column, labels_column)
    return dataset.map(fn, batched=True, batch_size=batch_size, num_proc=num_proc, desc="cleanfeed")
