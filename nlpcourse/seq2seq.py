"""The course's sequence-to-sequence task and the small GRU encoder-decoder that weeks 3 and 4 share.

The task: read a number written in English words, write its digits.

    ["three", "thousand", "forty", "two"]  ->  ["3", "0", "4", "2"]

It is generated, so it needs no download, has unlimited data and a known right answer, and its
difficulty grows with the length of the number: the output must insert zeros the input never
names ("three thousand forty two" has no word for the hundreds), so the model has to track where
it is, and longer numbers strain a decoder that sees the input only through one vector. Week 3
trains an encoder-decoder on it and decodes greedily and with beam search; week 4 measures that
fixed-context bottleneck and adds attention, then trains a transformer on the same data.

What is here: the task (:func:`number_to_words`, :func:`number_words_task`), token vocabularies,
padded batches, the reference encoder-decoder :class:`Seq2Seq`, its training loop and greedy
decoding. Week 3 day 6 builds the same pieces by hand; later notebooks import them from here.
What is not here: beam search and attention (the notebooks that teach them build them).
"""

from __future__ import annotations

import dataclasses
from typing import Iterator

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

# --------------------------------------------------------------------------- the task

ONES = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
        "nineteen")
TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
SCALES = ((10**9, "billion"), (10**6, "million"), (10**3, "thousand"))
LARGEST_NUMBER = 10**12 - 1

Example = tuple[list[str], list[str]]  # (source tokens, target tokens)


def number_to_words(number: int) -> list[str]:
    """American English words for ``0 <= number < 10**12``, without "and" or hyphens.

    >>> number_to_words(3042)
    ['three', 'thousand', 'forty', 'two']
    """
    if isinstance(number, bool) or not isinstance(number, (int, np.integer)):
        raise TypeError(f"number must be an int, not {type(number).__name__}")
    if not 0 <= number <= LARGEST_NUMBER:
        raise ValueError(f"number must be between 0 and {LARGEST_NUMBER}, not {number}")
    number = int(number)
    if number == 0:
        return ["zero"]
    words: list[str] = []
    for scale, name in SCALES:
        if number >= scale:
            words += _below_one_thousand(number // scale) + [name]
            number %= scale
    return words + _below_one_thousand(number)


def _below_one_thousand(number: int) -> list[str]:
    """Words for 0 <= number < 1000 (nothing for 0: "one thousand" has no "zero" after it)."""
    words: list[str] = []
    if number >= 100:
        words += [ONES[number // 100], "hundred"]
        number %= 100
    if number >= 20:
        words.append(TENS[number // 10])
        number %= 10
    if number > 0:
        words.append(ONES[number])
    return words


def number_example(number: int) -> Example:
    """One (source, target) pair: the number's words and its digits, one token per digit."""
    return number_to_words(number), list(str(int(number)))


# --------------------------------------------------------------------------- vocabularies

PAD, BOS, EOS, UNK = "<pad>", "<bos>", "<eos>", "<unk>"
SPECIAL_TOKENS = (PAD, BOS, EOS, UNK)


class Vocabulary:
    """Tokens <-> integer ids. Ids 0-3 are always ``<pad>``, ``<bos>``, ``<eos>``, ``<unk>``."""

    pad_id, bos_id, eos_id, unk_id = 0, 1, 2, 3

    def __init__(self, tokens):
        """``tokens``: the ordinary tokens in the order they get ids 4, 5, ... (duplicates and
        special tokens are skipped)."""
        self.tokens: list[str] = list(SPECIAL_TOKENS)
        for token in tokens:
            if token not in self.tokens:
                self.tokens.append(token)
        self.ids = {token: index for index, token in enumerate(self.tokens)}

    def __len__(self) -> int:
        return len(self.tokens)

    def __repr__(self) -> str:
        return f"Vocabulary({len(self)} tokens: {' '.join(self.tokens[:12])}{' ...' if len(self) > 12 else ''})"

    def encode(self, tokens: list[str]) -> list[int]:
        """Ids of ``tokens``; a token the vocabulary lacks becomes ``unk_id``. Adds no markers."""
        return [self.ids.get(token, self.unk_id) for token in tokens]

    def decode(self, ids) -> list[str]:
        """Tokens of ``ids`` up to the first ``<eos>``, without a leading ``<bos>`` and trailing
        ``<pad>``. A special token anywhere else stays in the output (as ``"<pad>"``, say), so that
        a model that emits one is not counted right by a comparison of decoded outputs."""
        ids = [int(i) for i in ids]
        if self.eos_id in ids:
            ids = ids[:ids.index(self.eos_id)]
        if ids and ids[0] == self.bos_id:
            ids = ids[1:]
        while ids and ids[-1] == self.pad_id:
            ids.pop()
        return [self.tokens[index] for index in ids]


@dataclasses.dataclass(frozen=True)
class TransductionTask:
    """Train, validation and test examples (disjoint) with their source and target vocabularies."""

    name: str
    train: list[Example]
    valid: list[Example]
    test: list[Example]
    source_vocab: Vocabulary
    target_vocab: Vocabulary


def number_words_task(train_size: int = 4000, valid_size: int = 500, test_size: int = 500,
                      max_digits: int = 6, seed: int = 0) -> TransductionTask:
    """Numbers written in words -> digits, with distinct numbers in the three splits.

    Each example draws a number of digits uniformly from 1..``max_digits``, then a number with that
    many digits; a number already drawn is drawn again. Long numbers are therefore about equally
    common, but there are only 10 one-digit and 90 two-digit numbers: they run out early and all
    land in the training split, so validation and test hold longer numbers. Inputs have up to 9
    words for 6 digits and up to 19 for 12 ("seven hundred seventy seven billion ..."). Splits never
    share a number; the same arguments always give the same splits. Raises ValueError if there are
    not enough distinct numbers for the sizes asked.
    """
    if not 1 <= max_digits <= 12:
        raise ValueError(f"max_digits must be between 1 and 12, not {max_digits}")
    sizes = (train_size, valid_size, test_size)
    if min(sizes) < 0:
        raise ValueError(f"split sizes must be >= 0, not {sizes}")
    available = 10**max_digits
    if sum(sizes) > available // 2:  # drawing without replacement needs room to spare
        raise ValueError(f"{sum(sizes)} examples ask for too many of the {available} numbers "
                         f"with at most {max_digits} digits; raise max_digits")
    rng = np.random.default_rng(seed)
    numbers: list[int] = []
    seen: set[int] = set()
    while len(numbers) < sum(sizes):
        digits = int(rng.integers(1, max_digits + 1))
        low = 0 if digits == 1 else 10 ** (digits - 1)
        number = int(rng.integers(low, 10**digits))
        if number not in seen:
            seen.add(number)
            numbers.append(number)
    examples = [number_example(number) for number in numbers]
    train = examples[:train_size]
    valid = examples[train_size:train_size + valid_size]
    test = examples[train_size + valid_size:]
    source_words = list(ONES) + [word for word in TENS if word] + ["hundred"] + [name for _, name in reversed(SCALES)]
    return TransductionTask(name=f"number words -> digits (1-{max_digits} digits)", train=train,
                            valid=valid, test=test, source_vocab=Vocabulary(source_words),
                            target_vocab=Vocabulary("0123456789"))


# --------------------------------------------------------------------------- batches

@dataclasses.dataclass(frozen=True)
class Batch:
    """Padded id tensors for a batch of examples (``pad_id`` = 0 after each sequence's end).

    ``target_input`` is ``<bos> y1 ... yT`` and ``target_output`` is ``y1 ... yT <eos>``: at step t
    the decoder reads ``target_input[:, t]`` (teacher forcing) and is trained to predict
    ``target_output[:, t]``.
    """

    source: torch.Tensor  # (batch, source_len) int64
    source_lengths: torch.Tensor  # (batch,) int64, on the CPU (pack_padded_sequence wants that)
    target_input: torch.Tensor  # (batch, target_len + 1) int64
    target_output: torch.Tensor  # (batch, target_len + 1) int64

    def __len__(self) -> int:
        return self.source.shape[0]


def make_batch(examples: list[Example], source_vocab: Vocabulary, target_vocab: Vocabulary,
               device: str | torch.device = "cpu") -> Batch:
    """Encode and pad ``examples`` (at least one; an empty source or target is an error)."""
    if not examples:
        raise ValueError("make_batch needs at least one example")
    sources = [source_vocab.encode(source) for source, _ in examples]
    targets = [target_vocab.encode(target) for _, target in examples]
    if min(map(len, sources)) == 0 or min(map(len, targets)) == 0:
        raise ValueError("every example needs a non-empty source and target")
    source = _pad([torch.tensor(ids) for ids in sources], source_vocab.pad_id)
    target_input = _pad([torch.tensor([target_vocab.bos_id] + ids) for ids in targets], target_vocab.pad_id)
    target_output = _pad([torch.tensor(ids + [target_vocab.eos_id]) for ids in targets], target_vocab.pad_id)
    return Batch(source=source.to(device), source_lengths=torch.tensor([len(ids) for ids in sources]),
                 target_input=target_input.to(device), target_output=target_output.to(device))


def _pad(sequences: list[torch.Tensor], pad_id: int) -> torch.Tensor:
    return nn.utils.rnn.pad_sequence(sequences, batch_first=True, padding_value=pad_id)


def iterate_batches(examples: list[Example], batch_size: int, source_vocab: Vocabulary,
                    target_vocab: Vocabulary, rng: np.random.Generator | None = None,
                    device: str | torch.device = "cpu") -> Iterator[Batch]:
    """One pass over ``examples`` in batches (shuffled first if ``rng`` is given; the last batch
    may be smaller)."""
    order = np.arange(len(examples)) if rng is None else rng.permutation(len(examples))
    for start in range(0, len(examples), batch_size):
        chosen = [examples[i] for i in order[start:start + batch_size]]
        yield make_batch(chosen, source_vocab, target_vocab, device)


# --------------------------------------------------------------------------- the model

class Seq2Seq(nn.Module):
    """GRU encoder-decoder without attention (Cho et al. 2014; Sutskever et al. 2014).

    The encoder reads the source and its last hidden state (padding skipped) becomes the
    decoder's first state: everything the decoder knows about the input passes through that one
    vector of size ``hidden_size``. :meth:`decode_step` also receives the encoder's outputs and
    the source mask, which this model ignores, so that an attention decoder can override it.
    """

    def __init__(self, source_vocab_size: int, target_vocab_size: int, embedding_dim: int = 32,
                 hidden_size: int = 128, pad_id: int = 0):
        super().__init__()
        self.pad_id = pad_id
        self.source_embedding = nn.Embedding(source_vocab_size, embedding_dim, padding_idx=pad_id)
        self.encoder = nn.GRU(embedding_dim, hidden_size, batch_first=True)
        self.target_embedding = nn.Embedding(target_vocab_size, embedding_dim, padding_idx=pad_id)
        self.decoder = nn.GRU(embedding_dim, hidden_size, batch_first=True)
        self.output = nn.Linear(hidden_size, target_vocab_size)

    def encode(self, source: torch.Tensor, source_lengths: torch.Tensor):
        """Encoder outputs (batch, source_len, hidden), zero at padding, and the final state
        (1, batch, hidden) of each sequence at its true length."""
        embedded = self.source_embedding(source)  # (batch, source_len, embedding_dim)
        packed = pack_padded_sequence(embedded, source_lengths.cpu(), batch_first=True, enforce_sorted=False)
        packed_outputs, final_state = self.encoder(packed)
        outputs, _ = pad_packed_sequence(packed_outputs, batch_first=True, total_length=source.shape[1])
        return outputs, final_state

    def decode_step(self, previous_tokens: torch.Tensor, state: torch.Tensor,
                    encoder_outputs: torch.Tensor, source_mask: torch.Tensor):
        """One decoder step: ``previous_tokens`` (batch,) -> logits (batch, target_vocab) and the
        new state (1, batch, hidden)."""
        embedded = self.target_embedding(previous_tokens).unsqueeze(1)  # (batch, 1, embedding_dim)
        output, state = self.decoder(embedded, state)  # (batch, 1, hidden)
        return self.output(output.squeeze(1)), state

    def forward(self, source: torch.Tensor, source_lengths: torch.Tensor, target_input: torch.Tensor):
        """Teacher-forced logits (batch, target_len, target_vocab) for every target position."""
        encoder_outputs, state = self.encode(source, source_lengths)
        source_mask = source != self.pad_id  # (batch, source_len)
        logits = []
        for t in range(target_input.shape[1]):
            step_logits, state = self.decode_step(target_input[:, t], state, encoder_outputs, source_mask)
            logits.append(step_logits)
        return torch.stack(logits, dim=1)


def sequence_loss(logits: torch.Tensor, target_output: torch.Tensor, pad_id: int = 0) -> torch.Tensor:
    """Mean cross-entropy over the non-padding target tokens of a batch.

    logits: (batch, target_len, vocab); target_output: (batch, target_len).
    """
    return F.cross_entropy(logits.flatten(0, 1), target_output.flatten(), ignore_index=pad_id)


@torch.no_grad()
def greedy_decode(model: Seq2Seq, source: torch.Tensor, source_lengths: torch.Tensor,
                  bos_id: int, eos_id: int, max_length: int) -> list[list[int]]:
    """The most likely next token at every step, for each sequence of a batch, until ``<eos>``
    or ``max_length`` tokens. Returns token ids without ``<bos>`` and ``<eos>``."""
    model.eval()
    encoder_outputs, state = model.encode(source, source_lengths)
    source_mask = source != model.pad_id
    previous = torch.full((source.shape[0],), bos_id, dtype=torch.long, device=source.device)
    decoded: list[list[int]] = [[] for _ in range(source.shape[0])]
    finished = torch.zeros(source.shape[0], dtype=torch.bool, device=source.device)
    for _ in range(max_length):
        logits, state = model.decode_step(previous, state, encoder_outputs, source_mask)
        previous = logits.argmax(dim=-1)  # (batch,)
        for row in torch.nonzero(~finished & (previous != eos_id)).flatten().tolist():
            decoded[row].append(int(previous[row]))
        finished |= previous == eos_id
        if finished.all():
            break
    return decoded


def translate(model: Seq2Seq, examples: list[Example], task: TransductionTask,
              max_length: int = 20, batch_size: int = 500) -> list[list[str]]:
    """Greedy outputs (target tokens, at most ``max_length``) for the sources of ``examples``;
    their targets are not looked at."""
    device = next(iter(model.parameters())).device  # where the model lives
    outputs: list[list[str]] = []
    for batch in iterate_batches(examples, batch_size, task.source_vocab, task.target_vocab, device=device):
        ids = greedy_decode(model, batch.source, batch.source_lengths, task.target_vocab.bos_id,
                            task.target_vocab.eos_id, max_length)
        outputs += [task.target_vocab.decode(sequence) for sequence in ids]
    return outputs


def exact_match(predictions: list[list[str]], examples: list[Example]) -> float:
    """Share of examples whose whole predicted target equals the true one."""
    if len(examples) != len(predictions):
        raise ValueError(f"exact_match needs one prediction per example, not {len(predictions)} for {len(examples)}")
    return float(np.mean([prediction == target for prediction, (_, target) in zip(predictions, examples)]))


def train_seq2seq(model: nn.Module, task: TransductionTask, epochs: int, batch_size: int = 64,
                  learning_rate: float = 3e-3, clip_norm: float = 1.0, seed: int = 0,
                  progress: bool = True) -> list[float]:
    """Teacher-forced training with Adam and gradient clipping; returns the loss of every step.

    Works for any model with the :class:`Seq2Seq` call signature ``model(source, source_lengths,
    target_input) -> logits`` (the attention and transformer models of week 4 too).
    """
    from tqdm.auto import tqdm

    device = next(iter(model.parameters())).device  # where the model lives
    optimiser = torch.optim.Adam(model.parameters(), lr=learning_rate)
    rng = np.random.default_rng(seed)
    losses: list[float] = []
    steps_per_epoch = -(-len(task.train) // batch_size)
    with tqdm(total=epochs * steps_per_epoch, desc="training", disable=not progress) as bar:
        for _ in range(epochs):
            model.train()
            for batch in iterate_batches(task.train, batch_size, task.source_vocab, task.target_vocab, rng, device):
                logits = model(batch.source, batch.source_lengths, batch.target_input)
                loss = sequence_loss(logits, batch.target_output, task.target_vocab.pad_id)
                optimiser.zero_grad()
                loss.backward()
                nn.utils.clip_grad_norm_(model.parameters(), clip_norm)
                optimiser.step()
                losses.append(loss.item())
                bar.update(1)
                bar.set_postfix(loss=f"{losses[-1]:.3f}")
    model.eval()
    return losses
