"""Is the behaviour the same?  A fingerprint of what cleanfeed outputs, saved and compared.

For a change that must not change labels (a restructuring, a faster path): save the
fingerprint before, compare after.  It holds the shipped model's SHA-256, every seed
block's label and reason, and a digest of the label and reason of every block of the speed
benchmark's input (``speed.py`` writes it from the corpus), with the model and rules-only.

    python benchmarks/behaviour.py --save .cache/behaviour-before.json
    python benchmarks/behaviour.py --compare .cache/behaviour-before.json   # exit 1 if anything differs
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cleanfeed import Pipeline  # noqa: E402
from cleanfeed.model import load_model  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def fingerprint(speed_input: Path | None) -> dict:
    model = Pipeline().load()
    rules_only = Pipeline(model=None)
    out: dict = {"model_sha256": load_model().card["sha256"], "seeds": {}}
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        out["seeds"][path.name] = [[b.label, str(b.reason)] for b in model.label(text)]
    if speed_input is not None and speed_input.is_file():
        texts = [json.loads(line)["text"] for line in speed_input.open(encoding="utf-8")]
        for name, pipeline in (("speed_input_model", model), ("speed_input_rules_only", rules_only)):
            digest = hashlib.sha256()
            n = 0
            for page in pipeline.label_many(texts):
                for b in page:
                    digest.update(f"{b.start}:{b.end}:{b.label}:{b.reason}\n".encode())
                    n += 1
            out[name] = {"blocks": n, "sha256": digest.hexdigest()}
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    action = p.add_mutually_exclusive_group(required=True)
    action.add_argument("--save", metavar="FILE", help="write the fingerprint to FILE")
    action.add_argument("--compare", metavar="FILE", help="compare with the fingerprint in FILE; exit 1 on a difference")
    p.add_argument("--speed-input", default=".cache/speed-input.jsonl",
                   help="the speed benchmark's input (default: .cache/speed-input.jsonl; skipped if absent)")
    args = p.parse_args(argv)
    now = fingerprint(Path(args.speed_input))
    if args.save:
        Path(args.save).write_text(json.dumps(now, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {args.save}", file=sys.stderr)
        return 0
    before = json.loads(Path(args.compare).read_text(encoding="utf-8"))
    same = True
    for key in sorted(set(before) | set(now)):
        if key == "seeds":
            for name in sorted(set(before[key]) | set(now[key])):
                equal = before[key].get(name) == now[key].get(name)
                same &= equal
                print(f"{'same' if equal else 'DIFFERENT':9}  seed {name}: {len(now[key].get(name, []))} blocks")
        else:
            equal = before.get(key) == now.get(key)
            same &= equal
            print(f"{'same' if equal else 'DIFFERENT':9}  {key}: {now.get(key)}")
    print("behaviour unchanged" if same else "behaviour CHANGED")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
