"""The small pre-trained policies that week 7 improves with reinforcement learning, and their tasks.

Two causal LMs, each pre-trained once from a fixed seed and cached on disk (``pretrained.cache_root()``,
written with ``pretrained.write_cache_atomically``; later calls load a fresh copy in well under a
second, so RL on one copy leaves the others as they were):

- :func:`arithmetic_policy`: a tiny character-level GPT-2 that answers two-digit additions, prompt
  ``"07+35="``, answer ``"042"`` (always three digits, so every prompt and every answer has the same
  length and nothing needs padding). Its pre-training corpus (:func:`noisy_sums`) has a systematic
  mistake: when a sum needs a carry, the answer is written with the carry forgotten 60% of the
  time (``07+35=032``). The policy therefore samples the right answer only some of the time on
  carry problems and almost always on the others: a verifier (:func:`sum_is_correct`) can reward
  it, and RL has something real to fix. :func:`carries` is the difficulty of a prompt.
- :func:`review_policy`: a tiny word-level GPT-2 pre-trained on the movie-review sentences (four of
  every five; every fifth is held out), whose prompts are the first two words of a sentence
  (:func:`review_prompts`). :func:`vader_judge` scores texts with VADER's real sentiment lexicon:
  the "AI judge" of RLAIF.

:func:`sample_completions` draws completions from either policy with a seeded generator, and
:func:`decode_reviews` turns word ids back into text.

What it does not do: compute log-probabilities, advantages or losses (the notebooks' exercises do),
train with RL, or download anything. The full-size setting of the notebooks trains longer with
bigger groups; it uses the same policies.
"""

from __future__ import annotations

import functools
import json
import random
from collections import Counter
from pathlib import Path

ARITHMETIC_CHARACTERS = "0123456789+="
ARITHMETIC_PROMPT_LENGTH = 6   # "07+35="
ARITHMETIC_ANSWER_LENGTH = 3   # "042"
P_CARRY_FORGOTTEN = 0.6        # how often the pre-training corpus forgets a carry

# The pre-training recipes; changing any value changes the cache folder.
ARITHMETIC_RECIPE = {"n_embd": 64, "n_layer": 2, "n_head": 4, "n_positions": 16, "copies": 4,
                     "p_carry_forgotten": P_CARRY_FORGOTTEN, "steps": 1500, "batch_size": 64,
                     "learning_rate": 3e-3, "seed": 0, "held_out": "2000 random pairs, seed 0"}
REVIEW_RECIPE = {"n_embd": 64, "n_layer": 2, "n_head": 4, "n_positions": 32, "length": 24, "steps": 300,
                 "batch_size": 32, "learning_rate": 3e-3, "seed": 0}


# --------------------------------------------------------------------------- the arithmetic task

def carries(a: int, b: int) -> int:
    """How many carries the column addition of two numbers in 0..99 makes (0, 1 or 2)."""
    units_carry = int(a % 10 + b % 10 >= 10)
    tens_carry = int(a // 10 + b // 10 + units_carry >= 10)
    return units_carry + tens_carry


def sum_without_carries(a: int, b: int) -> int:
    """The mistake the pre-training corpus makes: each column added modulo 10, carries dropped."""
    return (a % 10 + b % 10) % 10 + 10 * ((a // 10 + b // 10) % 10)


def arithmetic_prompt(a: int, b: int) -> str:
    """``"07+35="`` for (7, 35)."""
    return f"{a:02d}+{b:02d}="


def arithmetic_answer(a: int, b: int) -> str:
    """The right answer, three digits: ``"042"`` for (7, 35)."""
    return f"{a + b:03d}"


def arithmetic_pairs(split: str = "train") -> list[tuple[int, int]]:
    """The operand pairs (a, b), 0 <= a, b <= 99, of one split, in order: ``"test"`` holds 2,000
    pairs drawn at random (seed 0), ``"train"`` the other 8,000. The policy never sees a test pair in
    pre-training, and RL should not train on them either. (A rule such as ``(31a + b) % 5 == 0``
    would not do: it ties b's last digit to a's, so some column sums would never be seen.)"""
    if split not in ("train", "test"):
        raise ValueError(f"split must be 'train' or 'test', not {split!r}")
    pairs = [(a, b) for a in range(100) for b in range(100)]
    held_out = set(random.Random(0).sample(pairs, 2000))
    return [pair for pair in pairs if (pair in held_out) == (split == "test")]


def sum_is_correct(prompt: str, completion: str) -> bool:
    """The verifier: does ``completion`` (three characters) answer ``prompt`` (``"07+35="``) exactly?"""
    a, b = int(prompt[0:2]), int(prompt[3:5])
    return completion == arithmetic_answer(a, b)


def noisy_sums(pairs, copies: int = 1, p_carry_forgotten: float = P_CARRY_FORGOTTEN, seed: int = 0) -> list[str]:
    """The pre-training corpus: ``copies`` lines ``"07+35=042"`` per pair, where a sum that needs a
    carry is written with :func:`sum_without_carries` with probability ``p_carry_forgotten``."""
    rng = random.Random(seed)
    lines = []
    for _ in range(copies):
        for a, b in pairs:
            answer = a + b
            if carries(a, b) and rng.random() < p_carry_forgotten:
                answer = sum_without_carries(a, b)
            lines.append(arithmetic_prompt(a, b) + f"{answer:03d}")
    return lines


def arithmetic_vocabulary():
    """The character vocabulary of the arithmetic policy (a ``causal_lm.CharVocabulary``: id 0 is
    ``<unk>``, then the digits, ``+`` and ``=``)."""
    from nlpcourse import causal_lm

    return causal_lm.CharVocabulary(ARITHMETIC_CHARACTERS)


def encode_prompts(vocabulary, prompts) -> "torch.Tensor":
    """int64 (n, prompt length) ids of equal-length text prompts."""
    import torch

    encoded = [vocabulary.encode(prompt) for prompt in prompts]
    if len({len(ids) for ids in encoded}) > 1:
        raise ValueError("prompts must all have the same length")
    return torch.tensor(encoded, dtype=torch.long)


# --------------------------------------------------------------------------- the review task

class WordVocabulary:
    """Words <-> ids: 0 ``<pad>``, 1 ``<bos>``, 2 ``<eos>``, then the words, most frequent first
    (ties in alphabetical order). Unknown words raise ``KeyError`` (the policy's prompts come from
    the corpus that built it)."""

    pad_id, bos_id, eos_id = 0, 1, 2

    def __init__(self, words):
        self.tokens: list[str] = ["<pad>", "<bos>", "<eos>"]
        for word in words:
            if word not in self.tokens:
                self.tokens.append(word)
        self.ids = {token: i for i, token in enumerate(self.tokens)}

    @classmethod
    def from_sentences(cls, sentences) -> "WordVocabulary":
        counts = Counter(word for sentence in sentences for word in sentence)
        return cls(sorted(counts, key=lambda word: (-counts[word], word)))

    def __len__(self) -> int:
        return len(self.tokens)

    def encode(self, words) -> list[int]:
        return [self.ids[word] for word in words]

    def decode(self, ids) -> list[str]:
        return [self.tokens[int(i)] for i in ids]

    def __repr__(self) -> str:
        return f"WordVocabulary({len(self)} ids)"


def review_sentences(split: str = "train") -> list[list[str]]:
    """The movie-review sentences (both of ``data.movie_reviews``' splits, 400 in all), lower-cased
    and split on spaces; sentence i is in ``"test"`` when ``i % 5 == 4`` and in ``"train"`` otherwise."""
    from nlpcourse import data

    if split not in ("train", "test"):
        raise ValueError(f"split must be 'train' or 'test', not {split!r}")
    sentences = [text.lower().split() for part in ("train", "test") for text in data.movie_reviews(split=part).texts]
    return [sentence for i, sentence in enumerate(sentences) if (i % 5 == 4) == (split == "test")]


def review_vocabulary() -> WordVocabulary:
    """Every word of the 400 review sentences (so held-out prompts have no unknown word)."""
    return WordVocabulary.from_sentences(review_sentences("train") + review_sentences("test"))


def review_prompts(split: str = "test", words: int = 2) -> list[list[str]]:
    """The first ``words`` words of each sentence of ``split`` that has more than ``words`` words."""
    return [sentence[:words] for sentence in review_sentences(split) if len(sentence) > words]


def encode_review_prompts(vocabulary: WordVocabulary, prompts) -> "torch.Tensor":
    """int64 (n, 1 + words): ``<bos>`` then the prompt's word ids (prompts of equal length)."""
    import torch

    if len({len(prompt) for prompt in prompts}) > 1:
        raise ValueError("prompts must all have the same number of words")
    return torch.tensor([[vocabulary.bos_id] + vocabulary.encode(prompt) for prompt in prompts], dtype=torch.long)


def decode_reviews(vocabulary: WordVocabulary, ids) -> list[str]:
    """Text of each row of ``ids`` (int64, (n, length)): ``<bos>`` and ``<pad>`` left out, cut at the
    first ``<eos>``."""
    texts = []
    for row in ids.tolist():
        words = []
        for i in row:
            if i == vocabulary.eos_id:
                break
            if i not in (vocabulary.pad_id, vocabulary.bos_id):
                words.append(vocabulary.tokens[i])
        texts.append(" ".join(words))
    return texts


def vader_judge(texts) -> list[float]:
    """VADER's compound sentiment score of each text, in [-1, 1] (its real lexicon and rules; 0 for
    an empty text): the judge that labels the preferences in RLAIF."""
    analyser = _vader()
    return [float(analyser.polarity_scores(text)["compound"]) for text in texts]


@functools.lru_cache(maxsize=1)
def _vader():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


# --------------------------------------------------------------------------- sampling

def sample_completions(model, prompt_ids, new_tokens: int, temperature: float = 1.0, generator=None,
                       stop_id: int | None = None, pad_id: int = 0):
    """Sample ``new_tokens`` ids after each row of ``prompt_ids`` (int64, (n, P)) from ``model`` at
    ``temperature`` (0 means greedy), with ``generator`` (a seeded ``torch.Generator``) for the draws.
    Once a row has produced ``stop_id``, its later positions are ``pad_id``. Returns int64
    (n, new_tokens), the completions only. The model is put in eval mode and no gradient is kept."""
    import torch

    if new_tokens < 1:
        raise ValueError("new_tokens must be at least 1")
    model.eval()
    sequences = prompt_ids
    finished = torch.zeros(len(prompt_ids), dtype=torch.bool)
    with torch.no_grad():
        past = None
        step_input = prompt_ids
        for _ in range(new_tokens):
            output = model(input_ids=step_input, past_key_values=past, use_cache=True)
            past = output.past_key_values
            next_logits = output.logits[:, -1, :]                                    # (n, vocab)
            if temperature == 0:
                chosen = next_logits.argmax(dim=-1)
            else:
                weights = torch.softmax(next_logits / temperature, dim=-1)
                chosen = torch.multinomial(weights, 1, generator=generator).squeeze(1)
            chosen = torch.where(finished, torch.full_like(chosen, pad_id), chosen)
            if stop_id is not None:
                finished = finished | (chosen == stop_id)
            sequences = torch.cat([sequences, chosen[:, None]], dim=1)
            step_input = chosen[:, None]
    return sequences[:, prompt_ids.shape[1]:]


# --------------------------------------------------------------------------- pre-training and caching

def _tiny_gpt(vocab_size: int, recipe: dict):
    from nlpcourse import causal_lm

    model = causal_lm.tiny_gpt2(vocab_size, n_positions=recipe["n_positions"], n_embd=recipe["n_embd"],
                                n_layer=recipe["n_layer"], n_head=recipe["n_head"], dropout=0.0, seed=recipe["seed"])
    model.config.pad_token_id = None  # no id is padding for transformers' checks (rows never mix lengths)
    return model


def _pretrain(model, rows, recipe: dict, progress: bool, description: str, loss_of_batch=None):
    from nlpcourse import causal_lm, environment

    with environment.one_thread():
        causal_lm.train_causal_lm(model, rows, recipe["steps"], batch_size=recipe["batch_size"],
                                  learning_rate=recipe["learning_rate"], seed=recipe["seed"], progress=progress,
                                  description=description, loss_of_batch=loss_of_batch)
    return model.eval()


def _cached_model(name: str, recipe: dict, vocab_size: int, train):
    """Load the model of ``recipe`` from the cache, or build it with ``train()`` and cache it."""
    import torch

    from nlpcourse import pretrained

    folder = pretrained.recipe_cache_folder(name, recipe)
    if (folder / "model.pt").exists():
        model = _tiny_gpt(vocab_size, recipe)
        try:
            model.load_state_dict(torch.load(folder / "model.pt", map_location="cpu", weights_only=True))
            return model.eval()
        except (OSError, RuntimeError, ValueError):  # a damaged cache: train again
            pass
    model = train()

    def write(staging: Path) -> None:
        torch.save(model.state_dict(), staging / "model.pt")
        (staging / "recipe.json").write_text(json.dumps(recipe), encoding="utf-8")

    pretrained.write_cache_atomically(folder, write)
    return model


def arithmetic_policy(progress: bool = True):
    """(vocabulary, model): a ``GPT2LMHeadModel`` (2 layers, width 64, 4 heads, about 100k parameters)
    pre-trained for 1,500 AdamW steps on :func:`noisy_sums` of the training pairs (4 copies), in eval
    mode on the CPU. The first call trains it (about 20 s) and caches it; later calls load a copy."""
    vocabulary = arithmetic_vocabulary()
    recipe = ARITHMETIC_RECIPE

    def train():
        lines = noisy_sums(arithmetic_pairs("train"), copies=recipe["copies"],
                           p_carry_forgotten=recipe["p_carry_forgotten"], seed=recipe["seed"])
        rows = encode_prompts(vocabulary, lines)                                      # (32000, 9)
        return _pretrain(_tiny_gpt(len(vocabulary), recipe), rows, recipe, progress,
                         "pre-training the arithmetic policy")

    return vocabulary, _cached_model("arithmetic-gpt", recipe, len(vocabulary), train)


def _review_rows(vocabulary: WordVocabulary, sentences, length: int):
    """int64 (n, length): ``<bos>`` sentence ``<eos>``, cut to ``length`` and padded with ``<pad>``."""
    import torch

    rows = []
    for sentence in sentences:
        ids = ([vocabulary.bos_id] + vocabulary.encode(sentence))[:length - 1] + [vocabulary.eos_id]
        rows.append(ids + [vocabulary.pad_id] * (length - len(ids)))
    return torch.tensor(rows, dtype=torch.long)


def review_policy(progress: bool = True):
    """(vocabulary, model): a word-level ``GPT2LMHeadModel`` (2 layers, width 64, 4 heads) pre-trained
    for 300 AdamW steps on the training review sentences (``<bos>`` words ``<eos>``, padding left out
    of the loss), in eval mode on the CPU. Cached like :func:`arithmetic_policy`."""
    vocabulary = review_vocabulary()
    recipe = REVIEW_RECIPE

    def padded_loss(model, batch):
        labels = batch.masked_fill(batch == vocabulary.pad_id, -100)
        return model(input_ids=batch, labels=labels).loss

    def train():
        rows = _review_rows(vocabulary, review_sentences("train"), recipe["length"])  # (320, 24)
        return _pretrain(_tiny_gpt(len(vocabulary), recipe), rows, recipe, progress,
                         "pre-training the review policy", loss_of_batch=padded_loss)

    return vocabulary, _cached_model("review-gpt", recipe, len(vocabulary), train)


def preference_pairs(vocabulary: WordVocabulary, model, prompts, new_tokens: int = 14, seed: int = 0,
                     judge=vader_judge) -> dict:
    """RLAIF's labelling step: two completions sampled (T=1, ``seed``) after each prompt (lists of
    words), scored by ``judge`` on the prompt plus completion; the higher-scored one is "chosen".
    Prompts whose two completions score equally are left out. Returns a dict of equal-length
    entries: ``prompt_ids`` (n, 1 + words), ``chosen_ids`` and ``rejected_ids`` (n, new_tokens,
    ``<pad>`` after ``<eos>``), ``chosen_scores`` and ``rejected_scores`` (n,) float32, and
    ``chosen_texts`` / ``rejected_texts`` (lists of str)."""
    import torch

    prompt_ids = encode_review_prompts(vocabulary, prompts)                            # (n, 1 + words)
    generator = torch.Generator().manual_seed(seed)
    first = sample_completions(model, prompt_ids, new_tokens, generator=generator, stop_id=vocabulary.eos_id)
    second = sample_completions(model, prompt_ids, new_tokens, generator=generator, stop_id=vocabulary.eos_id)
    texts = [decode_reviews(vocabulary, torch.cat([prompt_ids, part], dim=1)) for part in (first, second)]
    scores = [torch.tensor(judge(part), dtype=torch.float32) for part in texts]
    keep = scores[0] != scores[1]                                                      # ties say nothing
    first_wins = scores[0] > scores[1]
    chosen = torch.where(first_wins[:, None], first, second)[keep]
    rejected = torch.where(first_wins[:, None], second, first)[keep]
    rows = keep.nonzero().flatten().tolist()
    return {
        "prompt_ids": prompt_ids[keep],
        "chosen_ids": chosen,
        "rejected_ids": rejected,
        "chosen_scores": torch.maximum(scores[0], scores[1])[keep],
        "rejected_scores": torch.minimum(scores[0], scores[1])[keep],
        "chosen_texts": [texts[0][i] if first_wins[i] else texts[1][i] for i in rows],
        "rejected_texts": [texts[1][i] if first_wins[i] else texts[0][i] for i in rows],
    }
