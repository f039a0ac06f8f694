"""Grouping near-copies, so that a split never puts one family on both sides."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

__all__ = ["linked_groups"]


def linked_groups(items: Sequence[tuple[str, Iterable[str]]]) -> list[str]:
    """For each ``(key, links)``, the name of its group: items whose keys are equal or that
    share a link (an author, a handle to contact, an address) end up in one group."""
    parent: dict[str, str] = {}

    def root(key: str) -> str:
        while parent.setdefault(key, key) != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    for key, links in items:
        for link in links:
            parent[root(link)] = root(key)
    return [root(key) for key, _ in items]
