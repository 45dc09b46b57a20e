"""nlpcourse.pronunciation: the held-out split, the alignment and the letter-context fallback (a few seconds)."""

from __future__ import annotations

from nlpcourse import pronunciation


def test_entries_are_plain_words_without_stress_digits():
    entries = pronunciation.dictionary_entries()
    assert len(entries) > 100_000
    assert entries["hello"] == ("HH", "AH", "L", "OW")
    assert all(not symbol[-1].isdigit() for symbol in entries["pronunciation"])


def test_split_is_fixed_and_disjoint():
    training, testing = pronunciation.held_out_split(held_out=500, seed=3)
    again = pronunciation.held_out_split(held_out=500, seed=3)[1]
    assert len(testing) == 500 and testing == again
    assert not set(training) & set(testing)
    assert len(training) + len(testing) == len(pronunciation.dictionary_entries())


def test_alignment_pairs_every_letter_and_keeps_the_phonemes():
    entries = pronunciation.dictionary_entries()
    sample = {w: entries[w] for w in sorted(entries)[::50] + ["make", "box", "phone"]}
    aligned = dict(pronunciation.align(sample))
    assert len(aligned) > 0.95 * len(sample)
    for word, chunks in aligned.items():
        assert len(chunks) == len(word)
        assert " ".join(c for c in chunks if c).split() == list(sample[word])
    assert aligned["make"] == ["M", "EY", "K", ""], "the silent e of 'make' produces no phoneme"
    assert aligned["box"] == ["B", "AA", "K S"], "x produces two phonemes"


def test_fallback_beats_the_context_free_baseline():
    entries = pronunciation.dictionary_entries()
    words = sorted(entries)[::40]                                   # about 3,000 words
    train = {w: entries[w] for w in words[:2500]}
    test = {w: entries[w] for w in words[2500:]}
    aligned = pronunciation.align(train)
    model = pronunciation.LetterContextG2P().fit(aligned)
    baseline = pronunciation.LetterContextG2P(windows=((0, 0),)).fit(aligned)

    def errors(g2p):
        import Levenshtein
        return sum(Levenshtein.distance(list(p), g2p.predict(w)) for w, p in test.items()) / sum(map(len, test.values()))

    assert errors(model) < errors(baseline) - 0.05
    assert model.predict("cat") == ["K", "AE", "T"]


def test_espeak_names_map_to_arpabet():
    assert pronunciation.espeak_to_arpabet("h @ l 'oU  w '3: l d") == ["HH", "AH", "L", "OW", "W", "ER", "L", "D"]
    assert pronunciation.espeak_to_arpabet("tS 'e@ ; r") == ["CH", "EH", "R", "R"]
