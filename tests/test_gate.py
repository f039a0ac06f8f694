"""The quality gate: floors hold, data changes are caught, and the bar only drops on purpose."""

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import gate  # noqa: E402


def _tool(body_f1: float, comment_f1: float | None = None) -> dict:
    tool = {"body_tokens": {"f1": body_f1}, "body_blocks": {"f1": body_f1 - 0.05}}
    if comment_f1 is not None:
        tool["labels"] = {
            "body": {"f1": body_f1 - 0.05, "support": 10},
            "comment": {"f1": comment_f1, "support": 4},
            "spam": {"f1": 0.0, "support": 0},  # no gold spam here: not gated
        }
    return tool


def _results(body=0.90, comment=0.80, peer=0.70, fingerprint="abc", commit="c1") -> dict:
    return {"commit": commit, "sets": {"l3s": {
        "fingerprint": fingerprint,
        "tools": {"cleanfeed": _tool(body, comment), "boilerpy3": _tool(peer)},
    }}}


def test_floors_are_cleanfeeds_scores_on_labels_with_gold_blocks():
    floors = gate.update(_results(), {})
    assert floors["sets"]["l3s"]["floors"] == pytest.approx(
        {"body_tokens.f1": 0.90, "body_blocks.f1": 0.85, "labels.body.f1": 0.85, "labels.comment.f1": 0.80})
    assert floors["sets"]["l3s"]["fingerprint"] == "abc"


def test_the_same_results_pass_and_a_drop_beyond_epsilon_fails():
    floors = gate.update(_results(), {})
    assert gate.check(_results(), floors) == []
    assert gate.check(_results(comment=0.80 - gate.EPSILON / 2), floors) == []  # noise
    problems = gate.check(_results(comment=0.78), floors)
    assert problems == ["l3s: labels.comment.f1 0.7800 is below its floor 0.8000"]


def test_changed_data_is_not_compared_with_old_floors():
    floors = gate.update(_results(), {})
    problems = gate.check(_results(fingerprint="xyz"), floors)
    assert len(problems) == 1 and "pages or gold labels changed" in problems[0]


def test_a_peer_at_or_above_cleanfeed_fails_the_gate():
    floors = gate.update(_results(), {})
    problems = gate.check(_results(peer=0.90), floors)
    assert problems == ["l3s: boilerpy3's body token F1 0.9000 is not below cleanfeed's 0.9000"]


def test_cleanfeeds_rules_only_mode_is_not_a_peer():
    """The rules-only row is cleanfeed's own speed option, reported beside it; a peer still counts."""
    floors = gate.update(_results(), {})
    results = _results()
    results["sets"]["l3s"]["tools"]["cleanfeed-rules-only"] = _tool(0.95)
    assert gate.check(results, floors) == []
    results["sets"]["l3s"]["tools"]["trafilatura"] = _tool(0.95)
    assert gate.check(results, floors) == ["l3s: trafilatura's body token F1 0.9500 is not below cleanfeed's 0.9000"]


def test_a_missing_data_set_fails():
    floors = gate.update(_results(), {})
    assert gate.check({"sets": {}}, floors) == ["l3s: not in the results (was the benchmark run on all data sets?)"]


def test_update_raises_floors_but_refuses_to_lower_them_unless_told():
    floors = gate.update(_results(), {})
    raised = gate.update(_results(body=0.93), floors)
    assert raised["sets"]["l3s"]["floors"]["body_tokens.f1"] == 0.93
    with pytest.raises(gate.GateError, match="labels.comment.f1 would fall from 0.8000 to 0.7000"):
        gate.update(_results(comment=0.70), floors)
    lowered = gate.update(_results(comment=0.70), floors, allow_lower=True)
    assert lowered["sets"]["l3s"]["floors"]["labels.comment.f1"] == 0.70
    # Within epsilon the floor stays where it was.
    kept = gate.update(_results(comment=0.799), floors)
    assert kept["sets"]["l3s"]["floors"]["labels.comment.f1"] == 0.80


def test_update_refuses_to_repin_changed_data_unless_told():
    floors = gate.update(_results(), {})
    with pytest.raises(gate.GateError, match="pages or gold labels changed"):
        gate.update(_results(fingerprint="xyz", comment=0.5), floors)
    repinned = gate.update(_results(fingerprint="xyz", comment=0.5), floors, allow_lower=True)
    assert repinned["sets"]["l3s"] == {"fingerprint": "xyz", "commit": "c1", "floors": pytest.approx(
        {"body_tokens.f1": 0.90, "body_blocks.f1": 0.85, "labels.body.f1": 0.85, "labels.comment.f1": 0.5})}


def test_command_exit_codes(tmp_path, capsys):
    results, floors = tmp_path / "quality.json", tmp_path / "floors.json"
    results.write_text(json.dumps(_results()), encoding="utf-8")
    assert gate.main(["--results", str(results), "--floors", str(floors)]) == 2  # no floors yet
    assert "no floors file" in capsys.readouterr().err
    assert gate.main(["--results", str(results), "--floors", str(floors), "--update"]) == 0
    assert gate.main(["--results", str(results), "--floors", str(floors)]) == 0
    results.write_text(json.dumps(_results(body=0.80)), encoding="utf-8")
    assert gate.main(["--results", str(results), "--floors", str(floors)]) == 1
    assert "FAIL l3s: body_tokens.f1 0.8000 is below its floor 0.9000" in capsys.readouterr().err
    assert gate.main(["--results", str(results), "--floors", str(floors), "--update"]) == 2
    assert "refusing to lower the bar" in capsys.readouterr().err
def test_the_committed_floors_match_the_committed_results():
    # benchmarks/floors.json and benchmarks/results/quality.json land together; a results
    # file that fails its own floors means one was changed without the other.
    floors = json.loads(gate.FLOORS.read_text(encoding="utf-8"))
    results = json.loads(gate.RESULTS.read_text(encoding="utf-8"))
    assert gate.check(results, floors) == []
    assert set(floors["sets"]) == {name for name, e in results["sets"].items() if "cleanfeed" in e["tools"]}
