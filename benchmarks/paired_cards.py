"""Two recipes compared over several training seeds, from their model cards.

A change to the corpus or the recipe moves the card's figures by about as much as a
change of ``cleanfeed train --seed`` alone (the cross-validated body token F1 of the shipped
recipe reads 0.8865 at seed 0 and 0.8788 at seed 1). So a change is judged on the mean
over the same seeds on both sides, each side trained once per seed:

    python benchmarks/paired_cards.py --base models .cache/base-seed1 --new .cache/new-seed0 .cache/new-seed1

prints, for every figure the targets name and the cross-validated body token F1 of the
fully labelled sets, the mean of each side and the difference. Cards of models
re-measured with ``cleanfeed evaluate`` are read as they are: re-measure both sides on
the same corpus first, or their held-out figures are on different gold.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cleanfeed.model import CARD_FILE, ModelError, read_card  # noqa: E402
from cleanfeed.training import TARGETS, target_value  # noqa: E402

CV = "cross_validation_by_site"
FULLY_LABELLED = ("fundus", "readability", "wcxb")
HELD_OUT_BODY = ("l3s-gn1",)  # Dragnet's is a target already


def _card(path: str | Path) -> dict[str, Any]:
    path = Path(path)
    if path.is_dir():
        path = path / CARD_FILE
    try:
        return read_card(path)
    except (OSError, ModelError) as exc:
        raise SystemExit(f"paired_cards: cannot read a model card at {str(path)!r}: {exc}") from None


def figures(card: dict[str, Any]) -> dict[str, float]:
    """The card's target figures, and the mean CV body token F1 of the fully labelled sets."""
    metrics = card.get("metrics") or {}
    out = {}
    for name, where, path, _ in TARGETS:
        value = target_value(metrics, where, path)
        if value is not None:
            out[name] = value
    body = [target_value(metrics, f"{CV}/{s}", ("body_tokens", "f1")) for s in FULLY_LABELLED]
    # Each set's own body figure too: a criterion bars a loss on any one of them.
    for source, where in [(s, f"{CV}/{s}") for s in FULLY_LABELLED] + [(s, f"held_out_sets/{s}") for s in HELD_OUT_BODY]:
        value = target_value(metrics, where, ("body_tokens", "f1"))
        if value is not None:
            out[f"body token F1, {source}{' (CV)' if where.startswith(CV) else ''}"] = value
    if all(v is not None for v in body):
        out["mean CV body token F1 (fundus, readability, wcxb)"] = sum(body) / len(body)  # type: ignore[arg-type]
    return out


def compare(base: Sequence[dict[str, Any]], new: Sequence[dict[str, Any]]) -> dict[str, dict[str, float]]:
    """Per figure: the mean over ``base`` cards, over ``new`` cards, and new minus base."""
    sides = [[figures(c) for c in cards] for cards in (base, new)]
    names = [n for n in sides[0][0] if all(n in f for side in sides for f in side)]
    out = {}
    for name in names:
        b = sum(f[name] for f in sides[0]) / len(sides[0])
        n = sum(f[name] for f in sides[1]) / len(sides[1])
        out[name] = {"base": round(b, 4), "new": round(n, 4), "difference": round(n - b, 4)}
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--base", nargs="+", required=True, metavar="MODEL", help="model directories (or cards) of the base recipe, one per seed")
    ap.add_argument("--new", nargs="+", required=True, metavar="MODEL", help="model directories (or cards) of the new recipe, one per seed")
    args = ap.parse_args(argv)
    base, new = [_card(p) for p in args.base], [_card(p) for p in args.new]
    seeds = [sorted((c.get("params") or {}).get("seed", "?") for c in side) for side in (base, new)]
    if seeds[0] != seeds[1]:
        print(f"warning: the two sides were trained at different seeds ({seeds[0]} against {seeds[1]})", file=sys.stderr)
    rows = compare(base, new)
    if not rows:
        ap.error("the cards share no measured figure (are they model cards written by 'cleanfeed train'?)")
    width = max(len(n) for n in rows)
    print(f"{'figure':<{width}}  {'base':>6}  {'new':>6}  {'new-base':>8}")
    for name, r in rows.items():
        print(f"{name:<{width}}  {r['base']:6.4f}  {r['new']:6.4f}  {r['difference']:+8.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
