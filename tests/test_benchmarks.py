"""The benchmark runner checks what its parts need before any of them starts."""

import json
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
    for part in ("quality", "speed", "scaling", "streaming", "plain_memory", "report", "gate"):
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


def test_tree_predictor_table_compares_per_row_and_against_the_budget():
    from benchmarks.report import tree_predictor_table

    t = {"commit": "abc", "blocks": 1000, "passes": {
        "block_clf": {"trees": 800, "rows": 1000, "max_abs_raw_score_difference": 4e-7,
                      "chunks_of_4096": {"sklearn_s": 0.02, "onnxruntime_s": 0.01},
                      "short_pages": {"pages": 3, "rows": 100, "sklearn_s": 0.004, "onnxruntime_s": 0.001}},
        "stack_clf": {"trees": 400, "rows": 1000, "max_abs_raw_score_difference": 3e-7,
                      "chunks_of_4096": {"sklearn_s": 0.01, "onnxruntime_s": 0.005},
                      "short_pages": {"pages": 0, "rows": 0, "sklearn_s": 0.0, "onnxruntime_s": 0.0}}}}
    # 1 MB in 1,000 blocks; the faster peer at 1 MB/s makes the target 3 MB/s: 333.3 µs a block.
    s = {"input": {"bytes": 1_000_000}, "runs": [{"tool": "trafilatura", "mb_per_s": 1.0}, {"tool": "justext", "mb_per_s": 0.5}]}
    text = "\n".join(tree_predictor_table(t, s))
    assert "| first | 800 | 1,000 | 20.0 | 10.0 | 2.0× | 40.0 / 10.0 | 4.0e-07 |" in text
    assert "| stacked | 400 | 1,000 | 10.0 | 5.0 | 2.0× | – | 3.0e-07 |" in text
    assert "Both passes together take 30.0 µs a block with scikit-learn and 15.0 µs with onnxruntime" in text
    assert "against the 333.3 µs a block" in text


def test_smaller_model_table_sets_the_two_twins_side_by_side():
    from benchmarks.report import smaller_model_table

    def twin(iters, trees, f1, us):
        params = {"max_iter": iters[0], "learning_rate": 0.3}
        return {"params": {"block_model": params, "stack_model": dict(params, max_iter=iters[1])}, "trees": trees,
                "fold0_body_token_f1": {"wcxb": f1}, "fold0_label_f1": {"comment": f1 - 0.1},
                "held_out": {"dragnet body token f1": f1 - 0.05}, "tree_us_per_block": us}

    m = {"commit": "abc", "fold0_pages": 10, "shipped_recipe": twin((160, 80), 1200, 0.9, 47.0),
         "smaller": twin((54, 27), 405, 0.8, 16.5)}
    text = "\n".join(smaller_model_table(m))
    assert "| measure | shipped recipe: 1,200 trees (160 + 80 iterations at 0.3) | smaller: 405 trees (54 + 27 iterations at 0.3) |" in text
    assert "| fold 0 body token F1, wcxb | 0.900 | 0.800 |" in text
    assert "| fold 0 comment F1 | 0.800 | 0.700 |" in text
    assert "| dragnet body token f1 | 0.850 | 0.750 |" in text
    assert "| both tree passes, µs a block | 47.0 | 16.5 |" in text


def test_smaller_model_refuses_a_twin_that_saw_fold_0(tmp_path, capsys):
    from benchmarks.studies import smaller_model

    shipped = str(ROOT / "models")  # trained on every fold
    with pytest.raises(SystemExit) as exc:
        smaller_model.main(["--heldout-model", shipped, "--smaller-model", shipped, "--out", str(tmp_path / "o.json")])
    assert exc.value.code == 2
    assert "was not trained with --holdout-fold 0" in capsys.readouterr().err
    assert not (tmp_path / "o.json").exists()


def test_label_ceiling_scores_the_corpus_labels_and_names_lost_pages():
    import numpy as np

    from benchmarks.studies.label_ceiling import ceiling
    from cleanfeed import segment
    from cleanfeed.training import PageData

    def page(site, text, labels, gold, page_type="article"):
        blocks = segment(text)
        return PageData(source="wcxb", site=site, use="train", fold=0, page_type=page_type, text=text,
                        gold_body=gold, blocks=blocks, labels=labels, hits=np.zeros((len(blocks), 0)))

    good = page("good.example", "Menu\n\nThe story itself goes here.", ["navigation", "body"], "The story itself goes here.")
    # The article is on the page but labelled comment: the labels lose it, the text does not.
    mislabelled = page("flags.example", "Menu\n\nAnother story text.", ["navigation", "comment"], "Another story text.")
    # The saved page holds no article at all.
    empty = page("wall.example", "Skip to content", ["navigation"], "An article the page never shows.")
    result = ceiling([good, mislabelled, empty])
    wcxb = result["sources"]["wcxb"]
    assert wcxb["pages"] == 3 and abs(wcxb["body_tokens"]["f1"] - 1 / 3) < 1e-3
    assert abs(wcxb["body_tokens_article_pages"]["f1"] - 1 / 3) < 1e-3
    lost = {r["site"]: r["gold_tokens_in_text"] for r in result["pages_below"]}
    assert lost == {"flags.example": 1.0, "wall.example": 0.0}


def test_label_ceiling_table_splits_lost_pages_by_cause():
    from benchmarks.report import label_ceiling_table

    m = {"commit": "abc", "corpus": "c", "sources": {
        "wcxb": {"pages": 4, "body_tokens": {"f1": 0.9}, "body_tokens_article_pages": {"f1": 0.95}},
        "fundus": {"pages": 2, "body_tokens": {"f1": 0.97}}},
        "pages_below": [{"source": "wcxb", "site": "a", "f1": 0.0, "gold_tokens_in_text": 0.0},
                        {"source": "wcxb", "site": "b", "f1": 0.2, "gold_tokens_in_text": 1.0},
                        {"source": "wcxb", "site": "c", "f1": 0.1, "gold_tokens_in_text": 0.3}]}
    text = "\n".join(label_ceiling_table(m))
    assert "| wcxb | 4 | 0.900 (article pages 0.950) | 2 / 1 |" in text
    assert "| fundus | 2 | 0.970 | 0 / 0 |" in text


def test_label_ceiling_refuses_a_directory_that_is_no_corpus(tmp_path, capsys):
    from benchmarks.studies import label_ceiling

    with pytest.raises(SystemExit) as exc:
        label_ceiling.main(["--corpus", str(tmp_path), "--out", str(tmp_path / "o.json")])
    assert exc.value.code == 2
    assert "no corpus at" in capsys.readouterr().err and not (tmp_path / "o.json").exists()


def test_dragnet_chrome_scores_comments_under_both_golds(tmp_path):
    import datasets

    from benchmarks.studies.dragnet_chrome import compare, dragnet_pages

    text = "Story text of the article.\n\nFirst reader comment here.\n\nReply\n\nSecond reader comment here."
    spans, start = [], 0
    for part, label, how in (("Story text of the article.", "body", "align:gold_article"),
                             ("First reader comment here.", "comment", "align:gold_comments"),
                             ("Reply", "comment", "thread_chrome"),
                             ("Second reader comment here.", "comment", "align:gold_comments")):
        start = text.index(part, start)
        spans.append({"start": start, "end": start + len(part), "label": label, "how": how})
    row = {"source": "dragnet", "site": "dragnet/1", "page_id": "1", "page_type": "article", "use": "eval",
           "fold": 0, "renderer": "seed", "text": text, "gold_body": "Story text of the article.", "blocks": spans}
    other = dict(row, source="wcxb", site="w.example")
    datasets.Dataset.from_list([row, other]).save_to_disk(str(tmp_path / "c"))
    contract, aligned = dragnet_pages(tmp_path / "c")
    assert [p.labels for p in contract] == [["body", "comment", "comment", "comment"]]
    assert [p.labels for p in aligned] == [["body", "comment", "navigation", "comment"]]
    # A model that calls the reply link comment is right by docs/labels.md and wrong by the alignment.
    result = compare(contract, aligned, [["body", "comment", "comment", "comment"]])
    assert result["labels_md"]["comment"]["f1"] == 1.0
    assert result["alignment_only"]["comment"]["precision"] == pytest.approx(2 / 3, abs=1e-3)
    assert result["chrome_blocks"] == {"blocks": 1, "predicted": {"comment": 1}}


def test_dragnet_chrome_table_puts_both_golds_side_by_side():
    from benchmarks.report import dragnet_chrome_table

    def scores(p, r, f, n):
        return {"comment": {"precision": p, "recall": r, "f1": f, "support": n}, "navigation": {"f1": 0.9}}

    m = {"commit": "abc", "corpus": "c", "model": "shipped", "labels_md": scores(0.7, 0.88, 0.78, 22000),
         "alignment_only": scores(0.63, 0.87, 0.73, 19654), "chrome_blocks": {"blocks": 2400, "predicted": {"comment": 2100, "navigation": 300}}}
    text = "\n".join(dragnet_chrome_table(m))
    assert "| docs/labels.md (corpus gold) | 0.700 | 0.880 | 0.780 | 22,000 | 0.900 |" in text
    assert "| alignment only | 0.630 | 0.870 | 0.730 | 19,654 | 0.900 |" in text
    assert "(2,400 blocks, 2,100 of them labelled comment by the model)" in text


def test_paired_cards_compares_the_means_over_seeds(tmp_path, capsys):
    from benchmarks import paired_cards

    def card(path, wcxb_article, dragnet_comment, seed):
        metrics = {"cross_validation_by_site": {
            "wcxb": {"body_tokens": {"f1": 0.86}, "body_tokens_article_pages": {"f1": wcxb_article}},
            "fundus": {"body_tokens": {"f1": 0.90}}, "readability": {"body_tokens": {"f1": 0.89}}},
            "held_out_sets": {"dragnet": {"labels": {"comment": {"f1": dragnet_comment}}}}}
        path.mkdir()
        (path / "model-card.json").write_text(json.dumps({"metrics": metrics, "params": {"seed": seed}}))
        return str(path)

    base = [card(tmp_path / "b0", 0.92, 0.70, 0), card(tmp_path / "b1", 0.91, 0.74, 1)]
    new = [card(tmp_path / "n0", 0.93, 0.71, 0), card(tmp_path / "n1", 0.93, 0.71, 1)]
    rows = paired_cards.compare([paired_cards._card(p) for p in base], [paired_cards._card(p) for p in new])
    assert rows["body token F1, WCXB article pages (CV)"] == {"base": 0.915, "new": 0.93, "difference": 0.015}
    assert rows["comment F1, Dragnet"]["difference"] == pytest.approx(-0.01)
    assert rows["mean CV body token F1 (fundus, readability, wcxb)"]["base"] == pytest.approx(0.8833, abs=1e-4)
    assert "body block F1, L3S-GN1" not in rows  # a figure the cards lack is left out, not read as 0
    # Each fully labelled set's own CV body figure is compared, not only their mean.
    assert rows["body token F1, readability (CV)"] == {"base": 0.89, "new": 0.89, "difference": 0.0}
    assert paired_cards.main(["--base", *base, "--new", new[0], new[0]]) == 0
    assert "different seeds ([0, 1] against [0, 0])" in capsys.readouterr().err


def test_paired_cards_refuses_a_missing_card(tmp_path):
    from benchmarks import paired_cards

    with pytest.raises(SystemExit) as exc:
        paired_cards.main(["--base", str(tmp_path), "--new", str(tmp_path)])
    assert "cannot read a model card" in str(exc.value.code)


def test_paired_cards_refuses_cards_without_figures(tmp_path, capsys):
    from benchmarks import paired_cards

    (tmp_path / "model-card.json").write_text("{}")
    with pytest.raises(SystemExit) as exc:
        paired_cards.main(["--base", str(tmp_path), "--new", str(tmp_path)])
    assert exc.value.code == 2 and "share no measured figure" in capsys.readouterr().err


def test_languages_scores_each_language_apart_and_the_table_gives_the_gap_to_english():
    from benchmarks import languages, report
    from cleanfeed import Pipeline

    def row(lang, source, paragraph, menu):
        text = f"{menu}\n\n{paragraph}"
        return {"_language": lang, "source": source, "text": text, "gold_body": paragraph,
                "blocks": [{"start": 0, "end": len(menu), "label": "navigation"},
                           {"start": len(menu) + 2, "end": len(text), "label": "body"}]}

    en = "The council approved the new budget on Tuesday after a long debate about the cost of the bridge."
    de = "Der Stadtrat hat am Dienstag nach einer langen Debatte über die Kosten der Brücke den neuen Haushalt beschlossen."
    rows = [row("en", "wcxb", en, "Home"), row("de", "fundus", de, "Startseite"), row("de", "fundus", de, "Impressum")]
    scores = languages._scores(rows, Pipeline(model=None))
    assert scores["de"]["pages"] == 2 and scores["de"]["sources"] == {"fundus": 2}
    assert scores["en"]["body_tokens"]["f1"] == 1.0
    assert scores["de"]["labels"]["body"]["support"] == 2
    table = "\n".join(report.languages_table({"commit": "abc", "corpus": "c", "fold": 0, "rules_only": scores}))
    de_f1 = scores["de"]["body_tokens"]["f1"]  # a short heading-like menu line before prose is kept rules-only
    assert f"| de | 2 (2) | {de_f1:.3f} | {de_f1 - 1:+.3f} |" in table and "| en | 1 (1) | 1.000 |  |" in table


def test_pagekind_table_reports_the_target_figures_and_every_kind():
    from benchmarks import report

    kinds = ("article", "listing", "forum", "product", "other")
    result = {
        "commit": "abc", "default_threshold": 0.5,
        "held_out": {"fold": 0, "wcxb_pages": 10, "article": {"precision": 0.8, "recall": 1.0, "f1": 0.889},
                     "per_kind": {k: {"precision": 0.5, "recall": 0.5, "f1": 0.5, "pages": 2} for k in kinds},
                     "curve": [{"threshold": 0.5, "precision": 0.8, "recall": 1.0, "f1": 0.889, "news_articles_kept": 0.97}],
                     "fundus_kept": {"pages": 4, "kept": 1.0}},
        "eval_sets_kept": {"seeds": {"pages": 5, "kept": 1.0},
                           "dragnet": {"pages": 100, "kept": 0.93, "by_gold_body_chars": [
                               {"from": 0, "below": 300, "pages": 10, "kept": 0.5},
                               {"from": 300, "below": 1000, "pages": 0, "kept": None},
                               {"from": 1000, "below": None, "pages": 90, "kept": 0.978}]}},
        "body_by_kind": {k: {"pages": 2, "cleanfeed": 0.9, "trafilatura": None} for k in kinds},
    }
    table = "\n".join(report.pagekind_table(result))
    assert "| set | 0-300 | 300-1,000 | 1,000+ |" in table
    assert "| dragnet | 0.500 of 10 | – of 0 | 0.978 of 90 |" in table
    assert "**F1 0.889**" in table and "target ≥ 0.90" in table
    assert all(f"| {k} | 2 | 0.500 |" in table for k in kinds)
    assert "dragnet 0.930 of 100" in table and "Fundus (held-out fold) 1.000 of 4" in table
    assert "| article | 2 | 0.900 | – |" in table  # a tool without a score shows a dash, not a crash


def test_the_speed_report_compares_short_pages_with_jusText():
    from benchmarks.report import speed_tables

    run = {"tool": "cleanfeed", "docs": 3, "mb": 1.0, "seconds": 1.0, "docs_per_s": 3.0, "mb_per_s": 1.0, "load_s": 0.1,
           "peak_rss_mb": 100.0, "input_rss_mb": 50.0, "throughput_vs_cleanfeed": 1.0}
    s = {"input": {"docs": 3, "bytes": 1_000_000}, "runs": [run], "size_curve": [],
         "short_pages": {"pages": 3, "chars": 1000, "one_call_per_page_s": 0.004, "batched_s": 0.003,
                         "peers_one_call_per_page_s": {"justext": 0.002, "trafilatura": 0.006}}}
    text = "\n".join(speed_tables(s))
    assert "justext 2.0 ms, trafilatura 6.0 ms" in text
    assert "runs at **0.50×** jusText's speed" in text
