"""The benchmark runner checks what its parts need before any of them starts."""

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import run  # noqa: E402


def _fake_corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "dataset_info.json").write_text("{}", encoding="utf-8")
    return corpus


@pytest.mark.parametrize("case, message", [
    ("no-corpus", "no corpus at"),
    ("no-model", "--heldout-model: no model file"),
    ("no-data", "no data directory"),
    ("no-python", "--plain-python: no interpreter"),
])
def test_runner_refuses_missing_inputs_up_front(tmp_path, capsys, monkeypatch, case, message):
    # Had a check been missing, the parts would run and the test would fail on these.
    for part in ("quality", "rules_only_layout", "speed", "scaling", "streaming", "report", "gate"):
        monkeypatch.setattr(getattr(run, part), "main", lambda *a, part=part, **k: pytest.fail(f"{part} started"))
    corpus = str(tmp_path / "none") if case == "no-corpus" else str(_fake_corpus(tmp_path))
    model = str(tmp_path / "none") if case == "no-model" else str(ROOT / "models")
    data = str(tmp_path / "none") if case == "no-data" else str(tmp_path)
    argv = ["--corpus", corpus, "--heldout-model", model, "--data", data]
    if case == "no-python":
        argv += ["--plain-python", str(tmp_path / "none")]
    with pytest.raises(SystemExit) as exc:
        run.main(argv)
    assert exc.value.code == 2
    assert message in capsys.readouterr().err


@pytest.mark.parametrize("tools, message", [
    ("c4-rules,justext", "--tools must include cleanfeed"),
    ("cleanfeed,trafilatur", "--tools: unknown trafilatur"),
])
def test_speed_refuses_a_tool_list_it_cannot_report_on(tmp_path, capsys, monkeypatch, tools, message):
    from benchmarks import speed

    monkeypatch.setattr(speed, "build_input", lambda *a, **k: pytest.fail("input built before the check"))
    with pytest.raises(SystemExit) as exc:
        speed.main(["--corpus", str(tmp_path), "--tools", tools])
    assert exc.value.code == 2
    assert message in capsys.readouterr().err


def test_stage_table_turns_the_throughput_target_into_time_per_block():
    from benchmarks.report import _stage_table

    # 1 MB in 10,000 blocks; a 2 MB/s target leaves 0.5 s, so 50 µs a block for everything.
    lines = _stage_table({"fast": 0.1, "slow": 0.6}, mb=1.0, blocks=10_000, target_mb_s=2.0, target="the target")
    table = "\n".join(lines)
    assert "| fast | 0.10 | 14% | 10.0 | 10.0 |" in table
    assert "| slow | 0.60 | 86% | 1.7 | 60.0 |" in table
    assert "| all | 0.70 | 100% | 1.4 | 70.0 |" in table
    assert "**50.0 µs per block**" in table
    assert "1 of its 2 stages each take longer than that alone (slow)" in table
    # Without a block count (results written before it was recorded) the table keeps its old columns.
    assert _stage_table({"fast": 0.1}, mb=1.0, blocks=None, target_mb_s=2.0, target="t") == [
        "| stage | seconds | share | MB/s |", "|---|---|---|---|", "| fast | 0.10 | 100% | 10.0 |"]
