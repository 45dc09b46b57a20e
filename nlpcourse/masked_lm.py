"""Masked language modelling on a small corpus (week 5, day 3): the pieces around the training loop.

- :class:`WordVocabulary`: words <-> ids, with BERT's five special tokens at ids 0-4
  (``[PAD]``, ``[UNK]``, ``[CLS]``, ``[SEP]``, ``[MASK]``); ``encode`` adds ``[CLS]`` and ``[SEP]``.
- :func:`word_windows`: sentences cut into short windows of consecutive words, the training
  examples of the notebook's tiny BERT.
- :func:`pad_batch`: lists of ids -> ``input_ids`` and ``attention_mask``, right-padded.
- :func:`tiny_bert_config`, :func:`tiny_bert_for_masked_lm`: a ``transformers.BertForMaskedLM``
  of about 0.2M parameters (for 2,000 words) built from a config, with seeded random weights.
- :func:`gap_test`: held-out windows with one word replaced by ``[MASK]``, and the hidden words.

Why windows: a BERT trained from scratch first learns the unigram distribution (it predicts
"the" everywhere) and only later learns to read its neighbours, once its attention has become
position-specific. With learned absolute positions that takes thousands of steps for long inputs;
on windows of five words (seven positions with ``[CLS]`` and ``[SEP]``) it happens within a few
epochs of the 50,000-word Lee corpus on a CPU.

What it does not do: choose the tokens to mask (80/10/10), build training batches, train or
predict (the notebook's exercises); WordPiece tokenisation (``nlpcourse.pretrained.minilm`` has
the real BERT tokenizer).
"""

from __future__ import annotations

from collections import Counter

import numpy as np

SPECIAL_TOKENS = ("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]")


class WordVocabulary:
    """Words <-> integer ids. Ids 0-4 are always ``[PAD]``, ``[UNK]``, ``[CLS]``, ``[SEP]``, ``[MASK]``."""

    pad_id, unk_id, cls_id, sep_id, mask_id = 0, 1, 2, 3, 4
    special_ids = (0, 1, 2, 3, 4)

    def __init__(self, words):
        """``words``: the ordinary words in the order they get ids 5, 6, ... (duplicates and special
        tokens are skipped)."""
        self.tokens: list[str] = list(SPECIAL_TOKENS)
        self.ids: dict[str, int] = {token: index for index, token in enumerate(self.tokens)}
        for word in words:
            if word not in self.ids:
                self.ids[word] = len(self.tokens)
                self.tokens.append(word)

    @classmethod
    def from_sentences(cls, sentences, max_size: int = 2000, min_count: int = 2) -> "WordVocabulary":
        """The most frequent words of ``sentences`` (lists of str) that occur at least ``min_count``
        times, most frequent first (ties in alphabetical order), up to ``max_size`` ids in all
        (special tokens included)."""
        if max_size < len(SPECIAL_TOKENS):
            raise ValueError(f"max_size must be at least {len(SPECIAL_TOKENS)} (the special tokens)")
        counts = Counter(word for sentence in sentences for word in sentence)
        ranked = sorted((word for word, count in counts.items() if count >= min_count and word not in SPECIAL_TOKENS),
                        key=lambda word: (-counts[word], word))
        return cls(ranked[:max_size - len(SPECIAL_TOKENS)])

    def __len__(self) -> int:
        return len(self.tokens)

    def __contains__(self, word) -> bool:
        return word in self.ids

    def __repr__(self) -> str:
        return f"WordVocabulary({len(self)} tokens: {' '.join(self.tokens[:12])}{' ...' if len(self) > 12 else ''})"

    def encode(self, words) -> list[int]:
        """``[CLS]`` + the ids of ``words`` + ``[SEP]``; an unknown word becomes ``[UNK]``, and a special
        token written as a word (``"[MASK]"``) becomes its id."""
        return [self.cls_id] + [self.ids.get(word, self.unk_id) for word in words] + [self.sep_id]

    def decode(self, ids) -> list[str]:
        """The tokens of ``ids`` (special tokens included, as ``"[CLS]"`` etc.)."""
        return [self.tokens[int(index)] for index in ids]


def word_windows(sentences, width: int = 5) -> list[list[str]]:
    """Each sentence cut into consecutive, non-overlapping windows of ``width`` words; the last window
    of a sentence may be shorter. Empty sentences give no window."""
    if width < 1:
        raise ValueError("width must be at least 1")
    return [list(sentence[start:start + width]) for sentence in sentences for start in range(0, len(sentence), width)]


def pad_batch(id_lists, pad_id: int = 0):
    """``(input_ids, attention_mask)``: two int64 tensors of shape (batch, longest), right-padded with
    ``pad_id``; ``attention_mask`` is 1 at the real tokens and 0 at the padding."""
    import torch

    longest = max(len(ids) for ids in id_lists)
    input_ids = torch.full((len(id_lists), longest), pad_id, dtype=torch.long)  # (B, L)
    attention_mask = torch.zeros((len(id_lists), longest), dtype=torch.long)    # (B, L)
    for row, ids in enumerate(id_lists):
        input_ids[row, :len(ids)] = torch.as_tensor(list(ids), dtype=torch.long)
        attention_mask[row, :len(ids)] = 1
    return input_ids, attention_mask


def tiny_bert_config(vocab_size: int, hidden_size: int = 64, num_layers: int = 1, num_heads: int = 4,
                     intermediate_size: int = 256, max_positions: int = 32, initializer_range: float = 0.1,
                     dropout: float = 0.0, pad_token_id: int = 0):
    """A ``BertConfig`` for a tiny encoder (defaults: 1 layer of width 64, 4 heads, feed-forward 256).

    One segment type only (the windows are single sentences). ``initializer_range`` is 0.1 rather
    than BERT's 0.02: measured on the Lee corpus, the larger initial weights leave the "predict the
    most frequent word" plateau sooner. The ``"eager"`` attention is the fastest for such small
    tensors on a CPU.
    """
    from transformers import BertConfig

    config = BertConfig(vocab_size=vocab_size, hidden_size=hidden_size, num_hidden_layers=num_layers,
                        num_attention_heads=num_heads, intermediate_size=intermediate_size,
                        max_position_embeddings=max_positions, type_vocab_size=1,
                        hidden_dropout_prob=dropout, attention_probs_dropout_prob=dropout,
                        initializer_range=initializer_range, pad_token_id=pad_token_id)
    config._attn_implementation = "eager"
    return config


def tiny_bert_for_masked_lm(vocab_size: int, seed: int = 0, **config_arguments):
    """A ``transformers.BertForMaskedLM`` built from :func:`tiny_bert_config` (keyword arguments are
    passed on), with weights drawn under ``torch.manual_seed(seed)``; the global torch random state
    is left as it was. The output layer shares its weights with the word embeddings, as in BERT.
    Returned in training mode, on the CPU."""
    import torch
    from transformers import BertForMaskedLM

    config = tiny_bert_config(vocab_size, **config_arguments)
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        model = BertForMaskedLM(config)
    return model.train()


def gap_test(sentences, answers_from, width: int = 5, per_sentence: int | None = None, seed: int = 0):
    """Held-out fill-the-gap examples: ``(windows, answers)``.

    For each sentence, the positions whose word is in ``answers_from`` (a vocabulary or a set of
    words) are candidates; ``per_sentence`` of them are drawn without replacement (all of them if
    ``None``). Each drawn position gives one window of up to ``width`` words that contains it, as
    centred as the sentence allows, with that word replaced by ``"[MASK]"``; its answer is the word.
    The same arguments always give the same examples.
    """
    rng = np.random.default_rng(seed)
    windows, answers = [], []
    for sentence in sentences:
        candidates = [index for index, word in enumerate(sentence) if word in answers_from]
        if per_sentence is not None and len(candidates) > per_sentence:
            candidates = sorted(rng.choice(candidates, size=per_sentence, replace=False).tolist())
        for index in candidates:
            start = min(max(index - width // 2, 0), max(len(sentence) - width, 0))
            window = list(sentence[start:start + width])
            answers.append(window[index - start])
            window[index - start] = "[MASK]"
            windows.append(window)
    return windows, answers
