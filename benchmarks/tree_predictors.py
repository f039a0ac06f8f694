"""How fast the shipped model's trees score, by scikit-learn and by a dedicated tree runtime.

The trees are the largest stage of cleanfeed's time (``RESULTS.md``, stage table).  This
measures whether another predictor would change the speed verdict: the same two tree
ensembles (first and stacked pass) scored on the same feature rows by

* scikit-learn, as cleanfeed scores them (chunks of 4,096 rows; pages of up to 64 blocks
  through ``cleanfeed._trees.TreeTable``), and
* onnxruntime, on the trees converted node for node to an ONNX ``TreeEnsembleRegressor``
  (needs ``onnx`` and ``onnxruntime``, both in the ``bench`` extra; never used by the library).

One thread each.  The rows are the features of the speed benchmark's input, computed by
cleanfeed's own functions.  The raw scores of the two predictors are compared too:
onnxruntime sums leaf values in float32, so they agree to about 1e-6, not to the bit.

    python benchmarks/tree_predictors.py --input .cache/speed-input.jsonl
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.common import write_results  # noqa: E402
from cleanfeed.model import _PREDICT_ROWS as CHUNK_ROWS  # noqa: E402  (rows cleanfeed's model scores at a time)


def feature_rows(texts: list[str], model) -> tuple[dict[str, list[np.ndarray]], int]:
    """Each page's feature matrix for ``model``'s first and stacked tree pass (none for a model
    without a stacked pass), from cleanfeed's stage chain, and the block count."""
    from cleanfeed import RuleSet, chain

    rules = RuleSet.default()
    pages: dict[str, list[np.ndarray]] = {"block_clf": [], "stack_clf": []}
    n_blocks = 0
    for text in texts:
        blocks, hits = chain.blocks_and_hits(text, rules)
        if not blocks:
            continue
        n_blocks += len(blocks)
        X = chain.features([blocks], [hits], rules, model.text_scores([b.text for b in blocks]))[0]
        pages["block_clf"].append(X)
        if model.stack_clf is not None:
            pages["stack_clf"].append(chain.stacked_features([blocks], [X], model._tree_proba("block_clf", X))[0])
    return pages, n_blocks


def onnx_trees(clf) -> bytes:
    """``clf`` (a fitted ``HistGradientBoostingClassifier``) as a serialised ONNX model whose
    output is scikit-learn's raw score per class (``_raw_predict``): baseline plus leaf values."""
    from onnx import TensorProto, helper, numpy_helper

    a: dict[str, list] = {k: [] for k in ("tree", "node", "feature", "threshold", "mode", "left", "right", "missing_left",
                                          "leaf_tree", "leaf_node", "leaf_class", "leaf_value")}
    tree_id = 0
    for iteration in clf._predictors:
        for label, predictor in enumerate(iteration):
            for node_id, node in enumerate(predictor.nodes):
                a["tree"].append(tree_id)
                a["node"].append(node_id)
                leaf = bool(node["is_leaf"])
                a["mode"].append("LEAF" if leaf else "BRANCH_LEQ")  # scikit-learn goes left when x <= threshold
                a["feature"].append(0 if leaf else int(node["feature_idx"]))
                a["threshold"].append(0.0 if leaf else float(node["num_threshold"]))
                a["left"].append(0 if leaf else int(node["left"]))
                a["right"].append(0 if leaf else int(node["right"]))
                a["missing_left"].append(0 if leaf else int(node["missing_go_to_left"]))
                if leaf:
                    a["leaf_tree"].append(tree_id)
                    a["leaf_node"].append(node_id)
                    a["leaf_class"].append(label)
                    a["leaf_value"].append(float(node["value"]))
            tree_id += 1
    n_labels = clf.n_trees_per_iteration_
    node = helper.make_node(
        "TreeEnsembleRegressor", ["X"], ["Y"], domain="ai.onnx.ml", n_targets=n_labels, aggregate_function="SUM",
        nodes_treeids=a["tree"], nodes_nodeids=a["node"], nodes_featureids=a["feature"], nodes_modes=a["mode"],
        # Thresholds and leaf values as float64 tensors: as float32 attributes they would round.
        nodes_values_as_tensor=numpy_helper.from_array(np.array(a["threshold"], dtype=np.float64)),
        nodes_truenodeids=a["left"], nodes_falsenodeids=a["right"], nodes_missing_value_tracks_true=a["missing_left"],
        target_treeids=a["leaf_tree"], target_nodeids=a["leaf_node"], target_ids=a["leaf_class"],
        target_weights_as_tensor=numpy_helper.from_array(np.array(a["leaf_value"], dtype=np.float64)),
        base_values_as_tensor=numpy_helper.from_array(np.asarray(clf._baseline_prediction, dtype=np.float64).ravel()),
    )
    graph = helper.make_graph(
        [node], "trees", [helper.make_tensor_value_info("X", TensorProto.DOUBLE, [None, clf.n_features_in_])],
        [helper.make_tensor_value_info("Y", TensorProto.FLOAT, [None, n_labels])],
    )
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17), helper.make_opsetid("ai.onnx.ml", 3)]).SerializeToString()


def _time(fn, parts: list[np.ndarray]) -> float:
    t0 = time.perf_counter()
    for X in parts:
        fn(X)
    return time.perf_counter() - t0


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--input", default=".cache/speed-input.jsonl", help="the speed benchmark's input (written by speed.py)")
    p.add_argument("--out", default="benchmarks/results/tree_predictors.json", help="where to write the JSON results")
    args = p.parse_args(argv)
    if not Path(args.input).is_file():
        p.error(f"no input at {args.input}; run benchmarks/speed.py first, which writes it")
    try:
        import onnxruntime as ort
    except ImportError:
        p.error("onnxruntime is not installed: pip install '.[bench]'")
    from threadpoolctl import threadpool_limits  # a scikit-learn dependency

    from cleanfeed._trees import MAX_ROWS
    from cleanfeed.model import load_model

    texts = [json.loads(line)["text"] for line in Path(args.input).open(encoding="utf-8")]
    print(f"features of {len(texts)} pages ...", file=sys.stderr)
    model = load_model()
    pages, n_blocks = feature_rows(texts, model)
    # One core, as every speed figure here; only libraries already loaded are limited, so
    # this comes after scikit-learn's OpenMP runtime is in.
    threadpool_limits(1)
    options = ort.SessionOptions()
    options.intra_op_num_threads = options.inter_op_num_threads = 1
    out: dict = {"blocks": n_blocks, "pages": len(pages["block_clf"]), "passes": {}}
    for name, parts in pages.items():
        if not parts:  # a model without a stacked pass
            continue
        clf = getattr(model, name)
        session = ort.InferenceSession(onnx_trees(clf), options, providers=["CPUExecutionProvider"])
        rows = np.vstack(parts)
        chunks = [rows[i : i + CHUNK_ROWS] for i in range(0, len(rows), CHUNK_ROWS)]
        table = model._table(name)
        short = [X for X in parts if len(X) <= MAX_ROWS]

        def ort_raw(X):
            return session.run(None, {"X": np.asarray(X, dtype=np.float64)})[0]

        diff = max(float(np.abs(ort_raw(X) - clf._raw_predict(X)).max()) for X in chunks)
        entry = {
            "trees": len(clf._predictors) * clf.n_trees_per_iteration_,
            "rows": len(rows),
            "max_abs_raw_score_difference": diff,
            "chunks_of_4096": {"sklearn_s": _time(clf._raw_predict, chunks), "onnxruntime_s": _time(ort_raw, chunks)},
            "short_pages": {"pages": len(short), "rows": int(sum(len(X) for X in short)),
                            "sklearn_s": _time(table.raw_scores if table is not None else clf._raw_predict, short),
                            "onnxruntime_s": _time(ort_raw, short)},
        }
        out["passes"][name] = entry
        c = entry["chunks_of_4096"]
        print(f"{name}: {entry['trees']} trees, {len(rows):,} rows in chunks of {CHUNK_ROWS}: scikit-learn "
              f"{c['sklearn_s'] / len(rows) * 1e6:.1f} µs/row, onnxruntime {c['onnxruntime_s'] / len(rows) * 1e6:.1f} µs/row; "
              f"raw scores differ by at most {diff:.1e}", file=sys.stderr)
    write_results(args.out, out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
