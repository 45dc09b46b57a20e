"""Benchmark pairs for week07/day01_rlhf_and_rlaif.

Inputs: the week's review policy (``nlpcourse.policies.review_policy``) and real completions of it; random seeded
reward margins for the loss.

1. ``rule_based_judge`` with VADER's own lexicon against ``SentimentIntensityAnalyzer.polarity_scores`` on 300
   simple review sentences built from VADER's lexicon and negations (no capitals, '!', intensifiers or 'but', where
   VADER's compound score is the lexicon sum with negation, rounded to 4 decimals).
2. ``bradley_terry_loss`` on 100,000 pairs against ``F.binary_cross_entropy_with_logits`` on the margin with target
   1 (trl's ``RewardTrainer`` computes ``-logsigmoid(r_c - r_r).mean()``, the same loss).
3. ``completion_log_probs`` of 240 sampled completions (14 tokens after a 3-token prompt) against the forward pass
   followed by ``trl.trainer.utils.selective_log_softmax`` on the shifted logits, masked.
"""

from __future__ import annotations

import numpy as np

from library_pairs import Pair, within

DAY01 = "week07_rl_for_llms/day01_rlhf_and_rlaif"
SENTENCES, PAIRS_N = 300, 100_000


def simple_sentences(rng: np.random.Generator) -> tuple:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    lexicon = SentimentIntensityAnalyzer().lexicon
    sentiment = ["good", "bad", "great", "awful", "lovely", "dull", "funny", "boring", "brilliant", "stupid"]
    filler = ["the", "film", "plot", "acting", "a", "story", "and", "movie", "cast", "ending"]
    negations = ["not", "never", "didn't", "isn't", "without"]
    texts = []
    for _ in range(SENTENCES):                    # one sentiment word, then possibly a negation and a second one
        words = [str(w) for w in rng.choice(filler, size=int(rng.integers(1, 4)))] + [str(rng.choice(sentiment))]
        words += [str(w) for w in rng.choice(filler, size=int(rng.integers(3, 5)))]
        if rng.random() < 0.6:
            words += [str(rng.choice(negations))] + [str(w) for w in rng.choice(filler, size=int(rng.integers(0, 2)))]
        words += [str(rng.choice(sentiment))]
        texts.append(" ".join(words))
    return texts, lexicon


def ours_judge(function, texts, lexicon):
    return np.array([function(text, lexicon) for text in texts])


def vader_scores(texts, lexicon):
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    analyser = SentimentIntensityAnalyzer()
    return np.array([analyser.polarity_scores(text)["compound"] for text in texts])


def margins(rng: np.random.Generator) -> tuple:
    import torch

    return (torch.tensor(rng.normal(size=PAIRS_N) * 3, dtype=torch.float32),
            torch.tensor(rng.normal(size=PAIRS_N) * 3, dtype=torch.float32))


def bce_loss(chosen, rejected):
    import torch
    import torch.nn.functional as F

    return F.binary_cross_entropy_with_logits(chosen - rejected, torch.ones_like(chosen))


def completions(rng: np.random.Generator) -> tuple:
    import torch

    from nlpcourse import policies, rlhf

    vocabulary, model = policies.review_policy(progress=False)
    prompts = policies.encode_review_prompts(vocabulary, policies.review_prompts("test")).repeat(3, 1)   # (240, 3)
    sampled = policies.sample_completions(model, prompts, 14, generator=torch.Generator().manual_seed(0),
                                          stop_id=vocabulary.eos_id)
    return model, torch.cat([prompts, sampled], dim=1), rlhf.completion_mask(sampled, vocabulary.eos_id)


def ours_log_probs(function, model, sequences, mask):
    import torch

    with torch.no_grad():
        return function(model(input_ids=sequences).logits, sequences, 3, mask)


def trl_log_probs(model, sequences, mask):
    import torch
    from trl.trainer.utils import selective_log_softmax

    with torch.no_grad():
        logits = model(input_ids=sequences).logits
        return selective_log_softmax(logits[:, 2:-1, :], sequences[:, 3:]) * mask


PAIRS: list[Pair] = [
    Pair(DAY01, "rule_based_judge", "VADER SentimentIntensityAnalyzer.polarity_scores",
         f"{SENTENCES} simple sentences with negations", simple_sentences, vader_scores, call_ours=ours_judge,
         agree=within(1e-4)),
    Pair(DAY01, "bradley_terry_loss", "F.binary_cross_entropy_with_logits(margin, 1)", f"{PAIRS_N:,} reward pairs",
         margins, bce_loss, agree=within(1e-6)),
    Pair(DAY01, "completion_log_probs", "forward + trl selective_log_softmax", "240 review completions of 14 tokens",
         completions, trl_log_probs, call_ours=ours_log_probs, agree=within(1e-5)),
]
