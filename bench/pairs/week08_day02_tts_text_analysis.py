"""Benchmark pairs for week08/day02_tts_text_analysis.

1. ``number_to_words`` against ``num2words.num2words`` (hyphens and commas removed) on 2,000 random
   integers of 1 to 9 digits.
2. ``ordinal_to_words`` against ``num2words.num2words(..., to="ordinal")`` on 1,000 random ordinals.
3. ``phoneme_error_rate`` against ``Levenshtein.distance`` (divided by the reference length) on 2,000
   pairs of ARPAbet sequences: a cmudict pronunciation and a corrupted copy of it.
"""

from __future__ import annotations

import numpy as np

from library_pairs import Pair, within

DAY02 = "week08_speech_and_tts/day02_tts_text_analysis"


def integers(rng: np.random.Generator) -> tuple:
    return ([int(v) for v in rng.integers(0, 10 ** rng.integers(1, 10, size=2000))],)


def ours_numbers(function, values):
    return [function(v) for v in values]


def library_numbers(values):
    from num2words import num2words

    return [num2words(v).replace("-", " ").replace(",", "") for v in values]


def ordinal_tokens(rng: np.random.Generator) -> tuple:
    values = [int(v) for v in rng.integers(0, 10 ** rng.integers(1, 10, size=1000))]
    suffix = ["th" if v % 100 in (11, 12, 13) else {1: "st", 2: "nd", 3: "rd"}.get(v % 10, "th") for v in values]
    return ([f"{v}{s}" for v, s in zip(values, suffix)],)


def library_ordinals(tokens):
    from num2words import num2words

    return [num2words(int(t[:-2]), to="ordinal").replace("-", " ").replace(",", "") for t in tokens]


def pronunciation_pairs(rng: np.random.Generator) -> tuple:
    from nlpcourse.pronunciation import dictionary_entries

    entries = dictionary_entries()
    words = sorted(entries)
    inventory = sorted({p for phones in entries.values() for p in phones})
    pairs = []
    for index in rng.choice(len(words), size=2000, replace=False):
        reference = list(entries[words[index]])
        hypothesis = [str(rng.choice(inventory)) if rng.random() < 0.15 else p for p in reference if rng.random() > 0.1]
        if rng.random() < 0.3:
            hypothesis.insert(int(rng.integers(0, len(hypothesis) + 1)), str(rng.choice(inventory)))
        pairs.append((reference, hypothesis))
    return (pairs,)


def ours_rates(function, pairs):
    return [function(r, h) for r, h in pairs]


def library_rates(pairs):
    import Levenshtein

    return [Levenshtein.distance(r, h) / len(r) for r, h in pairs]


PAIRS: list[Pair] = [
    Pair(DAY02, "number_to_words", "num2words.num2words (hyphens and commas removed)", "2,000 integers of 1-9 digits",
         integers, library_numbers, call_ours=ours_numbers),
    Pair(DAY02, "ordinal_to_words", "num2words.num2words(to='ordinal')", "1,000 ordinals of 1-9 digits",
         ordinal_tokens, library_ordinals, call_ours=ours_numbers),
    Pair(DAY02, "phoneme_error_rate", "Levenshtein.distance / reference length",
         "2,000 cmudict pronunciations against corrupted copies", pronunciation_pairs, library_rates,
         call_ours=ours_rates, agree=within(1e-12)),
]
