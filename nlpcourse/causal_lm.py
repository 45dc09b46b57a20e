"""Causal (next-token) language modelling on a small real text (week 5, day 4): the pieces around the demo.

- :func:`lee_text`: the Lee news corpus as one lower-cased string per split (the first 250 articles
  are ``"train"``, the last 50 ``"test"``, the same split as :func:`nlpcourse.data.lee_sentences`).
- :class:`CharVocabulary`: characters <-> ids; id 0 is ``<unk>`` for characters the training text
  never had.
- :func:`char_windows`: a long id sequence cut into fixed-length windows, the training examples.
- :func:`tiny_gpt2`: a ``transformers.GPT2LMHeadModel`` of a few hundred thousand parameters, built
  from a small config with seeded random weights.
- :func:`train_causal_lm`: AdamW with a linear warm-up and decay on random batches of windows, using
  the model's own loss (``labels=input_ids``; the library shifts the labels inside).
- :func:`perplexity`: ``exp`` of the mean next-token negative log-likelihood over windows.
- :func:`unigram_perplexity`: the perplexity of the character-frequency baseline (add-one smoothed).

What it does not do: subword tokenisation, sampling or decoding (the notebook's exercises),
padding (every window has the same length), or anything that needs a network or a GPU.
"""

from __future__ import annotations

import math
from collections import Counter

import numpy as np


def lee_text(split: str = "train") -> str:
    """The Lee corpus articles of ``split`` (``"train"``: the first 250, ``"test"``: the last 50),
    lower-cased, joined by newlines."""
    from nlpcourse.data import lee_corpus

    articles = lee_corpus()
    chosen = {"train": articles[:250], "test": articles[250:], "all": articles}.get(split)
    if chosen is None:
        raise ValueError(f"split must be 'train', 'test' or 'all', not {split!r}")
    return "\n".join(article.lower() for article in chosen)


class CharVocabulary:
    """Characters <-> integer ids: id 0 is ``<unk>``, then the characters of the training text,
    most frequent first (ties in code-point order)."""

    unk_id = 0

    def __init__(self, characters):
        self.tokens: list[str] = ["<unk>"]
        self.ids: dict[str, int] = {}
        for character in characters:
            if character not in self.ids and len(character) == 1:
                self.ids[character] = len(self.tokens)
                self.tokens.append(character)

    @classmethod
    def from_text(cls, text: str, min_count: int = 1) -> "CharVocabulary":
        counts = Counter(text)
        ranked = sorted((c for c, n in counts.items() if n >= min_count), key=lambda c: (-counts[c], c))
        return cls(ranked)

    def __len__(self) -> int:
        return len(self.tokens)

    def encode(self, text: str) -> list[int]:
        return [self.ids.get(character, self.unk_id) for character in text]

    def decode(self, ids) -> str:
        return "".join("?" if int(i) == self.unk_id else self.tokens[int(i)] for i in ids)

    def __repr__(self) -> str:
        return f"CharVocabulary({len(self)} ids)"


def char_windows(ids, length: int, stride: int | None = None):
    """Windows of ``length`` consecutive ids starting every ``stride`` ids (default: ``length``,
    no overlap); a tail shorter than ``length`` is dropped. Returns an int64 tensor (n, length)."""
    import torch

    if length < 2:
        raise ValueError("a window needs at least 2 ids: one to read and one to predict")
    stride = length if stride is None else stride
    ids = torch.as_tensor(list(ids) if not hasattr(ids, "shape") else ids, dtype=torch.long)
    if len(ids) < length:
        return torch.empty((0, length), dtype=torch.long)
    return ids.unfold(0, length, stride).contiguous()


def tiny_gpt2(vocab_size: int, n_positions: int = 128, n_embd: int = 96, n_layer: int = 2, n_head: int = 4,
              dropout: float = 0.0, seed: int = 0):
    """A ``GPT2LMHeadModel`` from a small config, weights drawn from ``seed`` (the caller's global
    random state is left as it was), in eval mode. The output layer shares the input embedding."""
    from transformers import GPT2Config, GPT2LMHeadModel

    from nlpcourse.tiny_transformers import from_config

    config = GPT2Config(vocab_size=vocab_size, n_positions=n_positions, n_embd=n_embd, n_layer=n_layer,
                        n_head=n_head, resid_pdrop=dropout, embd_pdrop=dropout, attn_pdrop=dropout,
                        bos_token_id=0, eos_token_id=0, pad_token_id=0, loss_type="ForCausalLM")
    model = from_config(GPT2LMHeadModel, config, seed=seed)
    model.loss_type = "ForCausalLM"  # the library's shifted next-token cross-entropy, named so that it does not warn
    return model


def train_causal_lm(model, windows, steps: int, batch_size: int = 32, learning_rate: float = 3e-3,
                    seed: int = 0, every: int = 0, callback=None, progress: bool = True, loss_of_batch=None,
                    description: str = "training steps"):
    """Train ``model`` (any ``transformers`` causal LM) for ``steps`` AdamW steps on random batches of
    the rows of ``windows`` (int64, (n, length)), with the library loss ``model(ids, labels=ids).loss``,
    10% linear warm-up then linear decay, gradient norm clipped to 1. ``callback(step, model, loss)``
    runs after every ``every`` steps (and after the last); the model is put back in train mode after
    it. ``loss_of_batch(model, batch)`` replaces the library loss when given (a distillation loss, for
    instance); ``description`` labels the progress bar. Returns the list of the training losses (one
    float per step); the model ends in eval mode."""
    import torch
    from tqdm.auto import tqdm

    generator = torch.Generator().manual_seed(seed)
    adamw = torch.optim.AdamW(model.parameters(), lr=learning_rate, weight_decay=0.01)
    schedule = torch.optim.lr_scheduler.OneCycleLR(adamw, max_lr=learning_rate, total_steps=steps, pct_start=0.1,
                                                   anneal_strategy="linear")
    losses = []
    model.train()
    for step in tqdm(range(steps), desc=description, disable=not progress, leave=False):
        rows = torch.randint(len(windows), (batch_size,), generator=generator)
        batch = windows[rows]                                                   # (B, L)
        loss = model(input_ids=batch, labels=batch).loss if loss_of_batch is None else loss_of_batch(model, batch)
        adamw.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        adamw.step()
        schedule.step()
        losses.append(float(loss.detach()))
        if callback is not None and every and ((step + 1) % every == 0 or step + 1 == steps):
            callback(step + 1, model, losses[-1])
            model.train()
    model.eval()
    return losses


def perplexity(model, windows, batch_size: int = 128) -> float:
    """``exp`` of the mean negative log-likelihood of every id of ``windows`` but the first of each
    window, given the ids before it in its window (the library loss, weighted by token count)."""
    import torch

    was_training = model.training
    model.eval()
    total, count = 0.0, 0
    with torch.no_grad():
        for start in range(0, len(windows), batch_size):
            batch = windows[start:start + batch_size]
            predicted = batch.shape[0] * (batch.shape[1] - 1)
            total += float(model(input_ids=batch, labels=batch).loss) * predicted
            count += predicted
    model.train(was_training)
    return math.exp(total / count)


def unigram_perplexity(train_ids, test_ids, vocab_size: int) -> float:
    """Perplexity on ``test_ids`` of the model that ignores the context and predicts every id with its
    add-one smoothed frequency in ``train_ids``."""
    counts = np.bincount(np.asarray(train_ids, dtype=np.int64), minlength=vocab_size).astype(float) + 1.0
    log_probabilities = np.log(counts / counts.sum())
    return float(np.exp(-log_probabilities[np.asarray(test_ids, dtype=np.int64)].mean()))
