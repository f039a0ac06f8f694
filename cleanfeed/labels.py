"""The five block labels of ``LABELS.md``, in the fixed order models and files use."""

from __future__ import annotations

from typing import Final, Literal

Label = Literal["body", "caption", "navigation", "comment", "spam"]

#: Every label, in the column order of model scores and feature one-hots.
LABELS: Final[tuple[str, ...]] = ("body", "caption", "navigation", "comment", "spam")


#: The gold "label" of a block a partly labelled training set says nothing about.  Such
#: blocks are segmented and featurised (their neighbours see them) but neither fitted
#: nor scored.  Never a prediction.
UNLABELLED: Final[str] = ""


def check_labels(names: object, *, what: str = "label") -> tuple[str, ...]:
    """Return ``names`` as a tuple of known labels, or raise ``ValueError`` naming the bad one."""
    if isinstance(names, str):
        names = [n.strip() for n in names.split(",") if n.strip()]
    out = tuple(names)  # type: ignore[arg-type]
    for name in out:
        if name not in LABELS:
            raise ValueError(f"unknown {what} {name!r}; the labels are {', '.join(LABELS)}")
    return out
