"""The compiled word hashing makes scikit-learn's matrix to the bit; without it, scikit-learn does."""

import json
import subprocess
import sys
import warnings
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleanfeed import load_model, segment, texthash
from cleanfeed import model as model_module
from cleanfeed.model import default_model_dir
from cleanfeed.texthash import TEXT_HASH_FEATURES, hash_texts, text_vectorizer

ROOT = Path(__file__).parent.parent
PAGES = sorted((ROOT / "seeds").glob("*.txt")) + sorted((ROOT / "tests" / "pages").glob("*.txt"))

# What the tokenizer has to agree on: full lower-casing ("İ" is two characters lowered),
# "_" and numerals as word characters, the symbols, marks splitting words, scripts
# without spaces, lone surrogates (never in a token), and empty texts.
EDGE_CASES = [
    "", "   \n\t", "İstanbul ÇAĞ STRASSE straße ΣΊΣΥΦΟΣ", "snake_case __init__ x²³ ½ Ⅻ 一二三 ١٢٣ ߀",
    "$$ £5 €9 @user #tag !? a:b | © ©x", "e\u0301te\u0301 n\u0303 क्षि", "日本語のテキストです。中文文本。",
    "\ud800lone surrogate \udfff here", "a" * 5000 + " " + "b" * 3, "emoji 😀 word😀word 𝔘𝔫𝔦",
]


@pytest.fixture
def compiled(compiled_path):
    with compiled_path(texthash, "_ctext"):
        yield


def _same(texts):
    c = hash_texts(texts, compiled=True)
    ref = text_vectorizer().transform(texts)
    ref.sort_indices()
    assert c.shape == ref.shape == (len(texts), TEXT_HASH_FEATURES)
    assert np.array_equal(c.indptr, ref.indptr)
    assert np.array_equal(c.indices, ref.indices)
    assert c.data.dtype == ref.data.dtype == np.float32
    assert np.array_equal(c.data, ref.data)


def test_the_blocks_of_the_seeds_test_pages_and_rule_cases_hash_as_scikit_learn_hashes_them(compiled):
    texts = [b.text for path in PAGES for b in segment(path.read_text(encoding="utf-8"))]
    cases = json.loads((ROOT / "tests" / "cases" / "rules.json").read_text(encoding="utf-8"))
    texts += [text for case in cases.values() if isinstance(case, dict) for key in ("match", "no_match")
              for text in case.get(key, [])]
    assert len(texts) > 300
    _same(texts)


def test_edge_cases_hash_as_scikit_learn_hashes_them(compiled):
    _same(EDGE_CASES)
    for text in EDGE_CASES:  # one at a time too: a row's buffers are reused
        _same([text])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(st.characters(codec=None, exclude_categories=())), min_size=1, max_size=5))
def test_any_text_hashes_as_scikit_learn_hashes_it(compiled_path, texts):
    with compiled_path(texthash, "_ctext"):
        _same(texts)


def test_a_text_that_is_not_a_string_is_refused_by_name(compiled):
    with pytest.raises(TypeError, match=r"texts\[1\] is bytes, not str"):
        hash_texts(["fine", b"bytes"], compiled=True)


def test_the_model_scores_the_same_with_and_without_the_compiled_hashing(compiled, monkeypatch):
    texts = [b.text for path in PAGES[:3] for b in segment(path.read_text(encoding="utf-8"))]
    with_c = load_model(default_model_dir()).text_scores(texts)
    texthash.COMPILED = False  # put back by the compiled fixture
    monkeypatch.setattr(model_module, "_WARNED_SLOW", [True])  # the warning is tested below
    without = load_model(default_model_dir()).text_scores(texts)
    assert np.array_equal(with_c, without)


def test_a_model_without_its_extensions_warns_once(monkeypatch):
    monkeypatch.setattr(texthash, "COMPILED", False)
    monkeypatch.setattr(model_module, "_WARNED_SLOW", [])
    with pytest.warns(RuntimeWarning, match=r"_ctext was not built.*same labels"):
        load_model(default_model_dir()).text_scores(["one text"])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        load_model(default_model_dir()).text_scores(["a second model, no second warning"])


def test_the_cli_says_once_that_it_runs_without_the_extensions():
    """An install without a C compiler: the CLI cleans as before and says why it is slow, once,
    in one line."""
    code = ("import sys; sys.modules['cleanfeed._ctext'] = None; sys.modules['cleanfeed._ctrees'] = None; "
            "sys.modules['cleanfeed._cfeatures'] = None; sys.modules['cleanfeed._cmatch'] = None; "
            "sys.modules['cleanfeed._csegment'] = None; "
            "from cleanfeed.cli import main; sys.exit(main([]))")
    page = (ROOT / "seeds").glob("*.txt").__next__().read_text(encoding="utf-8")
    proc = subprocess.run([sys.executable, "-c", code], input=page, capture_output=True, text=True,
                          timeout=120, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip()
    warning_lines = [line for line in proc.stderr.splitlines() if "not built" in line]
    assert len(warning_lines) == 1, proc.stderr
    assert warning_lines[0].startswith("cleanfeed: warning: cleanfeed's C extensions _csegment, _cmatch, _ctext, _cfeatures, _ctrees were not built")
