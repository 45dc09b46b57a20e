"""The one-task-three-ways helpers of week 5 day 5 (nlpcourse/families.py), fast: tiny training runs only."""

from __future__ import annotations

import math

import pytest
import torch

from nlpcourse import families


def test_topic_split_is_stratified_disjoint_and_deterministic():
    train, test = families.topic_split()
    assert len(train) == 600 and len(test) == 150
    assert all(test.labels.count(topic) == 30 for topic in families.TOPICS)
    assert not set(train.texts) & set(test.texts)
    again_train, again_test = families.topic_split()
    assert again_test.texts == test.texts and again_train.texts == train.texts
    assert families.topic_split(seed=1)[1].texts != test.texts
    with pytest.raises(ValueError):
        families.topic_split(test_per_topic=150)


def test_vocabulary_ids_and_encoding():
    vocabulary = families.TopicVocabulary.from_texts(["The cat sat.", "the cat ran!"], min_count=2)
    assert vocabulary.tokens[:8] == ["<pad>", "<unk>", "<end>", "<business>", "<health>", "<politics>", "<sport>", "<tech>"]
    assert vocabulary.tokens[8:] == ["cat", "the"]  # both seen twice, alphabetical on a tie
    assert vocabulary.encode("The dog") == [vocabulary.ids["the"], vocabulary.unk_id, vocabulary.end_id]
    assert len(vocabulary.encode(" ".join(["cat"] * 100))) == families.MAX_WORDS + 1
    assert families.words("Norvik Bank's 3% rise") == ["norvik", "bank", "'", "s", "3", "%", "rise"]


def test_pad_right_pads_with_a_mask():
    input_ids, attention_mask = families.pad([[5, 6, 2], [7, 2]], pad_id=0)
    assert input_ids.tolist() == [[5, 6, 2], [7, 2, 0]] and attention_mask.tolist() == [[1, 1, 1], [1, 1, 0]]
    assert input_ids.dtype == attention_mask.dtype == torch.int64


def test_wilson_interval_matches_the_formula_and_stays_in_range():
    accuracy, low, high = families.accuracy_interval(["a"] * 9 + ["b"], ["a"] * 10)
    assert accuracy == 0.9
    z, n, p = 1.96, 10, 0.9
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    assert low == pytest.approx(centre - half) and high == pytest.approx(centre + half)
    assert families.accuracy_interval(["a"] * 5, ["a"] * 5)[2] <= 1.0
    # SciPy's Wilson interval as the library reference (it uses the exact normal quantile, 1.95996...)
    from scipy.stats import binomtest

    for right, total in ((9, 10), (0, 7), (7, 7), (113, 150)):
        reference = binomtest(right, total).proportion_ci(confidence_level=0.95, method="wilson")
        ours = families.accuracy_interval(["a"] * right + ["b"] * (total - right), ["a"] * total)
        assert ours[1:] == pytest.approx((reference.low, reference.high), abs=1e-4), (right, total)
    with pytest.raises(ValueError):
        families.accuracy_interval([], [])


@pytest.mark.parametrize("family", families.FAMILIES)
def test_models_have_the_library_classes_and_are_seeded(family):
    state = torch.random.get_rng_state()
    first, second = families.build(family, 50, seed=3), families.build(family, 50, seed=3)
    assert torch.equal(torch.random.get_rng_state(), state), "building must not change the global random state"
    for (name, a), (_, b) in zip(first.named_parameters(), second.named_parameters()):
        assert torch.equal(a, b), name
    expected = {"encoder-only": "BertForSequenceClassification", "decoder-only": "GPT2ForSequenceClassification",
                "encoder-decoder": "T5ForConditionalGeneration"}[family]
    assert type(first).__name__ == expected
    with pytest.raises(ValueError):
        families.config("recurrent", 50)


@pytest.mark.parametrize("family", families.FAMILIES)
def test_training_learns_a_trivial_task(family):
    # the topic is named by one keyword: every family learns it within a few epochs
    keywords = {"business": "shares", "health": "doctors", "politics": "minister", "sport": "goal", "tech": "software"}
    texts = [f"{keywords[topic]} news item {index}" for index in range(12) for topic in families.TOPICS]
    labels = [topic for _ in range(12) for topic in families.TOPICS]
    vocabulary = families.TopicVocabulary.from_texts(texts, min_count=1)
    model = families.train(family, texts, labels, vocabulary, epochs=25, batch_size=20, learning_rate=3e-3, width=32, ffn=64)
    assert not model.training
    predictions = families.predict(family, model, vocabulary, texts)
    assert all(prediction in families.TOPICS + ("?",) for prediction in predictions)
    assert families.accuracy_interval(predictions, labels)[0] >= 0.9
    assert families.latency_seconds(family, model, vocabulary, texts[0], repeats=2) > 0
