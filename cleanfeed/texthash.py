"""The text model's input: each block's words and word pairs, hashed into a fixed-size vector.

One definition serves training and prediction: ``text_vectorizer`` (scikit-learn's
``HashingVectorizer`` with cleanfeed's settings) is what training fits on, and
``hash_texts`` is what the model scores.  Where the C extension ``cleanfeed._ctext`` was
built (``pip install .`` with a C compiler), ``hash_texts`` makes the same matrix in one
compiled pass (``_ctext.c`` says how it follows scikit-learn step by step); otherwise it
calls the vectorizer.  scikit-learn spends several Python objects on every token, which
made hashing most of the text model's time.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

try:
    from . import _ctext
except ImportError:  # installed without a C compiler: scikit-learn's vectorizer
    _ctext = None

__all__ = ["TEXT_HASH_FEATURES", "TOKEN_PATTERN", "COMPILED", "text_vectorizer", "hash_texts"]

# Hashing keeps the text model a fixed, small size whatever the vocabulary: 2**17
# buckets of float32 weights for five labels is 2.6 MB.
TEXT_HASH_FEATURES = 2**17
# Words, and the symbols that mark chrome and spam on their own ("$", "@", "|", "©").
TOKEN_PATTERN = r"(?u)\b\w+\b|[$£€@#!?:|©]"
#: Whether ``hash_texts`` runs in C (``cleanfeed._ctext``).
COMPILED = _ctext is not None


def text_vectorizer() -> Any:
    """The hashing vectorizer of the text stage (stateless, so it is not pickled)."""
    from sklearn.feature_extraction.text import HashingVectorizer

    return HashingVectorizer(
        n_features=TEXT_HASH_FEATURES,
        ngram_range=(1, 2),
        alternate_sign=False,
        norm="l2",
        lowercase=True,
        token_pattern=TOKEN_PATTERN,
        dtype=np.float32,
    )


_VECTORIZER: list[Any] = []  # built on first use, once: building imports scikit-learn


def hash_texts(texts: Sequence[str], compiled: bool | None = None) -> Any:
    """The l2-normalised hashed unigram and bigram counts of ``texts`` (a CSR matrix,
    ``len(texts)`` x ``TEXT_HASH_FEATURES``, float32), the same as
    ``text_vectorizer().transform(texts)``.  ``compiled=False`` forces scikit-learn's path
    (the tests compare the two)."""
    if compiled is None:
        compiled = COMPILED
    if not compiled:
        if not _VECTORIZER:
            _VECTORIZER.append(text_vectorizer())
        return _VECTORIZER[0].transform(texts)
    if _ctext is None:
        raise RuntimeError("cleanfeed._ctext was not built (no C compiler at install time)")
    from scipy.sparse import csr_matrix

    indices, indptr, data = _ctext.hash_counts(texts, TEXT_HASH_FEATURES)
    return csr_matrix(
        (np.frombuffer(data, dtype=np.float32).copy(), np.frombuffer(indices, dtype=np.int32),
         np.frombuffer(indptr, dtype=np.int32)),
        shape=(len(texts), TEXT_HASH_FEATURES),
    )
