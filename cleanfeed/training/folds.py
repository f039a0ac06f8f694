"""The site folds: every page of a site falls in the same one of ``N_FOLDS`` folds, so
cross-validation and held-out benchmarks measure on sites the model never saw."""

from __future__ import annotations

import hashlib

__all__ = ["N_FOLDS", "site_fold"]

N_FOLDS = 5


def site_fold(site: str) -> int:
    """The fold of ``site``: a hash of its name, the same in every process (no salted ``hash``)."""
    return int(hashlib.sha256(site.encode("utf-8")).hexdigest(), 16) % N_FOLDS
