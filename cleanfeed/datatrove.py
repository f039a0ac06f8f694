"""A datatrove pipeline step: clean each Document's text with cleanfeed.

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter
    from cleanfeed.datatrove import CleanfeedCleaner

    LocalPipelineExecutor([JsonlReader("in/"), CleanfeedCleaner(), JsonlWriter("out/")], tasks=4).run()

Needs the ``datatrove`` extra (``pip install 'cleanfeed[datatrove]'``).  The step carries
the pipeline's parameters, not a loaded model: each process datatrove starts (locally, on
Slurm or on Ray) loads the model once, on its first document, as the Spark helper does.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from datatrove.data import Document, DocumentsPipeline
from datatrove.pipeline.base import PipelineStep

from ._parallel import worker_pipeline
from .pipeline import Pipeline
from .stream import chunked

__all__ = ["CleanfeedCleaner"]

#: Documents cleaned per model call: the batch size cleanfeed's own batch calls use.
BATCH_DOCUMENTS = 64


class CleanfeedCleaner(PipelineStep):
    """Replace each Document's text with its cleaned text (the blocks whose label is kept).

    Parameters
    ----------
    pipeline : Pipeline or None
        The settings (model, rules, thresholds, labels kept); ``None`` is the default
        pipeline.  Its parameters are sent to the workers, which build their own copy.
    drop_empty : bool
        Drop a document whose cleaned text is empty (no block kept: a page of menus,
        links or comments only, or binary data), counted in the step's stats as
        ``dropped_empty``, rather than pass on an empty document.
    store_labels : bool
        Keep every block's offsets into the *original* text, label, confidence and reason
        in ``metadata["cleanfeed_blocks"]`` (``LabelledBlock.to_row``), and the page's kind
        in ``metadata["cleanfeed_page"]`` (``PageVerdict.to_dict``).

    A pipeline with ``min_article_prob`` drops the pages that are not articles, counted as
    ``dropped_not_article`` (apart from ``dropped_empty``); with ``drop_empty=False`` they
    pass on with empty text and the reason in ``metadata["cleanfeed_dropped"]``.
    """

    name = "🧹 cleanfeed"
    type = "✂️ - FORMATTER"

    def __init__(self, pipeline: Pipeline | None = None, drop_empty: bool = True, store_labels: bool = False) -> None:
        super().__init__()
        self.params: dict[str, Any] = (pipeline or Pipeline()).get_params()
        self.drop_empty = drop_empty
        self.store_labels = store_labels

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> Iterator[Document]:
        if data is None:
            return
        pipeline = worker_pipeline(self.params)
        for batch in chunked(data, BATCH_DOCUMENTS):
            with self.track_time(unit="batch"):
                texts = [doc.text for doc in batch]
                # Labelled pages when the labels are kept or a page may be dropped as not an
                # article (its reason is counted and kept); the cheaper clean path otherwise.
                labelled = None
                if self.store_labels or pipeline.min_article_prob is not None:
                    labelled = list(pipeline.label_many(texts))
                    reasons = [pipeline.drop_reason(page) for page in labelled]
                    cleaned = [pipeline.clean_labelled(page) for page in labelled]
                else:
                    reasons = [None] * len(texts)
                    cleaned = list(pipeline.clean_many(texts))
            for i, (doc, text) in enumerate(zip(batch, cleaned)):
                self.stat_update("documents")
                if reasons[i] is not None:
                    self.stat_update("dropped_not_article")
                    if self.drop_empty:
                        continue
                    doc.metadata["cleanfeed_dropped"] = reasons[i]
                elif not text and self.drop_empty:
                    self.stat_update("dropped_empty")
                    continue
                if self.store_labels and labelled is not None:
                    doc.metadata["cleanfeed_blocks"] = [b.to_row() for b in labelled[i]]
                    if labelled[i].verdict is not None:
                        doc.metadata["cleanfeed_page"] = labelled[i].verdict.to_dict()
                self.stat_update("kept_chars", value=len(text))
                self.stat_update("removed_chars", value=len(doc.text) - len(text))
                doc.text = text
                self.update_doc_stats(doc)
                yield doc
