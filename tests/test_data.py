"""The offline data sets: loaders, the corpus generator, held-out splits (fast: no notebooks run)."""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter

import pytest

from conftest import REPO
from nlpcourse import data

TOPICS = {"sport", "business", "politics", "tech", "health"}
ENTITY_TYPES = {"PER", "ORG", "LOC", "MISC"}
GENERATED = ["nlpcourse/corpora/sms_spam/train.tsv", "nlpcourse/corpora/news_topics/train.tsv",
             "nlpcourse/corpora/ner/train.tsv", "autograder/heldout/sms_spam.tsv",
             "autograder/heldout/news_topics.tsv", "autograder/heldout/ner.tsv",
             "autograder/heldout/movie_reviews.tsv"]
SEEN_ENTITY_BOUND = 0.3  # at most this share of distinct held-out entity strings may occur in training


def entities(tokens: list[str], tags: list[str]) -> list[tuple[str, str]]:
    """(type, text) of each entity in one BIO-tagged sentence."""
    found, current = [], None
    for token, tag in zip(tokens, tags):
        if tag.startswith("B-"):
            current = [tag[2:], [token]]
            found.append(current)
        elif tag.startswith("I-") and current is not None and current[0] == tag[2:]:
            current[1].append(token)
        else:
            current = None
    return [(kind, " ".join(words)) for kind, words in found]


def assert_valid_bio(sentences: data.TaggedSentences) -> None:
    allowed = set(data.CONLL_TAGS)
    assert len(sentences.tokens) == len(sentences.tags)
    for tokens, tags in zip(sentences.tokens, sentences.tags):
        assert tokens and len(tokens) == len(tags), "every sentence is non-empty, one tag per token"
        assert all(token and not re.search(r"\s", token) for token in tokens), tokens
        assert set(tags) <= allowed, set(tags) - allowed
        for previous, tag in zip(["O", *tags], tags):
            if tag.startswith("I-"):
                assert previous[2:] == tag[2:], f"{tag} after {previous} in {tokens}"


def normalised(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9£$%]+", text.lower()))


# ------------------------------------------------------------------------- training splits (package)

def test_sms_spam_offline():
    sms = data.sms_spam()
    assert isinstance(sms, data.LabelledTexts) and len(sms) == 800 and len(sms.labels) == 800
    assert set(sms.labels) == {"ham", "spam"}
    assert 0.15 <= sms.labels.count("spam") / len(sms) <= 0.25
    assert all(isinstance(t, str) and t and t == t.strip() and "\t" not in t for t in sms.texts)
    assert len({normalised(t) for t in sms.texts}) == len(sms), "no duplicate messages"
    small = data.sms_spam(limit=50)
    assert len(small) == 50 and set(small.labels) == {"ham", "spam"}


def test_news_topics_offline():
    news = data.news_topics()
    assert len(news) == 750 and set(news.labels) == TOPICS
    assert set(Counter(news.labels).values()) == {150}, "balanced: 150 items per topic"
    assert len({normalised(t) for t in news.texts}) == len(news)
    assert len(data.news_topics(limit=100)) == 100


def test_ner_offline():
    ner = data.ner_sentences()
    assert isinstance(ner, data.TaggedSentences) and len(ner) == 600
    assert_valid_bio(ner)
    types = Counter(tag[2:] for tags in ner.tags for tag in tags if tag.startswith("B-"))
    assert set(types) == ENTITY_TYPES and min(types.values()) >= 100, types
    assert len(data.ner_sentences(limit=10)) == 10


def test_movie_reviews_offline_and_limit():
    reviews = data.movie_reviews()
    assert len(reviews) == 200 and Counter(reviews.labels) == {"pos": 100, "neg": 100}
    small = data.movie_reviews(limit=20)
    assert len(small) == 20 and set(small.labels) == {"pos", "neg"}, "a limited subset keeps both classes"
    positions = [reviews.texts.index(text) for text in small.texts]
    assert positions == sorted(positions), "the subset keeps the original order"


def test_glove_analogy():
    vectors = data.glove(vocabulary_size=50_000)
    assert vectors.vector_size == 50 and len(vectors.index_to_key) == 50_000
    best = [word for word, _ in vectors.most_similar(positive=["king", "woman"], negative=["man"], topn=3)]
    assert "queen" in best, best


# ------------------------------------------------------------------------- held-out splits

def test_heldout_splits():
    sms = data.heldout("sms_spam")
    assert len(sms) == 400 and set(sms.labels) == {"ham", "spam"}
    assert 0.15 <= sms.labels.count("spam") / len(sms) <= 0.25
    news = data.heldout("news_topics")
    assert len(news) == 375 and set(Counter(news.labels).values()) == {75} and set(news.labels) == TOPICS
    reviews = data.heldout("movie_reviews")
    assert len(reviews) == 120 and Counter(reviews.labels) == {"pos": 60, "neg": 60}
    ner = data.heldout("ner")
    assert len(ner) == 300
    assert_valid_bio(ner)


@pytest.mark.parametrize("name, train", [("sms_spam", data.sms_spam), ("news_topics", data.news_topics),
                                         ("movie_reviews", data.movie_reviews)])
def test_heldout_texts_are_not_in_training(name, train):
    seen = {normalised(text) for text in train().texts}
    heldout = data.heldout(name)
    assert not [t for t in heldout.texts if normalised(t) in seen]
    assert len({normalised(t) for t in heldout.texts}) == len(heldout), "no duplicates inside the held-out split"


def test_heldout_ner_names_are_mostly_new():
    train, heldout = data.ner_sentences(), data.heldout("ner")
    seen = {normalised(" ".join(tokens)) for tokens in train.tokens}
    assert not [t for t in heldout.tokens if normalised(" ".join(t)) in seen]
    train_entities = {e for tokens, tags in zip(train.tokens, train.tags) for e in entities(tokens, tags)}
    heldout_entities = {e for tokens, tags in zip(heldout.tokens, heldout.tags) for e in entities(tokens, tags)}
    share = len(heldout_entities & train_entities) / len(heldout_entities)
    assert share < SEEN_ENTITY_BOUND, f"{share:.0%} of held-out entity strings occur in training"


def test_heldout_errors_are_clear(tmp_path, monkeypatch):
    monkeypatch.delenv("NLPCOURSE_HELDOUT", raising=False)
    monkeypatch.chdir(tmp_path)
    with pytest.raises(FileNotFoundError, match="NLPCOURSE_HELDOUT"):
        data.heldout("sms_spam")
    monkeypatch.setenv("NLPCOURSE_HELDOUT", str(tmp_path))
    with pytest.raises(FileNotFoundError, match="sms_spam"):
        data.heldout("sms_spam")


# ------------------------------------------------------------------------- the generator

def test_make_corpora_is_deterministic(tmp_path):
    for out in (tmp_path / "a", tmp_path / "b"):
        subprocess.run([sys.executable, str(REPO / "autograder" / "make_corpora.py"), "--out", str(out)],
                       check=True, capture_output=True)
    for relative in GENERATED:
        first, second = (tmp_path / "a" / relative).read_bytes(), (tmp_path / "b" / relative).read_bytes()
        assert first == second, f"{relative} differs between two runs"
        assert first == (REPO / relative).read_bytes(), \
            f"{relative} is not what autograder/make_corpora.py writes: run it and commit the result"
    written = sorted(str(p.relative_to(tmp_path / "a")) for p in (tmp_path / "a").rglob("*") if p.is_file())
    assert written == sorted(GENERATED)


def test_every_corpus_has_a_datasheet():
    for folder in ("nlpcourse/corpora/sms_spam", "nlpcourse/corpora/news_topics", "nlpcourse/corpora/ner"):
        assert (REPO / folder / "DATASHEET.md").is_file(), folder
    assert (REPO / "autograder" / "heldout" / "README.md").is_file()


def test_lee_sentences_split_by_article_and_tokenised():
    train, test, both = (data.lee_sentences(split) for split in ("train", "test", "all"))
    assert len(train) + len(test) == len(both) and len(train) > 4 * len(test) > 0
    assert both[: len(train)] == train
    token = re.compile(r"[a-z0-9]+(?:'[a-z]+)*")
    assert all(sentence and all(token.fullmatch(word) for word in sentence) for sentence in both)
    assert ["israel", "launched"] == test[0][:2]  # the first of the 50 test articles
    with pytest.raises(ValueError, match="split"):
        data.lee_sentences("validation")


def test_lee_sentences_limit_and_online_without_limit():
    assert data.lee_sentences("train", limit=5) == data.lee_sentences("train")[:5]
    with pytest.raises(ValueError, match="limit"):
        data.lee_sentences("train", online=True)  # refused before anything is downloaded
