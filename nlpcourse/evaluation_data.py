"""Test sentences for studying text-generation metrics (week 6, day 6): real references and
rule-made "system outputs" whose relation to the reference is known.

- :func:`reference_sentences`: real sentences of the Lee news corpus (held-out articles by
  default), as plain strings with their punctuation.
- :func:`paraphrase`: one rewrite of a sentence by a fixed rule (``RULES``): an exact copy, words
  replaced by synonyms from a small hand-written table, the two halves swapped, the words
  shuffled, the second half cut off, or a negation inserted. Each rule changes the surface form
  and the meaning in a known way, so a metric's score can be set against what happened to the
  meaning.
- :func:`paraphrase_table`: every rule applied to each of several reference sentences.

What it does not do: compute any metric (the notebook's exercises do), produce fluent or
grammatical paraphrases (the rules are deliberately mechanical), or need a network.
"""

from __future__ import annotations

import re

import numpy as np

# A small, hand-written table of near-synonyms for common words of news text (lower case).
SYNONYMS = {
    "said": "stated", "says": "states", "told": "informed", "killed": "slain", "injured": "wounded",
    "people": "persons", "officials": "authorities", "government": "administration", "minister": "secretary",
    "army": "military", "attack": "assault", "attacks": "assaults", "expected": "anticipated",
    "announcement": "statement", "meeting": "gathering", "new": "fresh", "leader": "chief", "big": "large",
    "large": "big", "high": "elevated", "start": "begin", "started": "began", "help": "assist",
    "trying": "attempting", "tried": "attempted", "wants": "desires", "called": "labelled", "company": "firm",
    "companies": "firms", "warned": "cautioned", "serious": "grave", "ahead": "in front", "show": "indicate",
    "shows": "indicates", "signs": "indications", "recovery": "rebound", "increase": "rise", "rise": "increase",
    "children": "kids", "car": "automobile", "buy": "purchase", "bought": "purchased", "end": "finish",
    "week": "seven days", "today": "this day", "yesterday": "the day before", "fire": "blaze", "fires": "blazes",
    "quickly": "rapidly", "near": "close to", "around": "about", "about": "around", "before": "prior to",
    "after": "following", "also": "too", "more": "additional", "many": "numerous", "set": "poised",
    "would": "could", "will": "shall", "police": "officers", "team": "side", "match": "game",
}

AUXILIARIES = ("is", "was", "are", "were", "will", "would", "can", "could", "has", "have", "had", "should", "must")

# Capitalised only because they start the sentence: lower-cased when "It is not true that" goes in front.
_SENTENCE_STARTERS = {"The", "A", "An", "This", "That", "These", "Those", "There", "It", "Its", "He", "She", "They",
                      "We", "His", "Her", "Their", "Our", "In", "On", "At", "For", "But", "And", "If", "When"}

RULES = ("copy", "synonyms", "halves_swapped", "shuffled", "truncated", "negated")

# What each rule does to the meaning, for tables and plots.
MEANING = {"copy": "same", "synonyms": "same", "halves_swapped": "garbled", "shuffled": "lost",
           "truncated": "half lost", "negated": "reversed"}


def reference_sentences(count: int = 40, min_words: int = 12, max_words: int = 22, split: str = "test") -> list[str]:
    """The first ``count`` sentences of the Lee corpus articles of ``split`` (``"train"``: the first
    250, ``"test"``: the last 50) with ``min_words`` to ``max_words`` white-space separated words,
    in corpus order. Sentences end at ``.``, ``!`` or ``?`` followed by white space; ones that
    start with a quotation mark are skipped (their quotes are often unbalanced)."""
    from nlpcourse.data import lee_corpus

    articles = lee_corpus()
    chosen = {"train": articles[:250], "test": articles[250:]}.get(split)
    if chosen is None:
        raise ValueError(f"split must be 'train' or 'test', not {split!r}")
    sentences = []
    for article in chosen:
        for sentence in re.split(r"(?<=[.!?])\s+", article):
            words = sentence.split()
            if min_words <= len(words) <= max_words and not sentence.startswith('"'):
                sentences.append(sentence)
                if len(sentences) == count:
                    return sentences
    return sentences


def _split_final_punctuation(sentence: str) -> tuple[list[str], str]:
    """(words without the sentence's final '.', '!' or '?', that mark or '')."""
    sentence = sentence.strip()
    end = sentence[-1] if sentence and sentence[-1] in ".!?" else ""
    return (sentence[:-1] if end else sentence).split(), end


def _with_synonyms(words: list[str]) -> list[str]:
    replaced = []
    for word in words:
        core = word.rstrip(",;:")
        tail = word[len(core):]
        synonym = SYNONYMS.get(core.lower())
        if synonym is None:
            replaced.append(word)
        else:
            replaced.append((synonym[0].upper() + synonym[1:] if core[:1].isupper() else synonym) + tail)
    return replaced


def _negated(words: list[str]) -> list[str]:
    for position, word in enumerate(words):
        if word.lower() in AUXILIARIES:
            if position + 1 < len(words) and words[position + 1].lower() == "not":  # already negative: remove it
                return words[:position + 1] + words[position + 2:]
            return words[:position + 1] + ["not"] + words[position + 1:]
    first = words[0].lower() if words and words[0] in _SENTENCE_STARTERS else words[0]
    return ["It", "is", "not", "true", "that", first] + words[1:]


def paraphrase(sentence: str, rule: str, seed: int = 0) -> str:
    """``sentence`` rewritten by ``rule`` (one of ``RULES``); the final punctuation mark is kept.

    - ``copy``: the sentence unchanged;
    - ``synonyms``: every word found in ``SYNONYMS`` replaced (case of the first letter kept);
    - ``halves_swapped``: the second half of the words first, then the first half;
    - ``shuffled``: the words in a random order drawn from ``seed``;
    - ``truncated``: only the first half of the words (rounded up);
    - ``negated``: "not" inserted after the first auxiliary verb (or removed if one follows it), or
      "It is not true that" put in front when there is no auxiliary.
    """
    words, end = _split_final_punctuation(sentence)
    if rule == "copy":
        new_words = words
    elif rule == "synonyms":
        new_words = _with_synonyms(words)
    elif rule == "halves_swapped":
        middle = len(words) // 2
        new_words = words[middle:] + words[:middle]
    elif rule == "shuffled":
        order = np.random.default_rng(seed).permutation(len(words))
        new_words = [words[i] for i in order]
    elif rule == "truncated":
        new_words = words[:(len(words) + 1) // 2]
    elif rule == "negated":
        new_words = _negated(words)
    else:
        raise ValueError(f"rule must be one of {RULES}, not {rule!r}")
    return " ".join(new_words) + end


def paraphrase_table(sentences: list[str], rules: tuple[str, ...] = RULES, seed: int = 0) -> list[dict[str, str]]:
    """One dict per sentence: ``{"reference": sentence, rule: paraphrase(sentence, rule, seed + k), ...}``
    (sentence ``k`` shuffles with ``seed + k``)."""
    return [{"reference": sentence, **{rule: paraphrase(sentence, rule, seed + k) for rule in rules}}
            for k, sentence in enumerate(sentences)]
