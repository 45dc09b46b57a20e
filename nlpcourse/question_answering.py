"""Question answering over real news text for week 9's retrieval and RAG notebook.

- :func:`documents`: the first :data:`N_DOCUMENTS` articles of gensim's Lee background corpus
  (real ABC news, 2001-2002; ships with gensim, no download), one str each.
- :func:`questions`: 41 hand-written questions about those articles (``corpora/lee_questions``,
  see its DATASHEET.md), each with the index of the article that answers it and a short answer
  that occurs verbatim in that article.
- :func:`words`: lower-case word tokens (letters and digits), the tokeniser of the sparse retriever.
- :func:`sentence_vectors`: cached MiniLM sentence vectors (unit length, width 384), the same
  encoder and cache as ``image_text.caption_vectors``.
- :func:`recognise`: pocketsphinx transcripts of espeak-ng utterances (resampled to 16 kHz, with a
  faint seeded noise floor), with its general English language model or another one, cached by
  the audio's content.
- :func:`collection_language_model` / :func:`language_model_arpa`: a bigram language model of the
  article collection (absolute discounting, ARPA format), to adapt the recogniser to the topics
  and names it will be asked about.
- :func:`extract_answer`: a small extractive reader: the sentence of the retrieved passages that
  shares the most question words, then the name or number in it closest to those words.

What it does not do: chunking, BM25, ranking, rank fusion or the metrics (the notebook writes
those), or any generative reader.
"""

from __future__ import annotations

import csv
import dataclasses
import hashlib
import json
import math
import re
from collections import Counter
from pathlib import Path

import numpy as np

from nlpcourse import data, pretrained

N_DOCUMENTS = 100
QUESTIONS_FILE = Path(__file__).parent / "corpora" / "lee_questions" / "questions.tsv"
RECOGNISER_RATE = 16000  # Hz: what pocketsphinx's English model expects
NOISE_LEVEL = 0.01  # standard deviation of the noise floor added before recognition
# pocketsphinx's beams, somewhat narrower than its defaults (1e-48, 7e-29, 1e-48, 30000): about half
# the decoding time on two cores, for a word error rate within a few points of the defaults'
DECODER_SETTINGS = {"beam": 1e-35, "wbeam": 1e-22, "pbeam": 1e-35, "maxhmmpf": 5000}
# Words a question starts with, added to the collection's language model: news articles rarely ask.
QUESTION_OPENERS = ("which", "what", "who", "how many", "how much", "where", "when", "how", "did", "was",
                    "were", "in which", "on which", "at which", "for which", "what was", "who was")
LM_DISCOUNT = 0.75  # absolute discount of the collection's bigram counts
STOPWORDS = frozenset(
    "a an the of in on at to for from by with and or is are was were be been has have had do does did "
    "what which who whom whose where when why how many much that this these those it its his her their "
    "he she they them as into about after before over under than".split())
NUMBER_WORDS = frozenset(
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred hundreds "
    "thousand thousands million".split())


@dataclasses.dataclass(frozen=True)
class Question:
    document: int  # index into documents()
    question: str
    answer: str  # occurs verbatim in documents()[document]


def documents() -> list[str]:
    """The first N_DOCUMENTS articles of the Lee background corpus."""
    return data.lee_corpus()[:N_DOCUMENTS]


def questions() -> list[Question]:
    """The hand-written questions, in file order."""
    with open(QUESTIONS_FILE, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    return [Question(int(row["document"]), row["question"], row["answer"]) for row in rows]


def words(text: str) -> list[str]:
    """Lower-case runs of letters and digits: "Hill Top's 2,000" -> ['hill', 'top', 's', '2', '000']."""
    return re.findall(r"[a-z0-9]+", text.lower())


def sentence_vectors(texts) -> np.ndarray:
    """(len(texts), 384) float32 unit MiniLM vectors, cached on disk by content."""
    from nlpcourse.image_text import caption_vectors

    return caption_vectors(texts)


def _pcm16(samples: np.ndarray, sample_rate: int, seed: int) -> bytes:
    import librosa

    at_16k = librosa.resample(np.asarray(samples, dtype=np.float32), orig_sr=sample_rate, target_sr=RECOGNISER_RATE)
    noisy = at_16k + NOISE_LEVEL * np.random.default_rng(seed).normal(size=len(at_16k)).astype(np.float32)
    return (np.clip(noisy, -1.0, 1.0) * 32767).astype(np.int16).tobytes()                 # 16-bit samples


def _dictionary_words() -> set[str]:
    """The words pocketsphinx's English dictionary can pronounce (alternative pronunciations folded)."""
    from pocketsphinx import get_model_path

    path = Path(get_model_path()) / "en-us" / "cmudict-en-us.dict"
    with open(path, encoding="utf-8") as handle:
        return {re.sub(r"\(\d+\)$", "", line.split(" ", 1)[0]) for line in handle if line.strip()}


def language_model_arpa(texts, known_words=None, discount: float = LM_DISCOUNT) -> str:
    """A bigram language model of ``texts`` in ARPA format (the text format recognisers read).

    Sentences are split at . ! ? and lower-cased into words (letters, digits, apostrophes); words
    outside ``known_words`` (when given) are dropped, since a recogniser cannot say a word it cannot
    pronounce. Estimation: absolute discounting of the bigram counts, interpolated with an add-0.1
    unigram, written as a back-off model: a seen bigram gets
    ``(c(h, w) - D) / c(h) + lambda(h) p(w)`` and an unseen one ``lambda(h) p(w)``, with the back-off
    weight ``lambda(h) = D * (number of words seen after h) / c(h)``, so every history's
    probabilities add up to 1."""
    sentences = []
    for text in texts:
        for sentence in re.split(r"(?<=[.!?])\s+", text):
            tokens = [token for token in re.findall(r"[a-z0-9']+", sentence.lower())
                      if known_words is None or token in known_words]
            if tokens:
                sentences.append(["<s>", *tokens, "</s>"])
    if not sentences:
        raise ValueError("no words to build a language model from")
    unigrams, bigrams, histories = Counter(), Counter(), Counter()
    for tokens in sentences:
        unigrams.update(tokens[1:])
        for previous, word in zip(tokens, tokens[1:]):
            bigrams[(previous, word)] += 1
            histories[previous] += 1
    vocabulary = sorted(set(unigrams) | {"<s>"})
    total = sum(unigrams.values())
    unigram_p = {word: (unigrams[word] + 0.1) / (total + 0.1 * (len(vocabulary) - 1)) for word in vocabulary if word != "<s>"}
    followers = Counter(previous for previous, _ in bigrams)
    backoff = {history: discount * followers[history] / histories[history] for history in histories}
    lines = ["\\data\\", f"ngram 1={len(vocabulary)}", f"ngram 2={len(bigrams)}", "", "\\1-grams:"]
    for word in vocabulary:
        log_p = -99.0 if word == "<s>" else math.log10(unigram_p[word])    # <s> is only ever a history
        log_backoff = math.log10(backoff[word]) if word in backoff else 0.0
        lines.append(f"{log_p:.6f} {word} {log_backoff:.6f}")
    lines += ["", "\\2-grams:"]
    for (previous, word), count in sorted(bigrams.items()):
        probability = (count - discount) / histories[previous] + backoff[previous] * unigram_p[word]
        lines.append(f"{math.log10(probability):.6f} {previous} {word}")
    return "\n".join(lines + ["", "\\end\\", ""])


def collection_language_model(texts) -> Path:
    """The path of a cached ARPA bigram model of ``texts`` plus QUESTION_OPENERS, restricted to the
    words of pocketsphinx's dictionary (see :func:`language_model_arpa`)."""
    texts = [*texts, *(f"{opener}." for opener in QUESTION_OPENERS)]
    digest = hashlib.sha256(json.dumps([texts, LM_DISCOUNT]).encode()).hexdigest()[:20]
    folder = pretrained.cache_root() / "language_models" / digest
    path = folder / "collection.arpa"
    if not path.exists():
        arpa = language_model_arpa(texts, known_words=_dictionary_words())
        pretrained.write_cache_atomically(folder, lambda staging: (staging / "collection.arpa").write_text(arpa))
    return path


def recognise(utterances, language_model=None) -> list[str]:
    """pocketsphinx's transcript of each utterance ('' when it hears nothing).

    ``language_model``: None for pocketsphinx's general English model, or the path of an ARPA
    file (e.g. :func:`collection_language_model`). Each waveform is resampled to 16 kHz and gets
    white noise of standard deviation NOISE_LEVEL (seeded by its position): espeak-ng's exact
    digital silence otherwise confuses the recogniser. The decoder uses DECODER_SETTINGS; the
    transcripts are cached by the audio, the settings and the language model's content."""
    utterances = list(utterances)
    model_text = Path(language_model).read_text(encoding="utf-8") if language_model is not None else None
    digest = hashlib.sha256(json.dumps([NOISE_LEVEL, RECOGNISER_RATE, DECODER_SETTINGS, model_text]).encode())
    for utterance in utterances:
        digest.update(np.ascontiguousarray(utterance.audio, dtype=np.float32).tobytes())
        digest.update(str(utterance.sample_rate).encode())
    folder = pretrained.cache_root() / "transcripts" / digest.hexdigest()[:20]
    stored = folder / "transcripts.json"
    if stored.exists():
        return json.loads(stored.read_text(encoding="utf-8"))
    from pocketsphinx import Decoder
    from tqdm.auto import tqdm

    extra = {"lm": str(language_model)} if language_model is not None else {}
    decoder = Decoder(samprate=RECOGNISER_RATE, loglevel="FATAL", **DECODER_SETTINGS, **extra)
    transcripts = []
    for position, utterance in enumerate(tqdm(utterances, desc="recognising", leave=False)):
        decoder.start_utt()
        decoder.process_raw(_pcm16(utterance.audio, utterance.sample_rate, position), full_utt=True)
        decoder.end_utt()
        hypothesis = decoder.hyp()
        transcripts.append(hypothesis.hypstr if hypothesis is not None else "")
    pretrained.write_cache_atomically(
        folder, lambda staging: (staging / "transcripts.json").write_text(json.dumps(transcripts), encoding="utf-8"))
    return transcripts


def _sentences(passage: str) -> list[str]:
    return [part for part in re.split(r"(?<=[.!?\"])\s+(?=[A-Z\"])", passage) if part.strip()]


def _is_number(token: str) -> bool:
    return token[0].isdigit() or token.lower() in NUMBER_WORDS


def extract_answer(question: str, passages: list[str]) -> str:
    """A short span of ``passages`` (best first) that answers ``question``; '' if there are none.

    1. Every sentence is scored by the question words (not stop words) it contains, each weighted
       by how rare it is among the sentences; ties go to the earlier passage.
    2. In the best sentences, candidates are runs of capitalised words or numbers that are not
       question words ("how many" questions take numbers only); the answer is the candidate
       nearest to a question word, checked sentence by sentence until one has a candidate."""
    asked = [word for word in words(question) if word not in STOPWORDS]
    wants_number = bool(re.match(r"\s*how (many|much)", question.lower()))
    sentences = [sentence for passage in passages for sentence in _sentences(passage)]
    if not sentences:
        return ""
    sentence_words = [set(words(sentence)) for sentence in sentences]
    weight = {word: np.log(1 + len(sentences) / (1 + sum(word in seen for seen in sentence_words))) for word in asked}
    scores = [sum(weight[word] for word in set(asked) if word in seen) for seen in sentence_words]
    order = sorted(range(len(sentences)), key=lambda index: (-scores[index], index))
    for index in order[:5]:
        tokens = re.findall(r"[\w$'-]+", sentences[index])
        matched = [position for position, token in enumerate(tokens) if token.lower() in weight]
        candidates, run = [], []
        for position, token in enumerate(tokens + ["."]):
            keep = token.lower() not in weight and token.lower() not in STOPWORDS and (
                _is_number(token) if wants_number else (token[0].isupper() or token[0].isdigit()))
            if keep:
                run.append((position, token))
            elif run:
                candidates.append(run)
                run = []
        if candidates:
            def distance(span):
                if not matched:
                    return 0
                return min(abs(position - spot) for position, _ in span for spot in matched)
            best = min(candidates, key=lambda span: (distance(span), span[0][0]))
            return " ".join(token for _, token in best)
    return ""
