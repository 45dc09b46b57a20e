"""Unit tests of nlpcourse.bpe against the tokenizers and transformers libraries."""

from __future__ import annotations

import regex

from nlpcourse import bpe


def test_byte_table_is_gpt2s():
    from transformers.convert_slow_tokenizer import bytes_to_unicode

    table = bpe.byte_to_unicode()
    assert table == bytes_to_unicode()
    assert len(set(table.values())) == 256 and table[32] == "Ġ" and table[10] == "Ċ" and table[65] == "A"
    table[0] = "changed"
    assert bpe.byte_to_unicode()[0] != "changed", "every call returns a fresh dict"


def test_split_pattern_and_table_reproduce_the_library_pre_tokenizer():
    from tokenizers import pre_tokenizers

    splitter = pre_tokenizers.ByteLevel(add_prefix_space=False)
    table = bpe.byte_to_unicode()
    texts = bpe.lee_articles("test")[:20] + ["It's  2024,\n\nwe'll see: café 東京 🙂 x\u00a0y\t"]
    for text in texts:
        ours = ["".join(table[b] for b in piece.encode("utf-8")) for piece in regex.findall(bpe.SPLIT_PATTERN, text)]
        assert ours == [piece for piece, _ in splitter.pre_tokenize_str(text)]


def test_lee_articles_split():
    train, test, every = bpe.lee_articles("train"), bpe.lee_articles("test"), bpe.lee_articles("all")
    assert len(train) == 250 and len(test) == 50 and train + test == every
    assert any(character.isupper() for character in train[0]), "not lower-cased"
    try:
        bpe.lee_articles("dev")
    except ValueError:
        pass
    else:
        raise AssertionError("an unknown split must raise ValueError")


def test_library_bpe_vocabulary_and_merges():
    tokenizer = bpe.library_bpe([" banana"] * 3 + [" band"] * 2 + [" ban"] * 4, vocab_size=260)
    assert tokenizer.get_vocab_size() == 260
    assert bpe.merges_of(tokenizer) == [("a", "n"), ("b", "an"), ("Ġ", "ban"), ("an", "a")]
    # the 256 byte symbols take the ids 0..255 in code-point order, whatever the corpus uses
    assert [tokenizer.token_to_id(symbol) for symbol in sorted(bpe.byte_to_unicode().values())] == list(range(256))
    assert tokenizer.decode(tokenizer.encode(" bandana café").ids) == " bandana café"


def test_library_bpe_min_frequency_stops_early():
    tokenizer = bpe.library_bpe(["ab cd ab"], vocab_size=300, min_frequency=2)
    assert bpe.merges_of(tokenizer) == [("a", "b")]


def test_merges_of_reads_a_transformers_fast_tokenizer():
    from transformers import PreTrainedTokenizerFast

    tokenizer = bpe.library_bpe(["low lower lowest"] * 3, vocab_size=262)
    wrapped = PreTrainedTokenizerFast(tokenizer_object=tokenizer)
    assert bpe.merges_of(wrapped) == bpe.merges_of(tokenizer) and len(bpe.merges_of(tokenizer)) == 6


def test_word_count():
    assert bpe.word_count("a b  c\nd") == 4 and bpe.word_count(["a b", "c"]) == 3 and bpe.word_count("") == 0
