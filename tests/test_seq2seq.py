"""The shared seq2seq task and reference model (nlpcourse/seq2seq.py), fast: no notebooks run."""

from __future__ import annotations

import numpy as np
import pytest
import torch

import nlpcourse
from nlpcourse import seq2seq


def words_to_number(words: list[str]) -> int:
    """An independent reader of number words (the inverse of number_to_words), for the tests."""
    values = {word: index for index, word in enumerate(seq2seq.ONES)}
    values.update({word: 10 * index for index, word in enumerate(seq2seq.TENS) if word})
    scales = {name: scale for scale, name in seq2seq.SCALES}
    total, group = 0, 0
    for word in words:
        if word == "hundred":
            group *= 100
        elif word in scales:
            total += group * scales[word]
            group = 0
        else:
            group += values[word]
    return total + group


@pytest.mark.parametrize("number, words", [
    (0, "zero"), (7, "seven"), (13, "thirteen"), (20, "twenty"), (42, "forty two"),
    (100, "one hundred"), (105, "one hundred five"), (3042, "three thousand forty two"),
    (1_000_000, "one million"), (100_000_019, "one hundred million nineteen"),
    (2_000_000_001, "two billion one"),
])
def test_number_to_words_known_cases(number, words):
    assert seq2seq.number_to_words(number) == words.split()


def test_number_to_words_round_trips_on_random_numbers():
    rng = np.random.default_rng(0)
    for number in rng.integers(0, seq2seq.LARGEST_NUMBER, size=2000):
        assert words_to_number(seq2seq.number_to_words(int(number))) == number


@pytest.mark.parametrize("bad, error", [(-1, ValueError), (10**12, ValueError), (3.0, TypeError), (True, TypeError)])
def test_number_to_words_rejects_bad_input(bad, error):
    with pytest.raises(error):
        seq2seq.number_to_words(bad)


def test_task_splits_are_disjoint_reproducible_and_cover_all_lengths():
    task = seq2seq.number_words_task(train_size=1000, valid_size=100, test_size=100, max_digits=6, seed=3)
    again = seq2seq.number_words_task(train_size=1000, valid_size=100, test_size=100, max_digits=6, seed=3)
    assert task.train == again.train and task.test == again.test
    numbers = [["".join(target) for _, target in split] for split in (task.train, task.valid, task.test)]
    assert [len(split) for split in numbers] == [1000, 100, 100]
    assert len(set().union(*map(set, numbers))) == 1200
    assert {len(target) for _, target in task.train} == set(range(1, 7))
    for source, target in task.train:
        assert words_to_number(source) == int("".join(target))
        assert seq2seq.UNK not in task.source_vocab.decode(task.source_vocab.encode(source))


def test_task_refuses_impossible_sizes():
    with pytest.raises(ValueError, match="max_digits"):
        seq2seq.number_words_task(train_size=10, valid_size=0, test_size=0, max_digits=13)
    with pytest.raises(ValueError, match="too many"):
        seq2seq.number_words_task(train_size=60, valid_size=0, test_size=0, max_digits=2)


def test_vocabulary_encodes_and_decodes():
    vocab = seq2seq.Vocabulary(["a", "b", "a", seq2seq.PAD])
    assert vocab.tokens == ["<pad>", "<bos>", "<eos>", "<unk>", "a", "b"]
    assert vocab.encode(["b", "z"]) == [5, vocab.unk_id]
    assert vocab.decode([vocab.bos_id, 4, 5, vocab.eos_id, 4]) == ["a", "b"]
    assert vocab.decode([4, vocab.pad_id, vocab.pad_id]) == ["a"]
    assert vocab.decode([4, vocab.bos_id, 5, vocab.pad_id, 4]) == ["a", "<bos>", "b", "<pad>", "a"]  # model errors stay visible


def test_batch_shifts_targets_for_teacher_forcing():
    task = seq2seq.number_words_task(train_size=10, valid_size=0, test_size=0)
    examples = [(["three", "thousand", "forty", "two"], list("3042")), (["seven"], ["7"])]
    batch = seq2seq.make_batch(examples, task.source_vocab, task.target_vocab)
    vocab = task.target_vocab
    digits = vocab.encode(list("3042"))
    assert batch.source.shape == (2, 4) and batch.source_lengths.tolist() == [4, 1]
    assert batch.source[1, 1:].tolist() == [vocab.pad_id] * 3
    assert batch.target_input.tolist() == [[vocab.bos_id, *digits], [vocab.bos_id, *vocab.encode(["7"]), 0, 0, 0]]
    assert batch.target_output.tolist() == [[*digits, vocab.eos_id], [*vocab.encode(["7"]), vocab.eos_id, 0, 0, 0]]
    with pytest.raises(ValueError):
        seq2seq.make_batch([], task.source_vocab, task.target_vocab)


def test_padding_does_not_change_the_model_output():
    torch.manual_seed(0)
    task = seq2seq.number_words_task(train_size=10, valid_size=0, test_size=0)
    model = seq2seq.Seq2Seq(len(task.source_vocab), len(task.target_vocab), hidden_size=16).eval()
    short = (["seven"], ["7"])
    alone = seq2seq.make_batch([short], task.source_vocab, task.target_vocab)
    padded = seq2seq.make_batch([short, task.train[0]], task.source_vocab, task.target_vocab)
    logits_alone = model(alone.source, alone.source_lengths, alone.target_input)
    logits_padded = model(padded.source, padded.source_lengths, padded.target_input)
    torch.testing.assert_close(logits_padded[0, :2], logits_alone[0])


def test_greedy_decode_matches_a_step_by_step_argmax():
    torch.manual_seed(1)
    task = seq2seq.number_words_task(train_size=8, valid_size=0, test_size=0)
    model = seq2seq.Seq2Seq(len(task.source_vocab), len(task.target_vocab), hidden_size=16).eval()
    batch = seq2seq.make_batch(task.train, task.source_vocab, task.target_vocab)
    decoded = seq2seq.greedy_decode(model, batch.source, batch.source_lengths, 1, 2, max_length=7)
    for row, output in enumerate(decoded):
        prefix = [1]
        for _ in range(7):
            logits = model(batch.source[row:row + 1], batch.source_lengths[row:row + 1], torch.tensor([prefix]))
            token = int(logits[0, -1].argmax())
            if token == 2:
                break
            prefix.append(token)
        assert output == prefix[1:]


def test_training_learns_short_numbers():
    nlpcourse.limit_threads()  # tiny model: ~10-15 s on one thread, several times that on two
    torch.manual_seed(0)
    task = seq2seq.number_words_task(train_size=400, valid_size=0, test_size=50, max_digits=3)
    model = seq2seq.Seq2Seq(len(task.source_vocab), len(task.target_vocab), hidden_size=64)
    losses = seq2seq.train_seq2seq(model, task, epochs=20, batch_size=16, progress=False)
    assert losses[-1] < 0.25 * losses[0]
    assert seq2seq.exact_match(seq2seq.translate(model, task.test, task), task.test) > 0.8
