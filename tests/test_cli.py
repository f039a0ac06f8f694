"""The cleanfeed command: filter, JSON Lines batches, options, and errors without tracebacks."""

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from cleanfeed import Pipeline
from cleanfeed.cli import filter_parser, main
from cleanfeed.training.cli import corpus_parser, page_kind_parser, train_parser

ROOT = Path(__file__).parent.parent
SEED_004 = ROOT / "seeds" / "004_8352a8b32f8949aa.txt"


class _Stdin(io.TextIOWrapper):
    def isatty(self):
        return False


def run(monkeypatch, capsys, argv, stdin: bytes = b""):
    monkeypatch.setattr(sys, "stdin", _Stdin(io.BytesIO(stdin), encoding="utf-8"))
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_filter_cleans_a_page(monkeypatch, capsys):
    code, out, err = run(monkeypatch, capsys, [], SEED_004.read_bytes())
    assert code == 0
    assert "Russia asked China for military support" in out
    for clutter in ("Connect with us", "Hunter B says:", "Gift Cards", "You May Also Like"):
        assert clutter not in out


def test_file_argument_and_keep(monkeypatch, capsys):
    code, out, _ = run(monkeypatch, capsys, [str(SEED_004), "--keep", "comment,spam"])
    assert code == 0 and "Hunter B says:" in out and "Russia asked China" not in out


def test_jsonl_block_output(monkeypatch, capsys):
    code, out, _ = run(monkeypatch, capsys, ["--format", "jsonl"], SEED_004.read_bytes())
    rows = [json.loads(line) for line in out.splitlines()]
    assert len(rows) == 30
    assert {"label", "confidence", "start", "end", "reason", "scores", "text"} <= set(rows[0])
    assert [r["label"] for r in rows[14:16]] == ["spam", "spam"]


def test_jsonl_batch_keeps_every_record_in_order(monkeypatch, capsys):
    page = SEED_004.read_text(encoding="utf-8")
    lines = [json.dumps({"id": i, "text": page if i % 7 == 0 else f"Short page {i}.\n\nShare", "lang": "en"}) for i in range(1000)]
    code, out, err = run(monkeypatch, capsys, ["--jsonl", "--labels"], ("\n".join(lines) + "\n").encode())
    assert code == 0, err
    rows = [json.loads(line) for line in out.splitlines()]
    assert len(rows) == 1000
    assert [r["id"] for r in rows] == list(range(1000))
    assert all(r["lang"] == "en" and "cleaned" in r and "blocks" in r for r in rows)
    from cleanfeed import clean

    assert [r["cleaned"] for r in rows[:8]] == [clean(json.loads(line)["text"]) for line in lines[:8]]
    assert "Short page 3." in {b["text"] for b in rows[3]["blocks"]}


def test_jsonl_signals_are_the_pages_label_shares(monkeypatch, capsys):
    """--signals adds each page's quality signals (and not its blocks); the cleaned text is unchanged."""
    from cleanfeed import label, page_signals

    page = SEED_004.read_text(encoding="utf-8")
    stdin = (json.dumps({"id": 1, "text": page}) + "\n" + json.dumps({"id": 2, "text": ""}) + "\n").encode()
    code, out, err = run(monkeypatch, capsys, ["--jsonl", "--signals"], stdin)
    assert code == 0, err
    rows = [json.loads(line) for line in out.splitlines()]
    assert rows[0]["signals"] == page_signals(label(page)).to_dict() and "blocks" not in rows[0]
    assert rows[0]["signals"]["shares"]["spam"] > 0 and rows[0]["signals"]["shares"]["comment"] > 0
    assert rows[1]["signals"]["chars"] == 0
    _, plain, _ = run(monkeypatch, capsys, ["--jsonl"], stdin)
    assert [r["cleaned"] for r in rows] == [json.loads(line)["cleaned"] for line in plain.splitlines()]


def test_jsonl_cleaned_text_is_the_same_with_and_without_labels(monkeypatch, capsys):
    """Without --labels the batch takes the clean-only path; the cleaned field must not differ."""
    page = SEED_004.read_text(encoding="utf-8")
    lines = [json.dumps({"id": i, "text": page[: 400 * i] or "Share"}) for i in range(12)] + ["not json"]
    stdin = ("\n".join(lines) + "\n").encode()
    code, plain, _ = run(monkeypatch, capsys, ["--jsonl"], stdin)
    code_labels, labelled, _ = run(monkeypatch, capsys, ["--jsonl", "--labels"], stdin)
    assert code == code_labels == 1  # the last line is an error object in both
    plain_rows = [json.loads(line) for line in plain.splitlines()]
    labelled_rows = [json.loads(line) for line in labelled.splitlines()]
    assert all("blocks" not in r for r in plain_rows) and all("blocks" in r for r in labelled_rows[:-1])
    assert [r.get("cleaned") for r in plain_rows] == [r.get("cleaned") for r in labelled_rows]
    assert plain_rows[-1]["line"] == 13 and "error" in plain_rows[-1]


def test_jsonl_bad_lines_become_error_objects(monkeypatch, capsys):
    stdin = b'{"text": "Fine page."}\nnot json\n{"body": "no text field"}\n[1, 2]\n{"text": 5}\n{"text": "Last."}\n'
    code, out, err = run(monkeypatch, capsys, ["--jsonl", "--rules-only", "--fallback", "body"], stdin)
    assert code == 1
    rows = [json.loads(line) for line in out.splitlines()]
    assert len(rows) == 6
    assert rows[0]["cleaned"] == "Fine page." and rows[5]["cleaned"] == "Last."
    assert [r.get("line") for r in rows[1:5]] == [2, 3, 4, 5] and all("error" in r for r in rows[1:5])
    assert "line 2:" in err and "line 3:" in err and "Traceback" not in err


def test_jsonl_custom_field(monkeypatch, capsys):
    code, out, _ = run(monkeypatch, capsys, ["--jsonl", "--rules-only", "--fallback", "body", "--field", "content", "--output-field", "article"], b'{"content": "Hello there."}\n')
    assert code == 0 and json.loads(out)["article"] == "Hello there."


def test_list_rules(monkeypatch, capsys):
    code, out, _ = run(monkeypatch, capsys, ["--list-rules"])
    assert code == 0
    assert "comment_says_header" in out and "WordPress" in out and "rules." in out
    assert "Without a model" not in out  # the layout step is not used with the model
    code, out, _ = run(monkeypatch, capsys, ["--list-rules", "--rules-only"])
    assert code == 0 and "8+ words ending a sentence" in out and "up to 25 words" in out
    code, out, _ = run(monkeypatch, capsys, ["--list-rules", "--rules-only", "--fallback", "body"])
    assert code == 0 and "Without a model" not in out


def test_list_rules_reflects_disable_and_rule_file(monkeypatch, capsys, tmp_path):
    path = tmp_path / "r.toml"
    path.write_text('[[rules]]\nname = "nav_podcast"\nlabel = "navigation"\npattern = "^listen"\nwhy = "Player prompt."\n')
    code, out, _ = run(monkeypatch, capsys, ["--list-rules", "--rules", str(path), "--disable-rule", "nav_share"])
    assert code == 0 and "nav_podcast" in out and "nav_share " not in out


def test_threshold_and_rules_only(monkeypatch, capsys):
    page = b"Share\n\nThe article goes on in a whole sentence of plain prose.\n\nArticle text.\n"
    code, out, _ = run(monkeypatch, capsys, ["--rules-only"], page)  # the short unruled line is not prose
    assert code == 0 and out == "The article goes on in a whole sentence of plain prose.\n"
    code, out, _ = run(monkeypatch, capsys, ["--rules-only", "--fallback", "body"], page)
    assert code == 0 and out == "The article goes on in a whole sentence of plain prose.\n\nArticle text.\n"
    code, out, _ = run(monkeypatch, capsys, ["--rules-only", "--fallback", "navigation"], page)
    assert code == 0 and out == ""
    with pytest.raises(SystemExit) as exc:
        run(monkeypatch, capsys, ["--fallback", "body"], page)
    assert exc.value.code == 2 and "--fallback applies only with --rules-only" in capsys.readouterr().err
    code, _, _ = run(monkeypatch, capsys, ["--threshold", "spam=0.2"], SEED_004.read_bytes())
    assert code == 0


@pytest.mark.parametrize(
    "argv, message",
    [
        (["--keep", "article"], "unknown label"),
        (["--threshold", "spam"], "LABEL=P"),
        (["--threshold", "spam=2"], "probability"),
        (["--model", "/nonexistent/model"], "no model file"),
        (["--rules", "/nonexistent/rules.toml"], "cannot read rule file"),
        (["--disable-rule", "no_such_rule"], "unknown rule"),
        (["/nonexistent/page.txt"], "cannot read"),
        (["--jobs", "0"], "at least 1"),
        (["--min-article-prob", "1.5"], "probability"),
        (["--min-article-prob", "x"], "not a number"),
        (["--rules-only", "--min-article-prob", "0.5"], "need the model"),
        (["--page-kind"], "applies only with --jsonl"),
    ],
)
def test_user_errors_exit_2_without_traceback(monkeypatch, capsys, argv, message):
    try:
        code, out, err = run(monkeypatch, capsys, argv, b"text")
    except SystemExit as exc:  # argparse errors
        code = exc.code
        err = capsys.readouterr().err
    assert code == 2
    assert message in err and "Traceback" not in err


def test_invalid_utf8_replaced_with_warning_or_refused(monkeypatch, capsys):
    data = b"Good text.\n\nBad \xff byte here.\n"
    code, out, err = run(monkeypatch, capsys, ["--rules-only", "--fallback", "body"], data)
    assert code == 0 and "\ufffd" in out and "offset 16" in err
    code, out, err = run(monkeypatch, capsys, ["--rules-only", "--fallback", "body", "--strict"], data)
    assert code == 2 and "byte offset 16" in err


def test_empty_input(monkeypatch, capsys):
    code, out, _ = run(monkeypatch, capsys, [], b"")
    assert code == 0 and out == ""


def _all_options(parser):
    return [a for a in parser._actions if a.option_strings and a.dest != "help"]


def _corpus_build_parser():
    sub = next(a for a in corpus_parser()._actions if a.dest == "verb")
    return sub.choices["build"]


def test_corpus_build_adds_partly_labelled_pages_unless_told_not_to():
    # The shipped model was trained with them, so the default build must include them.
    build = _corpus_build_parser()
    assert build.parse_args([]).partly_labelled is True
    assert build.parse_args(["--no-partly-labelled"]).partly_labelled is False
    # Kreuzer's pages cost body F1 in cross-validation, and the shipped model has none.
    assert build.parse_args([]).kreuzer is False and build.parse_args(["--kreuzer"]).kreuzer is True
    assert train_parser().parse_args(["--seed", "3"]).seed == 3


def test_corpus_build_limit_errors_name_their_own_option(capsys):
    with pytest.raises(SystemExit):
        _corpus_build_parser().parse_args(["--limit", "0"])
    assert "--limit must be at least 1" in capsys.readouterr().err


def test_train_takes_tree_sizes_and_passes_them_on(tmp_path, monkeypatch):
    import cleanfeed.training

    parsed = train_parser().parse_args(["--iterations", "54,27", "--learning-rate", "0.3"])
    assert parsed.iterations == (54, 27) and parsed.learning_rate == 0.3
    assert train_parser().parse_args([]).iterations is None  # the defaults live in training.py
    seen = {}
    monkeypatch.setattr(cleanfeed.training, "train", lambda *a, **k: seen.update(k))
    main(["train", "--corpus", str(tmp_path), "--out", str(tmp_path / "m"), "--seeds", str(tmp_path),
          "--iterations", "54,27", "--learning-rate", "0.3"])
    assert seen["iterations"] == (54, 27) and seen["learning_rate"] == 0.3


@pytest.mark.parametrize("args, message", [
    (["--iterations", "54"], "two whole numbers"),
    (["--iterations", "54,x"], "two whole numbers"),
    (["--iterations", "0,27"], "at least 1"),
    (["--learning-rate", "0"], "(0, 1]"),
    (["--learning-rate", "fast"], "not a number"),
])
def test_train_refuses_tree_sizes_it_cannot_use(args, message, capsys):
    with pytest.raises(SystemExit) as exc:
        train_parser().parse_args(args)
    err = capsys.readouterr().err
    assert exc.value.code == 2 and message in err and args[0] in err


@pytest.mark.parametrize("seed", ["-1", str(2**32), "one"])
def test_train_refuses_a_seed_scikit_learn_cannot_take(seed, capsys):
    with pytest.raises(SystemExit) as exc:
        train_parser().parse_args(["--seed", seed])
    assert exc.value.code == 2 and "--seed" in capsys.readouterr().err


def test_corpus_build_end_to_end_counts_its_message_pools(tmp_path, capsys):
    """A tiny data directory (one WCXB page, a few messages) built by the command."""
    import gzip

    pytest.importorskip("datasets")
    pytest.importorskip("lxml")
    data = tmp_path / "data"
    (data / "wcxb-dev" / "html").mkdir(parents=True)
    page = ("<html><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
            "<article><h1>Harbour reopens</h1><p>The harbour reopened on Monday after a week of repairs to "
            "the north wall, the port authority said.</p><p>Ferries will run to the usual timetable.</p></article>"
            "<footer>Contact us</footer></body></html>")
    with gzip.open(data / "wcxb-dev" / "html" / "p1.html.gz", "wt", encoding="utf-8") as fh:
        fh.write(page)
    record = {"file_id": "p1", "url": "https://harbour.example/news/1", "_meta": {"page_type": "article", "domain": "harbour.example"},
              "ground_truth": {"title": "Harbour reopens", "main_content": "The harbour reopened on Monday after a week of "
                               "repairs to the north wall, the port authority said.\nFerries will run to the usual timetable."}}
    with gzip.open(data / "wcxb-dev" / "ground-truth.jsonl.gz", "wt", encoding="utf-8") as fh:
        fh.write(json.dumps(record) + "\n")
    (data / "spam-sms").mkdir()
    (data / "spam-sms" / "SMSSpamCollection").write_text(
        "ham\tSee you at the station at six.\nspam\tYou have won a prize, reply WIN now\nham\tRunning late, sorry.\n", encoding="utf-8")
    (data / "comments-socc-ctc").mkdir()
    (data / "comments-socc-ctc" / "SFU_constructiveness_toxicity.csv").write_text(
        "comment,title\nA fair summary of the budget.,Budget\n", encoding="utf-8")
    out = tmp_path / "corpus"
    assert main(["corpus", "build", "--data", str(data), "--out", str(out), "--no-progress"]) == 0
    err = capsys.readouterr().err
    stats = json.loads((out / "stats.json").read_text(encoding="utf-8"))
    # threads-ml-heldout is written from the project's own texts (corpus/threads_ml.py), so it
    # is built with no data at all: every language, ML_EVAL_THREADS threads each.
    from cleanfeed.training.corpus.build import ML_EVAL_THREADS
    from cleanfeed.training.corpus.threads_ml import ML_LANGUAGES
    assert stats["pages"] == {"wcxb": 1, "threads-ml-heldout": ML_EVAL_THREADS * len(ML_LANGUAGES)}
    assert stats["messages"]["sms"] == {"spam": 1, "ham": 2}
    assert stats["messages"]["socc_eval"] == {"spam": 0, "ham": 1}
    assert stats["messages"]["youtube"] == {"spam": 0, "ham": 0}
    assert "sms 1 spam / 2 ham" in err and "socc_eval 0 spam / 1 ham" in err
    assert stats["blocks_by_label"]["wcxb/body"] >= 3  # the headline and both paragraphs


def test_corpus_build_names_a_missing_data_file(tmp_path, capsys):
    (tmp_path / "wcxb-dev").mkdir()  # the folder is there, its ground truth is not
    code = main(["corpus", "build", "--data", str(tmp_path), "--out", str(tmp_path / "out"), "--no-progress"])
    err = capsys.readouterr().err
    assert code == 2
    assert "cannot use" in err and "ground-truth.jsonl.gz" in err and "No such file" in err and "Errno" not in err


def test_corpus_build_refuses_a_wrong_data_directory_and_makes_no_output(tmp_path, capsys):
    out = tmp_path / "corpus"
    code = main(["corpus", "build", "--data", str(tmp_path / "elsewhere"), "--out", str(out), "--no-progress"])
    err = capsys.readouterr().err
    assert code == 2
    assert "does not look like the shared data directory" in err
    assert not out.exists()


def test_train_refuses_an_output_path_that_is_a_file_before_training(tmp_path, capsys):
    blocker = tmp_path / "models"
    blocker.write_text("not a directory", encoding="utf-8")
    code = main(["train", "--corpus", str(tmp_path), "--out", str(blocker), "--seeds", str(tmp_path)])
    err = capsys.readouterr().err
    assert code == 2
    assert f"cannot use {str(blocker)!r}: File exists" in err


def test_train_warns_when_there_are_no_seed_pages(tmp_path, capsys, monkeypatch):
    import cleanfeed.training

    monkeypatch.setattr(cleanfeed.training, "train", lambda *a, **k: None)
    assert main(["train", "--corpus", str(tmp_path), "--out", str(tmp_path / "m"), "--seeds", str(tmp_path / "none")]) == 0
    assert "no seed pages at" in capsys.readouterr().err


@pytest.mark.parametrize("parser", [filter_parser(), train_parser(), _corpus_build_parser(), page_kind_parser()],
                         ids=["filter", "train", "corpus-build", "page-kind"])
def test_every_option_has_help(parser):
    for action in _all_options(parser):
        assert action.help and len(action.help) > 10, action.option_strings


def test_console_script_runs_as_a_process():
    proc = subprocess.run(
        [sys.executable, "-m", "cleanfeed", "--rules-only", "--fallback", "body"], input=b"Share\n\nText.\n",
        capture_output=True, timeout=120
    )
    assert proc.returncode == 0 and proc.stdout == b"Text.\n"


def test_broken_pipe_is_quiet():
    page = SEED_004.read_text(encoding="utf-8")
    data = "".join(json.dumps({"text": page}) + "\n" for _ in range(3000)).encode()
    proc = subprocess.run(
        f"{sys.executable} -m cleanfeed --jsonl --rules-only | head -n 1",
        shell=True, input=data, capture_output=True, timeout=300,
    )
    assert proc.returncode == 0
    assert len(proc.stdout.splitlines()) == 1 and b"Traceback" not in proc.stderr and b"Error" not in proc.stderr


def test_evaluate_refuses_a_missing_corpus(tmp_path, capsys):
    assert main(["evaluate", "--model", str(tmp_path), "--corpus", str(tmp_path / "none")]) == 2
    assert "no corpus at" in capsys.readouterr().err


def test_page_kind_refuses_a_missing_corpus_or_data_directory_before_any_work(tmp_path, capsys):
    assert main(["page-kind", "--corpus", str(tmp_path / "none"), "--out", str(tmp_path / "out")]) == 2
    assert "no corpus at" in capsys.readouterr().err
    (tmp_path / "corpus").mkdir()
    assert main(["page-kind", "--corpus", str(tmp_path / "corpus"), "--data", str(tmp_path / "nodata"),
                 "--out", str(tmp_path / "out")]) == 2
    assert "Traceback" not in capsys.readouterr().err
    assert not (tmp_path / "out").exists()  # nothing written when the inputs are wrong


@pytest.mark.parametrize("verb", ["corpus", "train", "evaluate", "page-kind"])
def test_tooling_verbs_without_the_corpus_extra_say_what_to_install(verb, monkeypatch, capsys):
    import cleanfeed.training.cli as tooling

    def missing(argv):
        raise ModuleNotFoundError("No module named 'lxml'", name="lxml")

    monkeypatch.setitem(tooling.VERBS, verb, missing)
    assert main([verb]) == 2
    err = capsys.readouterr().err
    assert "needs the module 'lxml'" in err and "cleanfeed[corpus]" in err and "Traceback" not in err


# --- What a new user hit (issue 21) -------------------------------------------------

def test_jsonl_blank_lines_pass_through_without_failing_the_run(monkeypatch, capsys):
    data = b'{"text": "Share"}\n\n{"text": "Reply"}\n   \n'
    code, out, err = run(monkeypatch, capsys, ["--jsonl", "--rules-only"], data)
    assert code == 0, err
    lines = out.split("\n")
    assert len(lines) == 5 and lines[1] == "" and lines[3] == "" and lines[4] == ""
    assert json.loads(lines[0])["text"] == "Share" and json.loads(lines[2])["text"] == "Reply"
    assert "error" not in out


@pytest.mark.parametrize("option", [["--field", "body"], ["--output-field", "x"], ["--labels"], ["--signals"]])
def test_jsonl_options_without_jsonl_are_refused(monkeypatch, capsys, option):
    with pytest.raises(SystemExit) as exc:
        run(monkeypatch, capsys, option, b'{"body": "Some text of a page."}\n')
    out, err = capsys.readouterr()
    assert exc.value.code == 2 and out == ""
    assert f"{option[0]} applies only with --jsonl" in err


def test_rule_file_of_another_format_names_the_formats_read(monkeypatch, capsys, tmp_path):
    path = tmp_path / "rules.yaml"
    path.write_text("rules: []\n", encoding="utf-8")
    code, _, err = run(monkeypatch, capsys, ["--rules", str(path)], b"Some text.")
    assert code == 2 and "TOML (.toml) or JSON (.json)" in err and "Expecting value" not in err


def test_model_option_given_a_file_says_a_directory_is_expected(monkeypatch, capsys, tmp_path):
    page = tmp_path / "page.txt"
    page.write_text("Some text.", encoding="utf-8")
    code, _, err = run(monkeypatch, capsys, ["--model", str(page)], b"Some text.")
    assert code == 2 and "is a file; a model is a directory" in err and "page.txt/" not in err


def test_full_disk_is_a_one_line_message_and_exit_2(tmp_path):
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full on this system")
    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, "-m", "cleanfeed", "--rules-only", str(SEED_004)],
                              stdout=full, stderr=subprocess.PIPE, text=True, timeout=60)
    assert done.returncode == 2
    assert done.stderr.strip() == "cleanfeed: cannot write the output: No space left on device"


def test_rule_file_replacing_a_default_rule_warns_once(monkeypatch, capsys, tmp_path):
    path = tmp_path / "rules.toml"
    path.write_text('[[rules]]\nname = "nav_share"\nlabel = "navigation"\npattern = "^share it$"\nwhy = "Mine."\n',
                    encoding="utf-8")
    code, _, err = run(monkeypatch, capsys, ["--rules-only", "--rules", str(path)], b"Share it\n\nThe council met on Tuesday and agreed on the budget for the year.")
    assert code == 0
    assert err.count("warning:") == 1 and "'nav_share' replaces the rule of that name" in err


def test_list_rules_rules_only_lists_only_the_rules_that_run(monkeypatch, capsys):
    from cleanfeed import RuleSet

    _, full, _ = run(monkeypatch, capsys, ["--list-rules"])
    _, only, _ = run(monkeypatch, capsys, ["--list-rules", "--rules-only"])
    soft = [r.name for r in RuleSet() if r.strength == "soft" and not r.kind]
    assert soft and all(f"\n{name} " in "\n" + full for name in soft)
    assert not any(f"\n{name} " in "\n" + only for name in soft)
    n_only = len(RuleSet().deciding())
    assert f"{n_only} rules." in only and f"The other {len(RuleSet()) - n_only} rules are soft" in only


def test_help_names_every_verb(capsys):
    with pytest.raises(SystemExit):
        filter_parser().parse_args(["--help"])
    out = capsys.readouterr().out
    for verb in ("corpus build", "train", "evaluate"):
        assert f"'cleanfeed {verb} --help'" in out


def test_binary_input_is_reported_and_gives_no_article(monkeypatch, capsys):
    import random

    rng = random.Random(1)
    data = bytes(rng.getrandbits(8) for _ in range(50_000))
    code, out, err = run(monkeypatch, capsys, [], data)
    assert code == 0 and out == ""
    assert "looks like binary data" in err and "unreadable" in err


def test_one_paragraph_above_a_share_line_is_not_an_empty_article(monkeypatch, capsys):
    page = ("The city council voted on Tuesday to approve a new budget that increases funding for public schools "
            "and parks, after months of debate among residents and officials about spending priorities.\n\n"
            "Share on Facebook Share on Twitter Email\n")
    code, out, _ = run(monkeypatch, capsys, [], page.encode())
    assert code == 0 and out.startswith("The city council voted on Tuesday")
    code, out, _ = run(monkeypatch, capsys, ["--format", "jsonl"], page.encode())
    first = json.loads(out.splitlines()[0])
    assert first["label"] == "body" and first["reason"] in ("model", "context:best_prose")


def test_plain_text_is_labelled_window_by_window_with_offsets_into_the_whole_input(monkeypatch, capsys):
    """Issue 21.3: the input is read in windows (bounded memory); block offsets and indexes
    still point into the whole input, and the article is every window's article."""
    import cleanfeed.stream

    page = SEED_004.read_text(encoding="utf-8")
    data = (page + "\n\n") * 3
    code, whole, _ = run(monkeypatch, capsys, ["--format", "jsonl"], data.encode())
    monkeypatch.setattr(cleanfeed.stream, "WINDOW_BYTES", len(page.encode()) + 2)  # a window per copy
    code, windowed, _ = run(monkeypatch, capsys, ["--format", "jsonl"], data.encode())
    assert code == 0
    blocks = [json.loads(line) for line in windowed.splitlines()]
    assert len(blocks) == len(whole.splitlines())
    assert [b["index"] for b in blocks] == list(range(len(blocks)))
    assert all(data[b["start"] : b["end"]] == b["text"] for b in blocks)
    code, article, _ = run(monkeypatch, capsys, [], data.encode())
    one = Pipeline().clean(page)
    assert article == "\n\n".join([one] * 3) + "\n"


def test_an_emptied_output_is_never_silent(monkeypatch, capsys):
    code, out, err = run(monkeypatch, capsys, ["--rules-only"], b"Home\n\nShare on Facebook\n\nLeave a Reply\n")
    assert code == 0 and out == ""
    assert "warning: no block was kept (3 navigation; kept labels: body)" in err
    data = b'{"text": "Home\\n\\nShare on Facebook"}\n{"text": ""}\n'
    code, out, err = run(monkeypatch, capsys, ["--rules-only", "--jsonl"], data)
    assert code == 0 and "1 record(s) with text gave an empty 'cleaned'" in err


SECTION_FRONT = ROOT / "tests" / "pages" / "section_front.txt"


def test_jsonl_page_kind_and_articles_only(monkeypatch, capsys):
    """--page-kind writes each page's verdict; --min-article-prob empties a listing, says why
    in 'dropped' and in a closing note, and keeps the articles."""
    from cleanfeed import Pipeline, label

    article = SEED_004.read_text(encoding="utf-8")
    listing = SECTION_FRONT.read_text(encoding="utf-8")
    stdin = "".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in enumerate([article, listing])).encode()
    code, out, err = run(monkeypatch, capsys, ["--jsonl", "--page-kind"], stdin)
    assert code == 0, err
    rows = [json.loads(line) for line in out.splitlines()]
    assert rows[0]["page"] == label(article).verdict.to_dict() and rows[0]["page"]["kind"] == "article"
    assert rows[1]["page"]["kind"] != "article" and rows[1]["cleaned"] and "dropped" not in rows[1]
    code, out, err = run(monkeypatch, capsys, ["--jsonl", "--progress", "--min-article-prob"], stdin)  # 0.5 by default
    assert code == 0, err
    rows = [json.loads(line) for line in out.splitlines()]
    assert rows[0]["cleaned"] == Pipeline().clean(article) and "dropped" not in rows[0]
    assert rows[1]["cleaned"] == "" and rows[1]["dropped"].startswith("not an article")
    assert rows[1]["page"]["article_probability"] < 0.5
    assert "1 record(s) dropped as not articles" in err
    assert "2 records, 1 dropped as not articles" in err  # the progress line counts them
    assert "gave an empty" not in err  # a dropped page is not reported as emptied by mistake
    # Worker processes send the verdict back with the blocks: the same output.
    code, parallel, _ = run(monkeypatch, capsys, ["--jsonl", "--min-article-prob", "0.5", "--jobs", "2"], stdin)
    assert code == 0 and parallel == out


def test_text_mode_says_why_a_page_was_dropped(monkeypatch, capsys):
    code, out, err = run(monkeypatch, capsys, ["--min-article-prob", "0.5"], SECTION_FRONT.read_bytes())
    assert code == 0 and out == ""
    assert "dropped the input: not an article" in err and "no block was kept" not in err
    code, out, _ = run(monkeypatch, capsys, ["--min-article-prob", "0.5"], SEED_004.read_bytes())
    assert code == 0 and out.strip()
