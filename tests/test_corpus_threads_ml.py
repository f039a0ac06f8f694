"""Threads in other languages (cleanfeed/training/corpus/threads_ml.py)."""

import random

from cleanfeed.training.corpus.threads_ml import ML_LANGUAGES, language_threads, make_ml_thread, split_threads


def test_held_out_texts_never_reach_training_threads():
    for lang in ML_LANGUAGES:
        train, held = language_threads(lang, False), language_threads(lang, True)
        assert held.ham and held.spam and train.ham and train.spam, lang
        assert not set(train.ham) & set(held.ham) and not set(train.spam) & set(held.spam)
        parts = split_threads(train, 5)
        assert sorted(t for p in parts for t in p.ham) == sorted(train.ham)


def test_threads_label_headers_like_their_comments_and_frame_as_navigation():
    for lang in ML_LANGUAGES:
        for seed in range(20):
            blocks = make_ml_thread(language_threads(lang, False), random.Random(seed), spam_rate=0.5)
            labels = [b.label for b in blocks]
            assert set(labels) <= {"comment", "spam", "navigation"}
            for k, b in enumerate(blocks):
                if b.list_item:  # a header: the text under it has its label
                    assert blocks[k + 1].label == b.label
            # Spam texts are filled in: no template slot left.
            assert not any("{" in b.text for b in blocks)
