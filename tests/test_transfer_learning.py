"""nlpcourse.transfer_learning: the data split, the classifier loader, the training loop and the features."""

import numpy as np
import pytest
import torch

from nlpcourse import pretrained, transfer_learning
from nlpcourse.data import CONLL_TAGS, movie_reviews


def test_split_is_balanced_disjoint_and_seeded():
    train_x, train_y, test_x, test_y = transfer_learning.movie_review_split(n_test=80, seed=0)
    assert len(train_x) == 120 and len(test_x) == 80 and len(train_y) == 120
    assert sum(test_y) == 40 and set(train_y) == {0, 1}
    assert all(type(y) is int for y in train_y + test_y)
    assert not set(train_x) & set(test_x)
    data = movie_reviews()
    truth = dict(zip(data.texts, data.labels))
    assert all(truth[text] == ("pos" if y == 1 else "neg") for text, y in zip(train_x + test_x, train_y + test_y))
    assert transfer_learning.movie_review_split(n_test=80, seed=0)[2] == test_x
    assert transfer_learning.movie_review_split(n_test=80, seed=1)[2] != test_x
    with pytest.raises(ValueError):
        transfer_learning.movie_review_split(n_test=400)


def test_tag_ids_follow_conll_order():
    assert transfer_learning.tag_ids(["O", "B-PER", "I-MISC"]) == [0, 1, 8]
    assert transfer_learning.tag_ids([]) == []
    assert list(CONLL_TAGS).index("B-LOC") == transfer_learning.tag_ids(["B-LOC"])[0]


def test_load_classifier_keeps_pretrained_encoder_and_seeds_the_head(capfd):
    model = transfer_learning.load_classifier("sequence", num_labels=3, seed=0)
    again = transfer_learning.load_classifier("sequence", num_labels=3, seed=0)
    other = transfer_learning.load_classifier("sequence", num_labels=3, seed=1)
    _, encoder = pretrained.minilm()
    assert torch.equal(model.bert.encoder.layer[3].output.dense.weight, encoder.encoder.layer[3].output.dense.weight)
    assert torch.equal(model.classifier.weight, again.classifier.weight)
    assert not torch.equal(model.classifier.weight, other.classifier.weight)
    assert model.classifier.out_features == 3 and not model.training
    tagger = transfer_learning.load_classifier("token", num_labels=9)
    assert tagger.classifier.out_features == 9
    out, err = capfd.readouterr()
    assert err == "", "loading must write nothing to stderr"
    with pytest.raises(ValueError):
        transfer_learning.load_classifier("tokens")


def test_fine_tune_changes_only_trainable_parameters_and_is_deterministic():
    texts = ["a fine film .", "a dull film .", "great acting .", "awful plot ."] * 2
    labels = [1, 0, 1, 0] * 2
    tokenizer, _ = pretrained.minilm()
    runs = []
    for _ in range(2):
        model = transfer_learning.load_classifier("sequence", seed=0)
        for parameter in model.bert.parameters():
            parameter.requires_grad_(False)
        frozen_before = model.bert.encoder.layer[0].output.dense.weight.clone()
        head_before = model.classifier.weight.clone()
        losses = transfer_learning.fine_tune(model, tokenizer, texts, labels, epochs=2, batch_size=4,
                                             learning_rate=1e-3, max_length=16, progress=False)
        assert len(losses) == 4 and all(np.isfinite(losses))
        assert torch.equal(model.bert.encoder.layer[0].output.dense.weight, frozen_before)
        assert not torch.equal(model.classifier.weight, head_before)
        assert not model.training
        runs.append(losses)
    assert runs[0] == runs[1]


def test_fine_tune_with_parameter_groups_uses_their_rates():
    tokenizer, _ = pretrained.minilm()
    model = transfer_learning.load_classifier("sequence", seed=0)
    before = model.classifier.weight.clone()
    pooler_before = model.bert.pooler.dense.weight.clone()
    groups = [{"params": list(model.classifier.parameters()), "lr": 1e-2},
              {"params": list(model.bert.pooler.parameters()), "lr": 0.0}]
    transfer_learning.fine_tune(model, tokenizer, ["good .", "bad ."], [1, 0], epochs=1, batch_size=2,
                                parameter_groups=groups, progress=False)
    assert not torch.equal(model.classifier.weight, before)
    assert torch.equal(model.bert.pooler.dense.weight, pooler_before)


def test_predict_equals_argmax_of_the_model():
    tokenizer, _ = pretrained.minilm()
    model = transfer_learning.load_classifier("sequence", seed=0)
    texts = ["a fine film .", "the worst thing i have seen this year ."]
    with torch.no_grad():
        direct = model(**tokenizer(texts, padding=True, return_tensors="pt")).logits.argmax(-1).numpy()
    predicted = transfer_learning.predict(model, tokenizer, texts, batch_size=1)
    assert predicted.dtype == np.int64 and predicted.tolist() == direct.tolist()
    assert transfer_learning.predict(model, tokenizer, []).shape == (0,)


def test_sentence_features_match_the_sentence_encoder():
    texts = ["a fine film .", "an awful one ."]
    features = transfer_learning.sentence_features(texts)
    assert features.shape == (2, 384)
    assert np.allclose(np.linalg.norm(features, axis=1), 1.0, atol=1e-5)
    direct = pretrained.minilm_sentence_encoder().encode(texts)
    assert np.allclose(features, direct, atol=1e-6)
