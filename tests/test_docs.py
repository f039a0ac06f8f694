"""The README matches the code: every CLI option is documented, the library example runs."""

import re
from pathlib import Path

from cleanfeed.cli import filter_parser

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")


def test_every_cli_option_is_in_the_readme():
    for action in filter_parser()._actions:
        for option in action.option_strings:
            if option.startswith("--") and option not in ("--help", "--version"):
                assert option in README, f"{option} is not documented in README.md"


def test_two_setup_commands():
    assert "pip install . && cleanfeed < seeds/004_8352a8b32f8949aa.txt" in README
    assert "pip install -e '.[test]' && pytest" in README


def test_readme_library_example_output_is_real():
    """The printed example in the README is what the shipped model prints."""
    from cleanfeed import label

    block = re.search(r"```python\nfrom cleanfeed import clean, label, Pipeline\n(.*?)```", README, re.S).group(1)
    expected = re.search(r"prints \(shipped model\):\n\n```\n(.*?)```", README, re.S).group(1).strip().splitlines()
    root = Path(__file__).parent.parent
    text = (root / "seeds" / "004_8352a8b32f8949aa.txt").read_text(encoding="utf-8")
    got = [
        f"{b.label} {round(b.confidence, 2)} {b.start} {b.end} {b.reason} {b.text[:30]}".rstrip()
        for b in label(text)[12:16]
    ]
    assert "label(text)[12:16]" in block
    assert got == [line.rstrip() for line in expected]


def test_readme_short_page_figures_are_the_benchmark_s():
    """The README quotes the short-page timings; they must be the ones RESULTS.md was written from."""
    import json

    short = json.loads((Path(__file__).parent.parent / "benchmarks" / "results" / "speed.json").read_text())["short_pages"]
    quoted = re.search(r"pages: ([\d.]+) ms\s+a page one at a time, ([\d.]+) ms\s+batched", README)
    assert quoted, "the README no longer quotes the short-page timings; drop this test with them"
    assert float(quoted.group(1)) == round(short["one_call_per_page_s"] * 1000, 1)
    assert float(quoted.group(2)) == round(short["batched_s"] * 1000, 1)


DOCS = [README, *(p.read_text(encoding="utf-8") for p in sorted((Path(__file__).parent.parent / "docs").glob("*.md")))]


def _python_snippets():
    return [code for text in DOCS for code in re.findall(r"```python\n(.*?)```", text, re.S)]


def test_every_readme_python_snippet_runs_as_printed(tmp_path):
    """Issue 21.14: each snippet of the README and docs/ runs on its own, from the repository root, in a fresh
    interpreter (the Spark one only where Java is installed, as tests/test_spark.py)."""
    import shutil
    import subprocess
    import sys

    root = Path(__file__).parent.parent
    snippets = _python_snippets()
    assert len(snippets) >= 4
    for i, code in enumerate(snippets):
        if "pyspark" in code and shutil.which("java") is None:
            continue
        script = tmp_path / f"snippet_{i}.py"
        script.write_text(code, encoding="utf-8")
        done = subprocess.run([sys.executable, str(script)], cwd=root, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, f"README snippet {i} failed:\n{code}\n{done.stderr[-2000:]}"


def test_readme_summary_table_is_the_recorded_results():
    """The README's "how good, how fast" table is generated, never typed: it must be what
    benchmarks/report.py writes from benchmarks/results/."""
    import json
    import sys

    root = Path(__file__).parent.parent
    sys.path.insert(0, str(root))
    from benchmarks.report import _README_END, _README_START, readme_summary

    results = root / "benchmarks" / "results"
    q = json.loads((results / "quality.json").read_text(encoding="utf-8"))
    s = json.loads((results / "speed.json").read_text(encoding="utf-8"))
    block = README[README.index(_README_START) + len(_README_START) : README.index(_README_END)]
    assert block.strip().splitlines() == readme_summary(q, s)


def test_the_annotation_guide_lives_in_the_repository():
    root = Path(__file__).parent.parent
    assert (root / "docs" / "labels.md").is_file() and (root / "LICENSE").is_file()
    citing = [p for p in [*root.glob("cleanfeed/**/*.py"), *root.glob("tests/*.py"), *root.glob("*.md")]
              if "LABELS" + ".md" in p.read_text(encoding="utf-8")]
    assert not citing, f"cite docs/labels.md, not the shared guide: {citing}"
