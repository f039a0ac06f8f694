"""Worker processes: results in order, no hang from an unguarded script, a dead worker reported."""

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import cleanfeed
from cleanfeed import Pipeline
from cleanfeed._parallel import PagePool, _guarded_lines

ROOT = Path(__file__).parent.parent
SEED_004 = (ROOT / "seeds" / "004_8352a8b32f8949aa.txt").read_text(encoding="utf-8")
PAGES = [SEED_004, "Share", "A short page of prose that ends as a sentence does, with a full stop."] * 3


def _run_script(tmp_path, body: str, timeout: float = 120) -> subprocess.CompletedProcess:
    script = tmp_path / "script.py"
    script.write_text(textwrap.dedent(body), encoding="utf-8")
    return subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=timeout, cwd=tmp_path)


def test_unguarded_script_runs_in_process_with_a_warning(tmp_path):
    """Pasted at the top level of a script, clean_batch(n_jobs=2) used to spawn workers that
    re-ran the script and died while the parent waited for ever."""
    done = _run_script(tmp_path, """
        from cleanfeed import Pipeline, clean_batch
        pages = ["A first page of prose that ends as a sentence does, with a full stop.", "Share"] * 4
        out = list(clean_batch(pages, Pipeline(model=None), n_jobs=2))
        print(len(out), out[0])
    """, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "8 A first page of prose that ends as a sentence does, with a full stop."
    assert "RuntimeWarning" in done.stderr and "__main__" in done.stderr and "script.py (line 4)" in done.stderr
    assert "Traceback" not in done.stderr


def test_guarded_script_uses_workers_without_a_warning(tmp_path):
    done = _run_script(tmp_path, """
        import os
        from cleanfeed import Pipeline, label_batch

        def main():
            pages = ["A first page of prose that ends as a sentence does, with a full stop."] * 70
            print(len(list(label_batch(pages, Pipeline(model=None), n_jobs=2))))

        if __name__ == "__main__":
            main()
    """)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "70"
    assert "Warning" not in done.stderr


def test_main_guard_is_found_in_either_operand_order(tmp_path):
    script = tmp_path / "s.py"
    script.write_text('x = 1\nif __name__ == "__main__":\n    y = 2\n    z = 3\nif "__main__" == __name__:\n    w = 4\n'
                      'if __name__ != "__main__":\n    v = 5\n', encoding="utf-8")
    assert _guarded_lines(str(script)) == ((2, 4), (5, 6))


def test_parallel_results_equal_serial_results():
    pipeline = Pipeline(model=None)
    assert list(cleanfeed.clean_batch(PAGES, pipeline, n_jobs=2)) == [pipeline.clean(t) for t in PAGES]


def test_a_dead_worker_raises_instead_of_hanging(tmp_path):
    """The workers build their pipeline from its parameters; a rule file gone after the
    parent loaded it makes every worker fail on start-up."""
    rules = tmp_path / "rules.toml"
    rules.write_text('[[rules]]\nname = "x_rule"\nlabel = "navigation"\npattern = "^zzz$"\nwhy = "test"\n', encoding="utf-8")
    pipeline = Pipeline(model=None, rules=rules).load()
    rules.unlink()
    with pytest.raises(RuntimeError, match="worker process died"):
        with PagePool(pipeline, 2) as pool:
            pool.map("clean", PAGES)
