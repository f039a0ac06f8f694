"""The vocabulary of a decision: the five block labels of the annotation guide
(``docs/labels.md``), in the fixed order models and files use, and the reasons a block
got its label."""

from __future__ import annotations

from enum import Enum
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


class ReasonKind(str, Enum):
    """What decided a block's label."""

    RULE = "rule"  #: a hard rule (its name in ``Reason.name``)
    MODEL = "model"  #: the model's scores under the thresholds
    CONTEXT = "context"  #: a neighbour pass changed it (the pass's name in ``Reason.name``)
    LAYOUT = "layout"  #: rules-only mode: prose, or the line heading it, is body; the rest navigation
    DEFAULT = "default"  #: rules-only mode with a ``fallback`` label
    UNREADABLE = "unreadable"  #: binary data, not text


class Reason(str):
    """Why a block got its label: a ``kind`` and, for rules and context passes, a ``name``.

    It is also its own printed form, a ``str`` such as ``"rule:nav_share"``, ``"model"``
    or ``"context:comment_thread"``, which is what JSON output carries; code should read
    ``kind`` and ``name`` rather than parse it.
    """

    kind: ReasonKind
    name: str

    def __new__(cls, kind: ReasonKind, name: str = "") -> "Reason":
        self = super().__new__(cls, f"{kind.value}:{name}" if name else kind.value)
        self.kind = kind
        self.name = name
        return self

    def __reduce__(self) -> tuple[type["Reason"], tuple[ReasonKind, str]]:
        return (Reason, (self.kind, self.name))

    def __repr__(self) -> str:
        return f"Reason({self.kind.name}{', ' + repr(self.name) if self.name else ''})"

    @classmethod
    def rule(cls, name: str) -> "Reason":
        return cls(ReasonKind.RULE, name)

    @classmethod
    def context(cls, name: str) -> "Reason":
        return cls(ReasonKind.CONTEXT, name)


#: The reasons without a name, one object each.
MODEL: Final = Reason(ReasonKind.MODEL)
LAYOUT: Final = Reason(ReasonKind.LAYOUT)
DEFAULT: Final = Reason(ReasonKind.DEFAULT)
UNREADABLE: Final = Reason(ReasonKind.UNREADABLE)
