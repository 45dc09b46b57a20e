"""The masked-LM helpers of week 5 day 3 (nlpcourse/masked_lm.py), fast: no training, no notebook."""

from __future__ import annotations

import pytest
import torch

from nlpcourse import masked_lm

SENTENCES = [["the", "cat", "sat", "on", "the", "mat"], ["the", "dog", "sat"], ["a", "cat", "ran"], []]


def test_vocabulary_special_ids_and_order():
    vocabulary = masked_lm.WordVocabulary.from_sentences(SENTENCES, max_size=8, min_count=2)
    assert vocabulary.tokens[:5] == list(masked_lm.SPECIAL_TOKENS)
    assert (vocabulary.pad_id, vocabulary.unk_id, vocabulary.cls_id, vocabulary.sep_id, vocabulary.mask_id) == (0, 1, 2, 3, 4)
    # "the" (3) first, then "cat" and "sat" (2 each) alphabetically; words seen once are left out
    assert vocabulary.tokens[5:] == ["the", "cat", "sat"]
    assert len(masked_lm.WordVocabulary.from_sentences(SENTENCES, max_size=6, min_count=1)) == 6
    with pytest.raises(ValueError):
        masked_lm.WordVocabulary.from_sentences(SENTENCES, max_size=4)


def test_encode_adds_cls_and_sep_and_maps_unknown_and_mask():
    vocabulary = masked_lm.WordVocabulary(["the", "cat"])
    assert vocabulary.encode(["the", "dog", "[MASK]"]) == [2, 5, 1, 4, 3]
    assert vocabulary.decode([2, 5, 6, 3]) == ["[CLS]", "the", "cat", "[SEP]"]
    assert "cat" in vocabulary and "dog" not in vocabulary


def test_word_windows_cut_sentences_without_overlap():
    windows = masked_lm.word_windows(SENTENCES, width=4)
    assert windows == [["the", "cat", "sat", "on"], ["the", "mat"], ["the", "dog", "sat"], ["a", "cat", "ran"]]
    assert sum(map(len, windows)) == sum(map(len, SENTENCES))
    with pytest.raises(ValueError):
        masked_lm.word_windows(SENTENCES, width=0)


def test_pad_batch_shapes_and_mask():
    input_ids, attention_mask = masked_lm.pad_batch([[2, 7, 3], [2, 3]], pad_id=9)
    assert input_ids.dtype == attention_mask.dtype == torch.int64
    assert input_ids.tolist() == [[2, 7, 3], [2, 3, 9]]
    assert attention_mask.tolist() == [[1, 1, 1], [1, 1, 0]]


def test_tiny_bert_is_seeded_and_leaves_the_global_random_state_alone():
    torch.manual_seed(123)
    before = torch.rand(1)
    torch.manual_seed(123)
    first = masked_lm.tiny_bert_for_masked_lm(50, seed=3)
    assert torch.equal(torch.rand(1), before), "building the model must not consume the caller's random numbers"
    second = masked_lm.tiny_bert_for_masked_lm(50, seed=3)
    other = masked_lm.tiny_bert_for_masked_lm(50, seed=4)
    state, same, different = first.state_dict(), second.state_dict(), other.state_dict()
    assert all(torch.equal(state[name], same[name]) for name in state)
    assert not torch.equal(state["bert.embeddings.word_embeddings.weight"], different["bert.embeddings.word_embeddings.weight"])
    assert first.training and first.config.num_hidden_layers == 1 and first.config.hidden_size == 64
    input_ids, attention_mask = masked_lm.pad_batch([[2, 7, 8, 3], [2, 9, 3]])
    logits = first(input_ids=input_ids, attention_mask=attention_mask).logits
    assert tuple(logits.shape) == (2, 4, 50)
    # the output layer shares its weights with the word embeddings, as in BERT
    assert first.cls.predictions.decoder.weight.data_ptr() == first.bert.embeddings.word_embeddings.weight.data_ptr()


def test_gap_test_hides_one_known_word_per_window():
    vocabulary = masked_lm.WordVocabulary(["the", "cat", "sat", "on"])
    sentence = ["the", "cat", "sat", "on", "the", "mat", "today"]
    windows, answers = masked_lm.gap_test([sentence], vocabulary, width=5)
    assert answers == ["the", "cat", "sat", "on", "the"]  # "mat" and "today" are not in the vocabulary
    for window, answer in zip(windows, answers):
        assert len(window) == 5 and window.count("[MASK]") == 1
    assert windows[0] == ["[MASK]", "cat", "sat", "on", "the"]          # at the start: as centred as possible
    assert windows[2] == ["the", "cat", "[MASK]", "on", "the"]          # in the middle: two words each side
    assert windows[4] == ["sat", "on", "[MASK]", "mat", "today"]        # two words each side again
    few, few_answers = masked_lm.gap_test([sentence] * 3, vocabulary, width=3, per_sentence=2, seed=1)
    assert len(few) == len(few_answers) == 6
    assert masked_lm.gap_test([sentence] * 3, vocabulary, width=3, per_sentence=2, seed=1) == (few, few_answers)
    short_windows, _ = masked_lm.gap_test([["the", "cat"]], vocabulary, width=5)
    assert short_windows == [["[MASK]", "cat"], ["the", "[MASK]"]]
