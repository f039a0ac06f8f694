"""How often each rule fires, by gold label, on the training data: the counts rule comments cite.

    python benchmarks/rule_hits.py --corpus .cache/corpus --data ../shared/data
    python benchmarks/rule_hits.py --rules spam_engagement_bait,nav_author_bio

A rule earns a place (and its strength: hard rules decide, soft rules are model features)
by matching blocks of its own label and few others.  This prints, per rule, its hits among
the ``train`` rows of the corpus by gold label, and among the training YouTube comments
(spam and ham, the held-out file left out), so those claims can be re-checked on any
commit.  Eval sets are not read: rules are not tuned on them.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cleanfeed.labels import LABELS, UNLABELLED  # noqa: E402
from cleanfeed.rules import RuleSet  # noqa: E402


def count_hits(rules: RuleSet, corpus: Path, data: Path | None) -> dict[str, Counter]:
    """Per rule name, a Counter of ``label`` (corpus blocks) and ``youtube spam``/``youtube ham`` hits."""
    import datasets

    counts: dict[str, Counter] = {rule.name: Counter() for rule in rules}
    names = [rule.name for rule in rules]
    ds = datasets.load_from_disk(str(corpus))
    for row in ds:
        if row["use"] != "train":
            continue
        text = row["text"]
        for block in row["blocks"]:
            if block["label"] == UNLABELLED:
                continue
            for name, hit in zip(names, rules.hits(text[block["start"]:block["end"]])):
                if hit:
                    counts[name][block["label"]] += 1
    if data is not None:
        from cleanfeed.training.corpus.sources import youtube_messages

        for message in youtube_messages(data, held_out=False):
            key = "youtube spam" if message.spam else "youtube ham"
            for name, hit in zip(names, rules.hits(message.text)):
                if hit:
                    counts[name][key] += 1
    return counts


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="Rule hits by gold label on the training data.")
    p.add_argument("--corpus", default=".cache/corpus", help="corpus built by 'cleanfeed corpus build'")
    p.add_argument("--data", default="../shared/data", help="shared data directory (for the YouTube files); '' to skip")
    p.add_argument("--rules", default="", help="comma-separated rule names (default: every rule)")
    args = p.parse_args(argv)
    rules = RuleSet.default()
    if args.rules:
        wanted = set(args.rules.split(","))
        unknown = wanted - set(rules.names)
        if unknown:
            print(f"unknown rule(s): {', '.join(sorted(unknown))}; see `cleanfeed --list-rules`", file=sys.stderr)
            return 2
        rules = rules.without(*(n for n in rules.names if n not in wanted))
    corpus = Path(args.corpus)
    if not corpus.is_dir():
        print(f"no corpus at {str(corpus)!r}: build it with `cleanfeed corpus build`", file=sys.stderr)
        return 2
    counts = count_hits(rules, corpus, Path(args.data) if args.data else None)
    columns = [*LABELS, "youtube spam", "youtube ham"]
    print("| rule | label | strength | " + " | ".join(columns) + " |")
    print("|---|---|---|" + "---|" * len(columns))
    for rule in rules:
        print(f"| {rule.name} | {rule.label} | {rule.strength} | " + " | ".join(f"{counts[rule.name][c]:,}" for c in columns) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
