"""The quality benchmark as a gate: cleanfeed's scores may not fall below recorded floors.

``benchmarks/floors.json`` pins, for every data set of the quality benchmark, the
fingerprint of its pages and gold labels and a floor for each of cleanfeed's scores (body
token and block F1, and the F1 of every label with gold blocks).  After
``quality.py`` has run, this script fails when

* a score is more than ``epsilon`` below its floor (epsilon allows for the noise of
  floating point and of rounding in the results file, not for real losses);
* a data set's fingerprint differs from the pinned one (other pages or other gold labels:
  the floors no longer say anything about it);
* a tool reading the same plain text beats cleanfeed's body token F1 on any data set
  (issue 4's target; the reference that reads the original HTML is not such a tool).

``--update`` raises the floors to the new scores.  It refuses to lower a floor, or to
re-pin a changed fingerprint, unless ``--allow-lower`` says so: lowering the bar is a
decision somebody takes on purpose, in its own commit, with the reason in its message.
(After trafilatura's ``tests/eval_gate.py`` and ``eval_baseline.json``.)

    python benchmarks/gate.py                         # check benchmarks/results/quality.json
    python benchmarks/gate.py --update                # raise the floors after an improvement
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results" / "quality.json"
FLOORS = ROOT / "benchmarks" / "floors.json"
EPSILON = 0.005
TOOL = "cleanfeed"


class GateError(Exception):
    """The results or the floors file cannot be used, or an update was refused."""


def scores(entry: dict[str, Any]) -> dict[str, float]:
    """cleanfeed's gated scores in one data set's results, by dotted name."""
    tool = entry["tools"].get(TOOL)
    if tool is None:
        return {}
    out = {"body_tokens.f1": tool["body_tokens"]["f1"], "body_blocks.f1": tool["body_blocks"]["f1"]}
    for label, prf in tool.get("labels", {}).items():
        # A label with no gold blocks has no recall to speak of (spam on L3S-GN1).
        if prf.get("support", 0) > 0:
            out[f"labels.{label}.f1"] = prf["f1"]
    return out


def check(results: dict[str, Any], floors: dict[str, Any]) -> list[str]:
    """Every way ``results`` fails the gate, one sentence each; empty when it passes."""
    epsilon = floors.get("epsilon", EPSILON)
    problems = []
    sets = results.get("sets", {})
    for name, pinned in sorted(floors.get("sets", {}).items()):
        entry = sets.get(name)
        if entry is None:
            problems.append(f"{name}: not in the results (was the benchmark run on all data sets?)")
            continue
        if entry.get("fingerprint") != pinned["fingerprint"]:
            problems.append(f"{name}: the pages or gold labels changed (fingerprint {entry.get('fingerprint')} "
                            f"!= pinned {pinned['fingerprint']}); review, then re-pin with --update --allow-lower")
            continue
        got = scores(entry)
        for metric, floor in sorted(pinned["floors"].items()):
            value = got.get(metric)
            if value is None:
                problems.append(f"{name}: {metric} missing from the results")
            elif value < floor - epsilon:
                problems.append(f"{name}: {metric} {value:.4f} is below its floor {floor:.4f}")
    for name, entry in sorted(sets.items()):
        ours = entry["tools"].get(TOOL, {}).get("body_tokens", {}).get("f1")
        if ours is None:
            continue
        for peer, scored in sorted(entry["tools"].items()):
            # cleanfeed's own modes (rules-only) are reported beside it, not peers.
            if not peer.startswith(TOOL) and scored["body_tokens"]["f1"] >= ours:
                problems.append(f"{name}: {peer}'s body token F1 {scored['body_tokens']['f1']:.4f} "
                                f"is not below cleanfeed's {ours:.4f}")
    return problems


def update(results: dict[str, Any], floors: dict[str, Any], allow_lower: bool = False) -> dict[str, Any]:
    """Floors raised to ``results``; a lower score or a changed data set needs ``allow_lower``."""
    epsilon = floors.get("epsilon", EPSILON)
    refused = []
    new_sets = {}
    for name, entry in sorted(results.get("sets", {}).items()):
        got = scores(entry)
        if not got:
            continue
        if "fingerprint" not in entry:
            raise GateError(f"{name}: the results have no fingerprint; re-run benchmarks/quality.py")
        pinned = floors.get("sets", {}).get(name)
        if pinned is not None and pinned["fingerprint"] != entry["fingerprint"] and not allow_lower:
            refused.append(f"{name}: its pages or gold labels changed")
            continue
        same_data = pinned is not None and pinned["fingerprint"] == entry["fingerprint"]
        new = {}
        for metric, value in got.items():
            old = pinned["floors"].get(metric) if same_data else None
            if old is None or value >= old:
                new[metric] = value
            elif value >= old - epsilon:
                new[metric] = old  # noise within epsilon never lowers a floor
            elif allow_lower:
                new[metric] = value
            else:
                refused.append(f"{name}: {metric} would fall from {old:.4f} to {value:.4f}")
        new_sets[name] = {"fingerprint": entry["fingerprint"], "commit": results.get("commit"), "floors": new}
    if refused:
        raise GateError("refusing to lower the bar without --allow-lower:\n  " + "\n  ".join(refused))
    return {"epsilon": epsilon, "sets": new_sets}


def _read(path: Path, what: str) -> dict[str, Any]:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise GateError(f"no {what} at {str(path)!r}") from None
    except ValueError as exc:
        raise GateError(f"{what} {str(path)!r} is not valid JSON: {exc}") from None


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--results", default=str(RESULTS), help="quality.py's results (default: benchmarks/results/quality.json)")
    p.add_argument("--floors", default=str(FLOORS), help="the pinned floors (default: benchmarks/floors.json)")
    p.add_argument("--update", action="store_true", help="raise the floors to these results instead of checking them")
    p.add_argument("--allow-lower", action="store_true", help="with --update: lower floors and re-pin changed data sets")
    args = p.parse_args(argv)
    if args.allow_lower and not args.update:
        p.error("--allow-lower only goes with --update")
    try:
        results = _read(Path(args.results), "results")
        floors_path = Path(args.floors)
        floors = _read(floors_path, "floors file") if floors_path.exists() or not args.update else {"sets": {}}
        if args.update:
            new = update(results, floors, allow_lower=args.allow_lower)
            floors_path.write_text(json.dumps(new, indent=1, sort_keys=True) + "\n", encoding="utf-8")
            print(f"gate: floors for {len(new['sets'])} data sets written to {floors_path}", file=sys.stderr)
            return 0
        problems = check(results, floors)
    except GateError as exc:
        print(f"gate: {exc}", file=sys.stderr)
        return 2
    for problem in problems:
        print(f"gate: FAIL {problem}", file=sys.stderr)
    if not problems:
        print(f"gate: pass ({len(floors.get('sets', {}))} data sets at or above their floors)", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
