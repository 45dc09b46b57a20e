"""Byte-level BPE helpers for week 6, day 1: the pieces around a from-scratch tokenizer.

- :func:`byte_to_unicode`: GPT-2's table from the 256 byte values to 256 printable characters
  (bytes that are printable map to themselves, the others to characters from U+0100 on), so that
  any UTF-8 text becomes a string of visible symbols (a space is ``"Ġ"``, a newline ``"Ċ"``);
- :data:`SPLIT_PATTERN`: GPT-2's pre-tokenisation regular expression (for the ``regex`` package,
  which knows ``\\p{L}`` and ``\\p{N}``), the rule the ``tokenizers`` library's
  ``pre_tokenizers.ByteLevel(use_regex=True)`` applies before mapping bytes;
- :func:`lee_articles`: the Lee news corpus as raw articles (case and punctuation kept), split
  into the first 250 (``"train"``) and the last 50 (``"test"``);
- :func:`library_bpe`: the ``tokenizers`` library's byte-level BPE trained with the settings that
  make its merges reproducible by hand (no special tokens, the full 256-symbol initial alphabet,
  no prefix space), and :func:`merges_of` to read the learned merges back as ``(left, right)``
  tuples;
- :func:`word_count`: the number of whitespace-separated words of a text, the denominator of
  "tokens per word".

What it does not do: count pairs, learn merges or encode with them (those are the notebook's
exercises), or download anything.
"""

from __future__ import annotations

import functools
import json

# GPT-2's rule: contractions, a letter run, a digit run or a punctuation run (each with at most one
# leading space), then whitespace (the last whitespace character before a word stays with the word).
SPLIT_PATTERN = r"""'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+"""


@functools.lru_cache(maxsize=1)
def _table() -> tuple:
    printable = [*range(ord("!"), ord("~") + 1), *range(ord("¡"), ord("¬") + 1), *range(ord("®"), ord("ÿ") + 1)]
    characters = {byte: chr(byte) for byte in printable}
    shifted = 0
    for byte in range(256):
        if byte not in characters:  # control bytes, space, DEL, NBSP, soft hyphen: moved past U+00FF
            characters[byte] = chr(256 + shifted)
            shifted += 1
    return tuple(characters[byte] for byte in range(256))


def byte_to_unicode() -> dict[int, str]:
    """{byte value 0..255: its one-character stand-in}; a new dict on every call (safe to modify)."""
    return dict(enumerate(_table()))


def lee_articles(split: str = "train") -> list[str]:
    """The Lee corpus articles of ``split``: ``"train"`` (the first 250), ``"test"`` (the last 50)
    or ``"all"`` (300), as written (not lower-cased)."""
    from nlpcourse.data import lee_corpus

    articles = lee_corpus()
    chosen = {"train": articles[:250], "test": articles[250:], "all": articles}.get(split)
    if chosen is None:
        raise ValueError(f"split must be 'train', 'test' or 'all', not {split!r}")
    return list(chosen)


def library_bpe(texts, vocab_size: int, min_frequency: int = 0):
    """A ``tokenizers.Tokenizer`` with a byte-level BPE model trained on ``texts`` (an iterable of
    strings) up to ``vocab_size`` tokens: ByteLevel pre-tokenizer without a prefix space, the whole
    256-symbol byte alphabet as the initial alphabet, no special tokens, no progress bar."""
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers

    tokenizer = Tokenizer(models.BPE())
    tokenizer.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tokenizer.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(vocab_size=vocab_size, min_frequency=min_frequency, show_progress=False,
                                  initial_alphabet=pre_tokenizers.ByteLevel.alphabet(), special_tokens=[])
    tokenizer.train_from_iterator(texts, trainer)
    return tokenizer


def merges_of(tokenizer) -> list[tuple[str, str]]:
    """The merges of a BPE ``tokenizers.Tokenizer`` (or a ``transformers`` fast tokenizer), in the
    order they were learned, as ``(left, right)`` tuples."""
    backend = getattr(tokenizer, "backend_tokenizer", tokenizer)
    model = json.loads(backend.to_str())["model"]
    return [tuple(merge) if isinstance(merge, list) else tuple(merge.split(" ")) for merge in model["merges"]]


def word_count(texts) -> int:
    """Whitespace-separated words in a string or a list of strings."""
    if isinstance(texts, str):
        texts = [texts]
    return sum(len(text.split()) for text in texts)
