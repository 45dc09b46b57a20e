"""Benchmark pairs for week06/day06_evaluating_llms.

Inputs are real: 200 held-out Lee news sentences (``nlpcourse.evaluation_data``), each with rule-made
rewrites as system outputs (synonyms for the first half, swapped halves for the second) and, for BLEU, two
references per sentence (the sentence and its first half). Tokens are white-space tokens.

1. ``clipped_ngram_counts`` for n = 1..4 on every sentence against ``nltk.translate.bleu_score.modified_precision``
   (its Fraction keeps the unreduced numerator and denominator).
2. ``brevity_penalty`` against sacrebleu's own closest-reference rule (``BLEU._get_closest_ref_len``) and formula.
3. ``corpus_bleu`` against ``sacrebleu.corpus_bleu(..., tokenize="none")``.
4. ``rouge_n`` (n = 2) and 5. ``rouge_l`` against ``rouge_score.rouge_scorer.RougeScorer`` (reference first,
   no stemmer), pair by pair.
6. ``sliding_window_perplexity`` (context 64, stride 32) on 1,024 tokens with a random seeded GPT-2 (vocabulary
   500, 2 layers of width 64) against the recipe of the Hugging Face guide "Perplexity of fixed-length models":
   the model's own loss with labels -100 at the tokens an earlier window scored, weighted by the scored count.
"""

from __future__ import annotations

import math

import numpy as np

from library_pairs import Pair, within

DAY06 = "week06_llms_and_finetuning/day06_evaluating_llms"
SENTENCES = 200


def bleu_corpus(rng: np.random.Generator) -> tuple:
    from nlpcourse import evaluation_data

    sentences = evaluation_data.reference_sentences(SENTENCES, min_words=8, max_words=40)
    half = len(sentences) // 2
    outputs = [evaluation_data.paraphrase(s, "synonyms") for s in sentences[:half]] + \
              [evaluation_data.paraphrase(s, "halves_swapped") for s in sentences[half:]]
    second = [evaluation_data.paraphrase(s, "truncated") for s in sentences]
    return ([o.split() for o in outputs], [[a.split(), b.split()] for a, b in zip(sentences, second)])


def text_pairs(rng: np.random.Generator) -> tuple:
    candidates, references = bleu_corpus(rng)
    return ([(" ".join(c), " ".join(refs[0])) for c, refs in zip(candidates, references)],)


def length_lists(rng: np.random.Generator) -> tuple:
    candidates, references = bleu_corpus(rng)
    return ([len(c) for c in candidates], [[len(r) for r in refs] for refs in references])


def ours_counts(function, candidates, references):
    return [function(c, refs, n) for c, refs in zip(candidates, references) for n in range(1, 5)]


def nltk_counts(candidates, references):
    from nltk.translate.bleu_score import modified_precision

    counts = []
    for candidate, refs in zip(candidates, references):
        for n in range(1, 5):
            fraction = modified_precision(refs, candidate, n)
            counts.append((int(fraction.numerator), int(fraction.denominator)))
    return counts


def sacrebleu_penalty(candidate_lengths, reference_lengths):
    from sacrebleu.metrics.bleu import BLEU

    bleu = BLEU(tokenize="none")
    c = sum(candidate_lengths)
    r = sum(bleu._get_closest_ref_len(length, lengths) for length, lengths in zip(candidate_lengths, reference_lengths))
    return 1.0 if c >= r else (math.exp(1 - r / c) if c > 0 else 0.0)


def sacrebleu_corpus(candidates, references):
    import sacrebleu

    streams = [[" ".join(refs[k]) for refs in references] for k in range(2)]
    return sacrebleu.corpus_bleu([" ".join(c) for c in candidates], streams, tokenize="none").score


def ours_rouge_2(function, pairs):
    return [list(function(candidate, reference, 2).values()) for candidate, reference in pairs]


def ours_rouge_l(function, pairs):
    return [list(function(candidate, reference).values()) for candidate, reference in pairs]


def library_rouge(kind):
    def score(pairs):
        from rouge_score import rouge_scorer

        scorer = rouge_scorer.RougeScorer([kind], use_stemmer=False)
        results = []
        for candidate, reference in pairs:
            s = scorer.score(reference, candidate)[kind]
            results.append([s.precision, s.recall, s.fmeasure])
        return results
    return score


CONTEXT, STRIDE, TOKENS = 64, 32, 1024


def perplexity_inputs(rng: np.random.Generator) -> tuple:
    import torch

    from nlpcourse import causal_lm

    model = causal_lm.tiny_gpt2(500, n_positions=CONTEXT, n_embd=64, n_layer=2, n_head=4, seed=0)
    return model, torch.as_tensor(rng.integers(0, 500, size=TOKENS), dtype=torch.long)


def guide_perplexity(model, ids):
    """The Hugging Face guide's loop: labels -100 where an earlier window already scored the token."""
    import torch

    total, scored, previous_end = 0.0, 0, 0
    with torch.no_grad():
        for begin in range(0, len(ids), STRIDE):
            end = min(begin + CONTEXT, len(ids))
            window = ids[begin:end][None]
            labels = window.clone()
            labels[:, :-(end - previous_end)] = -100
            valid = int((labels[:, 1:] != -100).sum())
            total += float(model(window, labels=labels).loss) * valid
            scored += valid
            previous_end = end
            if end == len(ids):
                break
    return math.exp(total / scored)


PAIRS: list[Pair] = [
    Pair(DAY06, "clipped_ngram_counts", "nltk modified_precision", f"{SENTENCES} news sentences x n = 1..4, 2 references",
         bleu_corpus, nltk_counts, call_ours=ours_counts),
    Pair(DAY06, "brevity_penalty", "sacrebleu closest reference length + BP", f"{SENTENCES} sentences, 2 references",
         length_lists, sacrebleu_penalty, agree=within(1e-12)),
    Pair(DAY06, "corpus_bleu", "sacrebleu.corpus_bleu(tokenize='none')", f"{SENTENCES} news sentences, 2 references",
         bleu_corpus, sacrebleu_corpus, agree=within(1e-9)),
    Pair(DAY06, "rouge_n", "rouge-score RougeScorer rouge2", f"{SENTENCES} (candidate, reference) pairs",
         text_pairs, library_rouge("rouge2"), call_ours=ours_rouge_2, agree=within(1e-12)),
    Pair(DAY06, "rouge_l", "rouge-score RougeScorer rougeL", f"{SENTENCES} (candidate, reference) pairs",
         text_pairs, library_rouge("rougeL"), call_ours=ours_rouge_l, agree=within(1e-12)),
    Pair(DAY06, "sliding_window_perplexity", "HF guide loop (labels -100, model loss)",
         f"{TOKENS} tokens, context {CONTEXT}, stride {STRIDE}, random GPT-2", perplexity_inputs, guide_perplexity,
         call_ours=lambda function, model, ids: function(model, ids, CONTEXT, STRIDE), agree=within(1e-4)),
]
