"""The HTML report: every block shown once, escaped, with counts that match the labels; and
the page as a browser renders it (headless Chromium, where installed)."""

import json
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from cleanfeed import Pipeline
from cleanfeed.htmlreport import MAX_PAGES, html_report

ROOT = Path(__file__).parent.parent
SEED_004 = ROOT / "seeds" / "004_8352a8b32f8949aa.txt"
RULES_ONLY = Pipeline(model=None)


def _counts(html: str) -> list[dict[str, int]]:
    """The per-label counts each section shows."""
    return [{label: int(n) for label, n in re.findall(r'<td data-label="(\w+)">(\d+)</td>', table)}
            for table in re.findall(r'<table class="counts">(.*?)</table>', html, re.S)]


def test_every_block_once_in_order_escaped_with_its_counts():
    text = "Home\n\n<script>alert(1)</script> & more prose of the article that ends with a full stop here.\n\nReply"
    blocks = RULES_ONLY.label(text)
    html = html_report([blocks], titles=["a <page>"])
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in html
    assert "a &lt;page&gt;" in html
    shown = re.findall(r'<li class="block (\w+)" data-label="\1"', html)
    assert shown == [b.label for b in blocks]
    assert _counts(html) == [{**dict.fromkeys(("body", "caption", "navigation", "comment", "spam"), 0),
                              **Counter(b.label for b in blocks)}]
    assert "http" not in html.replace("http-equiv", "")  # no network resource


def test_reports_are_capped_with_a_note_and_errors_listed():
    page = RULES_ONLY.label("Share\n\nSome text of a page that ends with a full stop, as prose does.")
    html = html_report(iter([page] * (MAX_PAGES + 5)))
    assert html.count('<section class="page"') == MAX_PAGES and "Capped: the first 200 pages are shown" in html
    html = html_report([page], not_shown=7, errors=["line 3: not valid JSON"])
    assert "7 more were not" in html and "line 3: not valid JSON" in html
    assert "Capped" not in html_report([page])


def test_cli_html_for_jsonl_has_a_section_per_record(tmp_path):
    records = [json.dumps({"id": i, "text": SEED_004.read_text(encoding="utf-8")}) for i in range(3)]
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(records) + "\n\nnot json\n", encoding="utf-8")
    out = tmp_path / "out.html"
    with open(out, "w", encoding="utf-8") as fh:
        done = subprocess.run([sys.executable, "-m", "cleanfeed", "--rules-only", "--jsonl", "--format", "html", str(path)],
                              stdout=fh, stderr=subprocess.PIPE, text=True, timeout=120)
    html = out.read_text(encoding="utf-8")
    assert done.returncode == 1 and "line 5: not valid JSON" in done.stderr  # the bad record is reported
    assert html.count('<section class="page"') == 3 and "line 5: not valid JSON" in html
    assert "line 1, id 0" in html


def _chromium() -> str | None:
    return next((shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome") if shutil.which(n)), None)


def test_the_report_renders_in_chromium_with_the_jsonl_counts(tmp_path):
    browser = _chromium()
    if browser is None:
        pytest.skip("no Chromium on PATH (.ci/run installs Debian's chromium package); the browser test is skipped")
    report = tmp_path / "report.html"
    blocks = tmp_path / "blocks.jsonl"
    for fmt, path in (("html", report), ("jsonl", blocks)):
        with open(path, "w", encoding="utf-8") as fh:
            subprocess.run([sys.executable, "-m", "cleanfeed", "--format", fmt, str(SEED_004)], stdout=fh,
                           check=True, timeout=120)
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"]
    dom = subprocess.run([browser, *flags, "--dump-dom", report.as_uri()], capture_output=True, text=True,
                         timeout=120).stdout
    jsonl_counts = Counter(json.loads(line)["label"] for line in blocks.read_text(encoding="utf-8").splitlines())
    assert "<h1>cleanfeed report</h1>" in dom
    (shown,) = _counts(dom)
    assert {k: v for k, v in shown.items() if v} == dict(jsonl_counts)
    assert len(re.findall(r'<li class="block ', dom)) == sum(jsonl_counts.values())
    shot = tmp_path / "report.png"
    subprocess.run([browser, *flags, "--window-size=1000,1500", f"--screenshot={shot}", report.as_uri()],
                   capture_output=True, timeout=120)
    assert shot.is_file() and shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000
