"""Bad, big and strange input: never a crash, never a lost or reordered record, never a hang."""

import io
import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleanfeed import Pipeline, segment

ROOT = Path(__file__).parent.parent
SEED = (ROOT / "seeds" / "004_8352a8b32f8949aa.txt").read_text(encoding="utf-8")


def cli(args, data: bytes, timeout=300):
    return subprocess.run([sys.executable, "-m", "cleanfeed", *args], input=data, capture_output=True, timeout=timeout)


@pytest.fixture(scope="module")
def pipeline():
    p = Pipeline()
    p.load()
    return p


@pytest.mark.parametrize(
    "text",
    [
        "",
        "\x00\x01\x02 control \x1b[31m characters \x7f\x00",
        "line one\r\nline two\rline three\nline four\u2028five\u2029six\x85seven",
        "مرحبا بالعالم. هذه فقرة عربية.\n\nשלום עולם, זו פסקה בעברית.\n\n\u202eRTL override text",
        "这是一个中文段落。它没有空格。\n\n日本語の段落です。\n\n한국어 단락입니다.",
        "\ufeffBOM at start\n\n\ud7ff\ue000\uffff",
        "🙂" * 5000,
        "\t\t\t\n\n\n   \u00a0\u3000\n",
    ],
    ids=["empty", "control", "line-endings", "rtl", "cjk", "bom", "emoji", "whitespace"],
)
def test_strange_text(pipeline, text):
    labelled = pipeline.label(text)
    for b in labelled:
        assert text[b.start : b.end] == b.text
    out = pipeline.clean(text)
    assert all(part in text for part in out.split("\n\n") if part)


def test_binary_data_on_stdin():
    data = bytes(range(256)) * 400
    proc = cli(["--rules-only"], data)
    assert proc.returncode == 0 and b"Traceback" not in proc.stderr
    assert b"not valid UTF-8" in proc.stderr


def test_strict_names_the_offset():
    proc = cli(["--strict"], b"abc\n\xc3\x28 more")
    assert proc.returncode == 2 and b"byte offset 4" in proc.stderr and b"Traceback" not in proc.stderr


def test_strict_jsonl_names_the_offset():
    proc = cli(["--jsonl", "--strict", "--rules-only"], b'{"text": "ok"}\n{"text": "\xff"}\n')
    assert proc.returncode == 2 and b"line 2" in proc.stderr and b"byte offset 25" in proc.stderr


def test_jsonl_invalid_utf8_is_replaced_and_kept():
    proc = cli(["--jsonl", "--rules-only", "--fallback", "body"], b'{"text": "caf\xe9 page"}\n')
    assert proc.returncode == 0
    (row,) = [json.loads(line) for line in proc.stdout.splitlines()]
    assert row["cleaned"] == "caf\ufffd page" and b"line 1" in proc.stderr


def test_single_50_mb_line(pipeline):
    """Cut into blocks of at most MAX_BLOCK_CHARS (issue 21.3), losslessly, and not emptied
    (issue 21.2: the one 50 MB block used to come out navigation)."""
    from cleanfeed.segment import MAX_BLOCK_CHARS

    text = ("All work and no play makes a dull day for everyone, said the report. " * 740_000)[:50_000_000]
    start = time.perf_counter()
    labelled = pipeline.label(text)
    assert all(text[b.start : b.end] == b.text and len(b.text) <= MAX_BLOCK_CHARS for b in labelled)
    assert sum(len(b.text) for b in labelled) == len(text.rstrip()) - (len(labelled) - 1)  # one space per cut
    assert any(b.label == "body" for b in labelled)
    assert time.perf_counter() - start < 240


def test_100k_tiny_blocks(pipeline):
    text = "\n".join(f"item {i}" for i in range(100_000))
    labelled = pipeline.label(text)
    assert len(labelled) == 100_000
    assert [b.index for b in labelled[:3]] == [0, 1, 2]


def test_jsonl_never_loses_a_record_with_workers():
    lines = []
    for i in range(300):
        if i % 50 == 7:
            lines.append(b"{broken json")
        elif i % 50 == 9:
            lines.append(json.dumps({"id": i}).encode())
        else:
            lines.append(json.dumps({"id": i, "text": SEED if i % 10 == 0 else f"Page {i}.\n\nShare"}).encode())
    proc = cli(["--jsonl", "--jobs", "2"], b"\n".join(lines) + b"\n", timeout=600)
    assert proc.returncode == 1
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    assert len(rows) == 300
    for i, row in enumerate(rows):
        if i % 50 == 7:
            assert row["line"] == i + 1 and "not valid JSON" in row["error"]
        elif i % 50 == 9:
            assert row["id"] == i and "no 'text' field" in row["error"]
        else:
            assert row["id"] == i and "cleaned" in row


def test_progress_is_written_when_asked():
    data = "".join(json.dumps({"text": SEED}) + "\n" for _ in range(50)).encode()
    proc = cli(["--jsonl", "--rules-only", "--progress"], data)
    assert proc.returncode == 0 and b"records" in proc.stderr and b"docs/s" in proc.stderr
    proc = cli(["--jsonl", "--rules-only", "--no-progress"], data)
    assert b"docs/s" not in proc.stderr


def _sigint_as_at_a_terminal() -> None:
    # A test run started in the background (`cmd &` in a script) inherits SIGINT ignored,
    # and Python then keeps it ignored, as a Unix program should; Ctrl-C at a terminal
    # reaches a process whose SIGINT is at its default.
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_ctrl_c_stops_cleanly():
    proc = subprocess.Popen(
        [sys.executable, "-m", "cleanfeed", "--jsonl", "--rules-only"],
        stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        preexec_fn=_sigint_as_at_a_terminal,
    )
    proc.stdin.write((json.dumps({"text": SEED}) + "\n").encode() * 200)
    proc.stdin.flush()
    time.sleep(3)  # started, now waiting for more input
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert b"interrupted" in err and b"Traceback" not in err


def test_streaming_memory_stays_flat(tmp_path):
    """RSS after 60 MB of JSON Lines is about what it is after 6 MB: the input is streamed."""
    record = (json.dumps({"text": SEED}) + "\n").encode()
    small, big = tmp_path / "small.jsonl", tmp_path / "big.jsonl"
    small.write_bytes(record * 1_000)
    big.write_bytes(record * 10_000)

    def peak_rss_kb(path):
        code = (
            "import resource, sys; import cleanfeed.cli as c; rc = c.main(['--jsonl', '--rules-only', sys.argv[1]]);"
            "sys.stderr.write('RSS=%d' % resource.getrusage(resource.RUSAGE_SELF).ru_maxrss); sys.exit(rc)"
        )
        proc = subprocess.run([sys.executable, "-c", code, str(path)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=600)
        assert proc.returncode == 0, proc.stderr[-500:]
        return int(proc.stderr.decode().rsplit("RSS=", 1)[1])

    assert peak_rss_kb(big) < peak_rss_kb(small) + 30_000


class _Stdin(io.TextIOWrapper):
    def isatty(self):
        return False


def run_in_process(args, data: bytes):
    """The CLI's main() on ``data`` as stdin, without a subprocess (fast enough to fuzz)."""
    from cleanfeed.cli import main

    old_in, old_out, old_err = sys.stdin, sys.stdout, sys.stderr
    sys.stdin = _Stdin(io.BytesIO(data), encoding="utf-8")
    sys.stdout, sys.stderr = io.StringIO(), io.StringIO()
    try:
        code = main(args)
        return code, sys.stdout.getvalue(), sys.stderr.getvalue()
    finally:
        sys.stdin, sys.stdout, sys.stderr = old_in, old_out, old_err


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=2000))
def test_cli_fuzz_never_tracebacks(data):
    code, _, err = run_in_process(["--rules-only"], data)
    assert code == 0 and "Traceback" not in err


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(st.binary(max_size=200), st.text(max_size=200).map(lambda t: json.dumps({"text": t}).encode())), max_size=15))
def test_cli_jsonl_fuzz_keeps_line_count(lines):
    lines = [line.replace(b"\n", b" ") for line in lines]
    data = b"".join(line + b"\n" for line in lines)
    code, out, err = run_in_process(["--jsonl", "--rules-only"], data)
    assert code in (0, 1) and "Traceback" not in err
    assert len(out.splitlines()) == len(lines)
    for raw, line in zip(lines, out.splitlines()):
        # A blank input line is passed through blank (issue 21.5); every other line is a
        # JSON object: the record or its error.
        if raw.decode("utf-8", errors="replace").strip():
            assert isinstance(json.loads(line), dict)
        else:
            assert line == ""


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=300))
def test_segment_fuzz(text):
    for b in segment(text):
        assert text[b.start : b.end] == b.text
