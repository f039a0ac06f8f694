"""Write ``benchmarks/RESULTS.md`` and its charts from the JSON the benchmark scripts wrote.

    python benchmarks/report.py
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import git_commit  # noqa: E402

HERE = Path(__file__).resolve().parent
TOOLS_ORDER = ["cleanfeed", "cleanfeed-rules-only", "keep-everything", "c4-rules", "justext", "boilerpy3", "trafilatura"]
LABELS = ("body", "caption", "navigation", "comment", "spam")


def _measured_at(part: dict | None) -> str:
    return f"Measured at commit `{part.get('commit', 'not recorded')}`." if part else ""


def _model_id() -> str:
    card = HERE.parent / "models" / "model-card.json"
    if not card.is_file():
        return "?"
    data = json.loads(card.read_text(encoding="utf-8"))
    return f"sha256 {data.get('sha256', '')[:12]}…, trained {data.get('trained_at', '?')}"


def _f(x: float | None) -> str:
    return "–" if x is None else f"{x:.3f}"


def quality_tables(q: dict) -> list[str]:
    lines = []
    for set_name, entry in q["sets"].items():
        lines += [f"### {set_name} ({entry['pages']} pages, {entry['blocks']} blocks)", ""]
        lines += ["| tool | body token P | body token R | body token F1 | body block F1 | comments kept | spam kept | navigation kept |",
                  "|---|---|---|---|---|---|---|---|"]
        for tool in TOOLS_ORDER:
            t = entry["tools"].get(tool)
            if t is None:
                continue
            tok, blk, kept = t["body_tokens"], t["body_blocks"], t["kept_share"]
            name = f"**{tool}**" if tool == "cleanfeed" else tool
            lines.append(f"| {name} | {_f(tok['precision'])} | {_f(tok['recall'])} | {_f(tok['f1'])} | {_f(blk['f1'])} | "
                         f"{_f(kept.get('comment'))} | {_f(kept.get('spam'))} | {_f(kept.get('navigation'))} |")
        ref = entry.get("reference_trafilatura_on_original_html")
        if ref:
            lines.append(f"| *trafilatura on the original HTML (reference, sees markup)* | {_f(ref['precision'])} | "
                         f"{_f(ref['recall'])} | {_f(ref['f1'])} | | | | |")
        labels = entry["tools"].get("cleanfeed", {}).get("labels")
        if labels:
            lines += ["", "cleanfeed per label (blocks):", "", "| label | precision | recall | F1 | gold blocks |", "|---|---|---|---|---|"]
            for label in LABELS:
                v = labels[label]
                if v["support"]:
                    lines.append(f"| {label} | {_f(v['precision'])} | {_f(v['recall'])} | {_f(v['f1'])} | {v['support']} |")
        lines.append("")
    return lines


def rules_only_table(r: dict) -> list[str]:
    """Rules-only mode per training-corpus fold: every unruled block kept, or judged by layout."""
    lines = ["### Rules-only mode: keeping unruled blocks or judging their layout", "", _measured_at(r),
             "Body token F1 of `Pipeline(model=None)` (layout, the default) and `Pipeline(model=None, fallback=\"body\")`",
             "(keep every block no rule or context pass claims) on each site fold of the training corpus (`benchmarks/studies/rules_only_layout.py`);",
             f"the layout constants in `cleanfeed/decide.py` were chosen on fold {r['chosen_on_fold']} alone.", "",
             "| fold | pages | keep-all | layout |", "|---|---|---|---|"]
    for fold, v in r["folds"].items():
        mark = " (chosen here)" if int(fold) == r["chosen_on_fold"] else ""
        lines.append(f"| {fold}{mark} | {v['pages']} | {_f(v['keep-all'])} | {_f(v['layout'])} |")
    lines.append("")
    return lines


# Issue 4's throughput target: this many times the faster of jusText and trafilatura.
_TARGET_RATIO = 3
# Issue 25's targets for a plain install: model load and the command's peak resident memory.
_LOAD_TARGET_S = 0.5
_RSS_TARGET_MB = 200


def _fastest_peer(runs: list[dict]) -> dict | None:
    """The speed run of the faster of jusText and trafilatura, the peers the target names."""
    peers = [r for r in runs if r["tool"] in ("justext", "trafilatura")]
    return max(peers, key=lambda r: r["mb_per_s"]) if peers else None


def speed_tables(s: dict) -> list[str]:
    runs = s["runs"]
    fastest_peer = _fastest_peer(runs)
    cf = next(r for r in runs if r["tool"] == "cleanfeed")
    lines = [
        f"Input: {s['input']['docs']:,} plain-text pages, {s['input']['bytes'] / 1e6:.1f} MB; one process per tool, one core.",
        "",
        "| tool | docs/s | MB/s per core | × cleanfeed | load (s) | peak RSS (MB) |",
        "|---|---|---|---|---|---|",
    ]
    for r in runs:
        load = "in time" if r["load_s"] is None else f"{r['load_s']:.2f}"
        lines.append(f"| {r['tool']} | {r['docs_per_s']:,.0f} | {r['mb_per_s']:.2f} | {r['throughput_vs_cleanfeed']:.2f} | "
                     f"{load} | {r['peak_rss_mb']:.0f} |")
    lines += ["", "Each in-process row holds the whole input as a list of strings before its clock starts; "
              "`cleanfeed-cli` is `cleanfeed --jsonl < input > /dev/null` run whole, start-up, imports and model load "
              "included in its time, streaming the input as users run it."
              + (f" Load is the median of {len(cf['load_s_runs'])} fresh processes that only start the tool "
                 f"(cleanfeed's: {', '.join(f'{x:.2f}' for x in cf['load_s_runs'])} s)." if cf.get("load_s_runs") else "")]
    lines.append("")
    if fastest_peer:
        ratio = cf["mb_per_s"] / fastest_peer["mb_per_s"]
        lines.append(f"cleanfeed runs at **{ratio:.2f}×** the throughput of the faster of jusText and trafilatura "
                     f"({fastest_peer['tool']}) in this run (target: ≥ {_TARGET_RATIO}×).")
    rules_only = next((r for r in runs if r["tool"] == "cleanfeed-rules-only"), None)
    c4 = next((r for r in runs if r["tool"] == "c4-rules"), None)
    if rules_only and c4:
        lines.append(f"Rules-only mode runs at **{rules_only['mb_per_s'] / c4['mb_per_s']:.2f}×** the C4 line rules (target: ≥ 1×).")
    cli = next((r for r in runs if r["tool"] == "cleanfeed-cli"), None)
    plain = next((r for r in runs if r["tool"] == "cleanfeed-cli-plain-install"), None)
    if cli:
        lines.append(f"Peak RSS of the `cleanfeed` command with the model loaded, cleaning this input: **{cli['peak_rss_mb']:.0f} MB** "
                     f"(target ≤ {_RSS_TARGET_MB} MB) in the benchmark environment"
                     + (f"; **{plain['peak_rss_mb']:.0f} MB** in an environment made with `pip install .` alone "
                        "(`cleanfeed-cli-plain-install`)." if plain else "."))
    lines.append(f"Peak RSS of the in-process run (input held in memory, {cf['input_rss_mb']:.0f} MB before the model was loaded): "
                 f"{cf['peak_rss_mb']:.0f} MB. Model load: **{cf['load_s']:.2f} s** (target ≤ {_LOAD_TARGET_S} s"
                 + (f"; median of {len(cf['load_s_runs'])}" if cf.get("load_s_runs") else "") + "). "
                 "Where the tree walk is compiled the model loads from its arrays file (`cleanfeed/modelarrays.py`) and "
                 "scikit-learn is not imported; before commit 40b4861 loading unpickled the estimators and imported it."
                 + (f" In the plain install: **{s['plain_install_load']['load_s']:.2f} s**."
                    if s.get("plain_install_load") else ""))
    stages = s.get("stages")
    if stages:
        built = stages.get("compiled")
        if built is not None:
            names = {"_csegment": "segmentation", "_cmatch": "rule pre-checks", "_ctext": "word hashing",
                     "_cfeatures": "per-block features", "_ctrees": "tree walk"}
            on = [f"{names.get(k, k)} (`cleanfeed.{k}`)" for k, v in built.items() if v]
            walk = "; in C: " + (", ".join(on) if on else "nothing (no extension built)")
        else:  # results written before the word hashing and features were compiled
            walk = {True: "; trees scored by the compiled walk, `cleanfeed._ctrees`",
                    False: "; trees scored without the compiled walk"}.get(stages.get("compiled_tree_walk"), "")
        lines += ["", f"Where cleanfeed's time goes (each stage alone over the same {stages['mb']:.1f} MB, one model call "
                  f"per page{walk}):", ""]
        target = _TARGET_RATIO * fastest_peer["mb_per_s"] if fastest_peer else None
        lines += _stage_table(stages["stages"], stages["mb"], stages.get("blocks"), target,
                              f"{_TARGET_RATIO}× the faster of jusText and trafilatura")
        if stages.get("rules_only_stages"):
            lines += ["", "The rules-only mode's stages over the same input:", ""]
            lines += _stage_table(stages["rules_only_stages"], stages["mb"], stages.get("blocks"),
                                  c4["mb_per_s"] if c4 else None, "the C4 line rules")
    lines += ["", "Time against document size (one document, cleanfeed with the model):", "",
              "| size | time (ms) | ms per KB |", "|---|---|---|"]
    for p in s["size_curve"]:
        lines.append(f"| {p['bytes'] / 1000:,.0f} KB | {p['seconds'] * 1000:.1f} | {p['ms_per_kb']:.3f} |")
    short = s.get("short_pages")
    # Without the compiled walk (``cleanfeed._ctrees``), calls of more than 64 rows go to
    # scikit-learn, which pays a fixed cost per tree.
    compiled = s.get("stages", {}).get("compiled_tree_walk")
    trees_cost = "" if compiled else ", and for more than 64 blocks one scikit-learn call per tree"
    if short:
        lines += ["", f"Short pages (the first {short['chars']:,} characters of {short['pages']} corpus pages): "
                  f"**{short['one_call_per_page_s'] * 1000:.1f} ms** a page through `clean()` one page at a time, "
                  f"**{short['batched_s'] * 1000:.1f} ms** through `clean_many` (what `clean_batch`, the `--jsonl` "
                  "command, `add_clean_column` and `clean_column` use): every model call has a fixed cost (the "
                  f"vectoriser, array set-up{trees_cost}), and a batch shares it among up to 64 pages."]
        peers = short.get("peers_one_call_per_page_s") or {}
        if peers:
            timed = ", ".join(f"{name} {seconds * 1000:.1f} ms" for name, seconds in peers.items())
            lines += ["", f"The same pages one call a page through the peers: {timed}."
                      + (f" `clean()` runs at **{peers['justext'] / short['one_call_per_page_s']:.2f}×** jusText's speed "
                         "on them (target: ≥ 3×)." if "justext" in peers else "")]
    return lines


def tree_predictor_table(t: dict, s: dict | None) -> list[str]:
    """The shipped model's trees scored by scikit-learn and by onnxruntime (``tree_predictors.py``)."""
    lines = ["### Tree predictors", "", _measured_at(t),
             "The shipped model's two tree ensembles on the feature rows of the speed input, one thread, scored by "
             "scikit-learn as cleanfeed does and by onnxruntime on the same trees converted to ONNX "
             "(the retired study `tree_predictors.py`, see `benchmarks/studies/README.md`; onnxruntime is not a dependency of the library). Rows go in chunks of "
             "4,096, as cleanfeed scores long inputs; pages of up to 64 blocks, one call a page, go through cleanfeed's "
             "own all-trees-at-once walk (`cleanfeed/_trees.py`) in the cleanfeed column.", "",
             "| pass | trees | rows | scikit-learn µs/row | onnxruntime µs/row | speed-up | pages of ≤ 64 blocks: cleanfeed / onnxruntime µs/row | largest raw-score difference |",
             "|---|---|---|---|---|---|---|---|"]
    per_block = {"sklearn": 0.0, "onnxruntime": 0.0}
    for name, e in t["passes"].items():
        c, sp = e["chunks_of_4096"], e["short_pages"]
        sk, ox = c["sklearn_s"] / e["rows"] * 1e6, c["onnxruntime_s"] / e["rows"] * 1e6
        per_block["sklearn"] += c["sklearn_s"] / t["blocks"] * 1e6
        per_block["onnxruntime"] += c["onnxruntime_s"] / t["blocks"] * 1e6
        short = (f"{sp['sklearn_s'] / sp['rows'] * 1e6:.1f} / {sp['onnxruntime_s'] / sp['rows'] * 1e6:.1f}" if sp["rows"] else "–")
        lines.append(f"| {'first' if name == 'block_clf' else 'stacked'} | {e['trees']:,} | {e['rows']:,} | {sk:.1f} | {ox:.1f} | "
                     f"{sk / ox:.1f}× | {short} | {e['max_abs_raw_score_difference']:.1e} |")
    sentence = (f"Both passes together take {per_block['sklearn']:.1f} µs a block with scikit-learn and "
                f"{per_block['onnxruntime']:.1f} µs with onnxruntime")
    fastest_peer = _fastest_peer((s or {}).get("runs", []))
    if fastest_peer and t.get("blocks"):
        budget = _budget_us(s["input"]["bytes"] / 1e6, _TARGET_RATIO * fastest_peer["mb_per_s"], t["blocks"])
        sentence += f", against the {budget:.1f} µs a block the {_TARGET_RATIO}× target leaves for the whole pipeline"
    lines += ["", sentence + ".", ""]
    return lines


def label_ceiling_table(m: dict) -> list[str]:
    """What a model that labelled every block as the corpus does would score (``label_ceiling.py``)."""
    lines = ["### What the corpus labels recover", "", _measured_at(m),
             "The body token F1 of the corpus's own block labels against each page's gold main content "
             f"(`benchmarks/studies/label_ceiling.py`, corpus `{m['corpus']}`): the most a model trained on these labels can be "
             "expected to reach on the same measure. L3S-GN1's gold text (and the threads set's, built on its pages) is "
             "the text of its body-labelled blocks, so it scores 1 by construction.", "",
             "| data | pages | body token F1 | lost pages (F1 < 0.5): article not in the text / labels lose it |",
             "|---|---|---|---|"]
    below = m["pages_below"]
    for source, row in m["sources"].items():
        mine = [r for r in below if r["source"] == source]
        absent = sum(r["gold_tokens_in_text"] < 0.5 for r in mine)
        f1 = f"{row['body_tokens']['f1']:.3f}"
        if "body_tokens_article_pages" in row:
            f1 += f" (article pages {row['body_tokens_article_pages']['f1']:.3f})"
        lines.append(f"| {source} | {row['pages']} | {f1} | {absent} / {len(mine) - absent} |")
    return lines + [""]


def languages_table(m: dict) -> list[str]:
    """Quality by language (``languages.py``): held-out fold and threads with a model, every page rules-only."""
    from cleanfeed.labels import LABELS

    def rows(section: dict) -> list[str]:
        english = (section.get("en") or {}).get("body_tokens", {}).get("f1")
        out = ["| language | pages (with gold article) | body token F1 | vs English | "
               + " | ".join(f"{lab} F1" for lab in LABELS) + " |", "|---|---|---|---|" + "---|" * len(LABELS)]
        for lang, e in sorted(section.items(), key=lambda kv: -kv[1]["pages"]):
            tok = e.get("body_tokens", {}).get("f1")
            gap = f"{tok - english:+.3f}" if tok is not None and english is not None and lang != "en" else ""
            cells = [f"{e['labels'][lab]['f1']:.3f}" if e["labels"][lab]["support"] else "–" for lab in LABELS]
            out.append(f"| {lang} | {e['pages']} ({e['pages_with_gold_article']}) | {_f(tok)} | {gap} | " + " | ".join(cells) + " |")
        return out

    lines = ["### Quality by language", "", _measured_at(m),
             f"`benchmarks/languages.py` on the corpus `{m['corpus']}`: pages grouped by the language of their gold text "
             "(function words, or the script: `cleanfeed.training.language`). Body token F1 needs a gold article, which the "
             "snippet-labelled trafilatura and goose3 pages lack; they count towards the label scores only. In Chinese, "
             "Japanese, Thai and the other scripts written without spaces each character is a token.", ""]
    if "heldout_fold" in m:
        lines += [f"**With the model**, on site fold {m['fold']} of every training source (model `{m['model']}`, trained "
                  "without that fold):", ""] + rows(m["heldout_fold"]) + [""]
        lines += ["**With the model**, on `threads-ml-heldout` (the held-out fifth of the project's own comments and spam "
                  "texts, in threads no training page holds):", ""] + rows(m["threads_ml_heldout"]) + [""]
    lines += ["**Rules only** (no model, so no page is seen or unseen), on every training page:", ""] + rows(m["rules_only"])
    return lines + [""]


def pagekind_table(m: dict) -> list[str]:
    """The page verdict (``pagekind.py``): kinds on held-out WCXB sites, articles kept, body F1 by kind."""
    h = m["held_out"]
    threshold = m["default_threshold"]
    art = h["article"]
    lines = ["### Page kinds", "", _measured_at(m),
             f"`benchmarks/pagekind.py`: site fold {h['fold']} of the page-kind pages ({h['wcxb_pages']} WCXB pages), "
             "labelled by a block model trained without that fold and judged by a page model fitted on the other folds. "
             f"Article against not-article at the default threshold ({threshold}): **F1 {art['f1']:.3f}** "
             f"(precision {art['precision']:.3f}, recall {art['recall']:.3f}; target ≥ 0.90)."]
    from cleanfeed.model import ModelError
    from cleanfeed.pagekind import load_page_model

    try:
        cv = load_page_model().card.get("cv") or {}
        lines[-1] += (f" One fold is a small sample: the shipped page model's own site-fold cross-validation over all "
                      f"five folds ({cv['wcxb_pages']} WCXB pages, labels by the shipped block model; its card) gave "
                      f"F1 {cv['article']['f1']:.3f} at {cv['threshold']}, with {cv['news_articles_kept']:.3f} of "
                      f"{cv['news_pages']} news-set articles kept.")
    except (ModelError, KeyError, TypeError):  # no shipped page model, or no CV figures in its card
        pass
    lines += ["", "| kind | pages | precision | recall | F1 |", "|---|---|---|---|---|"]
    for kind, e in h["per_kind"].items():
        lines.append(f"| {kind} | {e['pages']} | {e['precision']:.3f} | {e['recall']:.3f} | {e['f1']:.3f} |")
    lines += ["", "Article probability threshold against article F1 on those sites and the share of the fold's news-set "
              "articles kept:", "", "| threshold | article F1 | precision | recall | news articles kept |", "|---|---|---|---|---|"]
    for c in h["curve"]:
        lines.append(f"| {c['threshold']} | {c['f1']:.3f} | {c['precision']:.3f} | {c['recall']:.3f} | {_f(c['news_articles_kept'])} |")
    kept = m["eval_sets_kept"]
    fundus = h["fundus_kept"]
    lines += ["", f"Article pages kept at {threshold} (target ≥ 0.99): "
              + ", ".join(f"{name} {e['kept']:.3f} of {e['pages']}" for name, e in kept.items())
              + f", Fundus (held-out fold) {_f(fundus['kept'])} of {fundus['pages']}. The seeds, L3S-GN1 and Dragnet "
              "are scored by the shipped block and page models (neither trained on them)."]
    bands = {name: e["by_gold_body_chars"] for name, e in kept.items() if e.get("by_gold_body_chars")}
    if bands:
        heads = [f"{b['from']:,}-{b['below']:,}" if b["below"] else f"{b['from']:,}+" for b in next(iter(bands.values()))]
        lines += ["", "Kept by the length of the page's gold main content in characters (Dragnet counts every page as an "
                  "article, including pages whose main content is a line or two):", "",
                  "| set | " + " | ".join(heads) + " |", "|---|" + "---|" * len(heads)]
        for name, bs in bands.items():
            lines.append(f"| {name} | " + " | ".join(f"{_f(b['kept'])} of {b['pages']}" for b in bs) + " |")
    lines += ["",
              "Body token F1 by page kind on the held-out WCXB pages, against WCXB's main content "
              "(`cleanfeed-articles-only` returns nothing for pages under the threshold):", ""]
    body = m["body_by_kind"]
    tools = [k for k in next(iter(body.values())) if k != "pages"]
    lines += ["| kind | pages | " + " | ".join(tools) + " |", "|---|---|" + "---|" * len(tools)]
    for kind, e in body.items():
        lines.append(f"| {kind} | {e['pages']} | " + " | ".join(_f(e[t]) for t in tools) + " |")
    return lines + [""]


def dragnet_chrome_table(m: dict) -> list[str]:
    """Dragnet comment scores under docs/labels.md's gold and the plain alignment (``dragnet_chrome.py``)."""
    chrome = m["chrome_blocks"]
    as_comment = chrome["predicted"].get("comment", 0)
    lines = ["### Dragnet comments: two readings of the gold", "", _measured_at(m),
             f"Model `{m['model']}` on the corpus `{m['corpus']}` (`benchmarks/studies/dragnet_chrome.py`). Dragnet's gold holds "
             "the commenters' text; docs/labels.md also calls a comment's header, its \"Reply\" link and its vote count comment, "
             f"so the corpus labels short runs between two aligned comments as comment ({chrome['blocks']:,} blocks, "
             f"{as_comment:,} of them labelled comment by the model). The model card's Dragnet figures use the first row.", "",
             "| gold | comment precision | comment recall | comment F1 | gold comment blocks | navigation F1 |",
             "|---|---|---|---|---|---|"]
    for name, title in (("labels_md", "docs/labels.md (corpus gold)"), ("alignment_only", "alignment only")):
        c, n = m[name]["comment"], m[name]["navigation"]
        lines.append(f"| {title} | {c['precision']:.3f} | {c['recall']:.3f} | {c['f1']:.3f} | {c['support']:,} | {n['f1']:.3f} |")
    return lines + [""]


def smaller_model_table(m: dict) -> list[str]:
    """Two fold-0 twins side by side: the shipped recipe and one with fewer trees (``smaller_model.py``)."""
    a, b = m["shipped_recipe"], m["smaller"]

    def recipe(x: dict) -> str:
        first, stack = x["params"].get("block_model") or {}, x["params"].get("stack_model") or {}
        iterations = " + ".join(str(p["max_iter"]) for p in (first, stack) if "max_iter" in p)
        return f"{x['trees']:,} trees ({iterations} iterations at {first.get('learning_rate', '?')})"

    lines = ["### A smaller tree model", "", _measured_at(m),
             "Two twins trained without fold 0's sites, one with the shipped recipe and one with fewer trees "
             f"(`benchmarks/studies/smaller_model.py`): fold 0 ({m['fold0_pages']} pages) scored here, the eval sets from each "
             "twin's card, and both tree passes over the speed input (one thread).", "",
             f"| measure | shipped recipe: {recipe(a)} | smaller: {recipe(b)} |", "|---|---|---|"]
    rows = [(f"fold 0 body token F1, {src}", a["fold0_body_token_f1"][src], b["fold0_body_token_f1"].get(src))
            for src in a["fold0_body_token_f1"]]
    rows += [(f"fold 0 {label} F1", a["fold0_label_f1"][label], b["fold0_label_f1"].get(label)) for label in a["fold0_label_f1"]]
    rows += [(name, a["held_out"][name], b["held_out"].get(name)) for name in a["held_out"]]
    for name, x, y in rows:
        lines.append(f"| {name} | {_f(x)} | {_f(y)} |")
    lines += [f"| both tree passes, µs a block | {a['tree_us_per_block']:.1f} | {b['tree_us_per_block']:.1f} |", ""]
    return lines


def _budget_us(mb: float, target_mb_s: float, blocks: int) -> float:
    """A throughput target as time: the µs the whole pipeline may spend on one block of an
    input of ``mb`` megabytes in ``blocks`` blocks."""
    return mb / target_mb_s / blocks * 1e6


def _stage_table(stages: dict[str, float], mb: float, blocks: int | None, target_mb_s: float | None, target: str) -> list[str]:
    """Seconds, share and MB/s of each stage; per block, and against the time per block a
    throughput target leaves for the whole pipeline, when the block count is known."""
    total = sum(stages.values())
    per_block = bool(blocks)
    lines = ["| stage | seconds | share | MB/s |" + (" µs per block |" if per_block else ""),
             "|---|---|---|---|" + ("---|" if per_block else "")]
    for name, sec in stages.items():
        lines.append(f"| {name} | {sec:.2f} | {sec / total:.0%} | {mb / sec:.1f} |" + (f" {sec / blocks * 1e6:.1f} |" if per_block else ""))
    if per_block:
        lines.append(f"| all | {total:.2f} | 100% | {mb / total:.1f} | {total / blocks * 1e6:.1f} |")
    if per_block and target_mb_s:
        budget = _budget_us(mb, target_mb_s, blocks)
        over = [name for name, sec in stages.items() if sec / blocks * 1e6 > budget]
        lines += ["", f"The input has {blocks:,} blocks ({mb * 1e6 / blocks:.0f} bytes each on average). At {target} "
                  f"({target_mb_s:.2f} MB/s) the whole pipeline may spend **{budget:.1f} µs per block**; it spends "
                  f"{total / blocks * 1e6:.1f} µs"
                  + (f", and {len(over)} of its {len(stages)} stages each take longer than that alone ({', '.join(over)})."
                     if over else ".")]
    return lines


def _grouped_bars(plt, groups: list[str], series: dict[str, list[float]], ylabel: str, title: str, filename: str, ncol: int) -> None:
    """One bar per series within each group, saved as ``filename`` beside this script."""
    fig, ax = plt.subplots(figsize=(10, 4.5))
    width = 0.8 / len(series)
    for i, (name, values) in enumerate(series.items()):
        ax.bar([x + i * width for x in range(len(groups))], values, width, label=name)
    ax.set_xticks([x + 0.4 - width / 2 for x in range(len(groups))], groups)
    ax.set_ylabel(ylabel)
    ax.set_ylim(0, 1)
    ax.legend(fontsize=8, ncol=ncol)
    ax.set_title(title)
    fig.tight_layout()
    fig.savefig(HERE / filename, dpi=110)
    plt.close(fig)


def charts(q: dict | None, s: dict | None) -> list[str]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    made = []
    if q:
        sets = list(q["sets"])
        body = {tool: [q["sets"][st]["tools"].get(tool, {}).get("body_tokens", {}).get("f1", 0) for st in sets] for tool in TOOLS_ORDER}
        _grouped_bars(plt, sets, body, "body token F1", "Body text quality on plain text, per data set", "quality_body.png", ncol=4)
        made.append("quality_body.png")
        labels = {
            label: [q["sets"][st]["tools"].get("cleanfeed", {}).get("labels", {}).get(label, {}).get("f1", 0) for st in sets]
            for label in LABELS
        }
        _grouped_bars(plt, sets, labels, "block F1", "cleanfeed per-label block F1 (labels with no gold blocks show 0)",
                      "quality_labels.png", ncol=5)
        made.append("quality_labels.png")
    if s:
        runs = s["runs"]
        fig, ax = plt.subplots(figsize=(8, 4))
        ax.barh([r["tool"] for r in runs], [r["mb_per_s"] for r in runs], color=["C3" if r["tool"].startswith("cleanfeed") else "C0" for r in runs])
        ax.set_xlabel("MB/s per core (plain text)")
        ax.set_title("Throughput, same input, one run")
        fig.tight_layout()
        fig.savefig(HERE / "throughput.png", dpi=110)
        plt.close(fig)
        made.append("throughput.png")

        curve = s["size_curve"]
        fig, ax = plt.subplots(figsize=(6, 4))
        ax.loglog([p["bytes"] for p in curve], [p["seconds"] for p in curve], "o-", label="cleanfeed")
        b0, t0 = curve[0]["bytes"], curve[0]["seconds"]
        ax.loglog([p["bytes"] for p in curve], [t0 * p["bytes"] / b0 for p in curve], "--", color="grey", label="linear")
        ax.set_xlabel("document size (bytes)")
        ax.set_ylabel("seconds per document")
        ax.legend()
        ax.set_title("Time against document size")
        fig.tight_layout()
        fig.savefig(HERE / "size_curve.png", dpi=110)
        plt.close(fig)
        made.append("size_curve.png")
    return made


README = HERE.parent / "README.md"
_README_START = "<!-- summary: written by benchmarks/report.py from benchmarks/results/ -->"
_README_END = "<!-- end of summary -->"
_PEERS = ("c4-rules", "justext", "boilerpy3", "trafilatura")


def readme_summary(q: dict, s: dict) -> list[str]:
    """The README's short "how good, how fast" table: body token F1 per data set and
    throughput, cleanfeed (with the model and rules-only) beside the peers."""
    tools = ("cleanfeed", "cleanfeed-rules-only", *_PEERS)
    lines = [f"Body token F1 against the gold article (quality at commit `{q['commit']}`), and throughput on one core "
             f"over the same 10 MB of page text (speed at commit `{s['commit']}`); all tools read the same plain text.", "",
             "| data (pages) | " + " | ".join(tools) + " |", "|---|" + "---|" * len(tools)]
    for name, entry in q["sets"].items():
        cells = []
        for tool in tools:
            result = entry["tools"].get(tool)
            cells.append(f"{result['body_tokens']['f1']:.3f}" if result else "–")
        lines.append(f"| {name} ({entry['pages']}) | " + " | ".join(cells) + " |")
    speed = {run["tool"]: run["mb_per_s"] for run in s["runs"]}
    lines.append("| **MB/s** | " + " | ".join(f"**{speed[t]:.2f}**" if t in speed else "–" for t in tools) + " |")
    return lines


def update_readme(q: dict, s: dict, path: Path = README) -> bool:
    """Rewrite the summary between the README's markers; whether it changed."""
    text = path.read_text(encoding="utf-8")
    start, end = text.find(_README_START), text.find(_README_END)
    if start < 0 or end < start:
        return False
    new = text[: start + len(_README_START)] + "\n" + "\n".join(readme_summary(q, s)) + "\n" + text[end:]
    if new != text:
        path.write_text(new, encoding="utf-8")
    return new != text


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--results", default=str(HERE / "results"), help="directory with quality.json and speed.json")
    args = p.parse_args(argv)
    results = Path(args.results)
    q = json.loads((results / "quality.json").read_text()) if (results / "quality.json").is_file() else None
    s = json.loads((results / "speed.json").read_text()) if (results / "speed.json").is_file() else None
    made = charts(q, s)
    if q and s:
        update_readme(q, s)
    lines = [
        "# cleanfeed benchmark results",
        "",
        f"Generated by the scripts in `benchmarks/` (`python benchmarks/run.py` runs them all; `report.py` writes this file) at commit `{git_commit()}`,",
        f"with the shipped model `{_model_id()}`.",
        "Every tool reads the same plain text; HTML extractors get it wrapped as one `<p>` per block.",
        "Data: the corpus built by `cleanfeed corpus build` from `../shared/data` (site-held-out fold of the",
        "training sources scored with a model trained without that fold; L3S-GN1 and Dragnet never trained on),",
        "and the five seed pages. Token scores follow the ScrapingHub article-extraction benchmark.",
        "",
    ]
    if q:
        lines += ["## Quality", "", _measured_at(q), "",
                  "`python benchmarks/gate.py` checks these scores against the floors pinned in `benchmarks/floors.json`",
                  "(with each data set's fingerprint) and that no peer reading the same plain text matches cleanfeed's body",
                  "token F1; a floor is lowered only on purpose (`--update --allow-lower`).", "",
                  "![body token F1](quality_body.png)", "", "![cleanfeed labels](quality_labels.png)", ""]
        lines += quality_tables(q)
    ceiling = results / "label_ceiling.json"
    if ceiling.is_file():
        lines += label_ceiling_table(json.loads(ceiling.read_text()))
    languages = results / "languages.json"
    if languages.is_file():
        lines += languages_table(json.loads(languages.read_text()))
    kinds = results / "pagekind.json"
    if kinds.is_file():
        lines += pagekind_table(json.loads(kinds.read_text()))
    chrome = results / "dragnet_chrome.json"
    if chrome.is_file():
        lines += dragnet_chrome_table(json.loads(chrome.read_text()))
    layout = results / "rules_only_layout.json"
    if layout.is_file():
        lines += rules_only_table(json.loads(layout.read_text()))
    if s:
        lines += ["## Speed and memory", "", _measured_at(s), "", "![throughput](throughput.png)", "", "![time vs size](size_curve.png)", ""]
        lines += speed_tables(s)
        lines.append("")
    trees = results / "tree_predictors.json"
    if trees.is_file():
        lines += tree_predictor_table(json.loads(trees.read_text()), s)
    smaller = results / "smaller_model.json"
    if smaller.is_file():
        lines += smaller_model_table(json.loads(smaller.read_text()))
    scaling = results / "scaling.json"
    if scaling.is_file():
        sc = json.loads(scaling.read_text())
        lines += ["## Parallel scaling", "", _measured_at(sc), f"Same input, this machine ({sc['cpu_count']} cores); efficiency = throughput / (workers × one-worker throughput).", "",
                  "| engine | workers | MB/s | scaling efficiency |", "|---|---|---|---|"]
        for r in sc["runs"]:
            lines.append(f"| {r['engine']} | {r['workers']} | {r['mb_per_s']:.2f} | {r['scaling_efficiency']:.2f} |")
        lines.append("")
    plain = results / "plain_memory.json"
    if plain.is_file():
        pm = json.loads(plain.read_text())
        lines += ["## Plain-text memory", "", _measured_at(pm),
                  "`cleanfeed` (plain-text mode) with the input piped in, peak resident memory of the process from the "
                  "kernel (`benchmarks/plain_memory.py`): one 50 MB line of prose (the seeds' articles) and 1 GB of "
                  "page text (the seed pages repeated). The input is read in windows of about 1 MB, and a run of more "
                  "than 30,000 characters is cut into blocks, so memory does not grow with the input.", "",
                  "| input | mode | MB in | MB out | peak RSS MB | seconds | MB/s |", "|---|---|---|---|---|---|---|"]
        for row in pm["rows"]:
            lines.append(f"| {row['input']} | {row['mode']} | {row['input_mb']:,.0f} | {row['output_mb']:,.1f} | "
                         f"{row['peak_rss_mb']:,.0f} | {row['seconds']:,.0f} | {row['mb_per_s']:.2f} |")
        lines.append("")
    stream = results / "streaming.json"
    if stream.is_file():
        st = json.loads(stream.read_text())
        lines += ["## Streaming memory", "",
                  f"`cleanfeed --jsonl {'--rules-only ' if st['mode'] == 'rules-only' else ''}` over {st['gigabytes']:.2f} GB of JSON Lines "
                  f"({st['input_lines']:,} records in, {st['output_lines']:,} lines out, exit {st['exit_code']}, {st['seconds']:.0f} s): "
                  f"resident memory {st['rss_mb_first_10pct']} MB during the first tenth, at most {st['rss_mb_max']} MB over the whole run "
                  "(`benchmarks/streaming.py`, sampled every second from /proc). " + _measured_at(st), ""]
    extra = results / "notes.md"
    if extra.is_file():
        lines += [extra.read_text(encoding="utf-8")]
    (HERE / "RESULTS.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {HERE / 'RESULTS.md'} and {', '.join(made)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
