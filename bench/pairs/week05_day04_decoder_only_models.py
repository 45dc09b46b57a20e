"""Benchmark pairs for week05/day04_decoder_only_models.

Inputs are the size of one SmolLM2 decoding step for a batch: 64 rows of next-token logits over SmolLM2's
49,152 tokens (float32), and for the loss a GPT-2-sized batch, 8 windows of 128 tokens over a 50,257-token
vocabulary with right padding.

1. ``causal_lm_loss`` against ``transformers.loss.loss_utils.ForCausalLMLoss`` (what ``GPT2LMHeadModel(...,
   labels=...)`` calls; it shifts the labels inside), with labels -100 at the padding.
2. ``temperature_softmax`` at T = 0.7 against ``softmax(TemperatureLogitsWarper(0.7)(None, scores))``.
3. ``top_k_filter`` with k = 50 against ``TopKLogitsWarper(50)``.
4. ``top_p_filter`` with p = 0.9 against ``TopPLogitsWarper(0.9)`` (random logits: no ties at the boundary). Over
   49,152 float32 probabilities the two sums (ours from the top, the library's from the bottom) round differently,
   so a row may differ in the one token that sits within rounding of p; ``same_nucleus`` accepts exactly that.
5. ``sample_next_tokens`` at temperature 0 (greedy) against ``scores.argmax(-1)``, which is what ``generate``
   does with ``do_sample=False``. The sampled path draws differently by design and is checked statistically in
   the notebook, not here.
"""

from __future__ import annotations

import numpy as np

from library_pairs import Pair

DAY04 = "week05_transformer_architectures/day04_decoder_only_models"
BATCH, VOCAB = 64, 49152
LOSS_BATCH, LOSS_LENGTH, LOSS_VOCAB = 8, 128, 50257


def next_token_logits(rng: np.random.Generator) -> tuple:
    import torch

    return (torch.as_tensor(rng.normal(0, 3, size=(BATCH, VOCAB)), dtype=torch.float32),)


def loss_inputs(rng: np.random.Generator) -> tuple:
    import torch

    logits = torch.as_tensor(rng.normal(0, 2, size=(LOSS_BATCH, LOSS_LENGTH, LOSS_VOCAB)), dtype=torch.float32)
    ids = torch.as_tensor(rng.integers(0, LOSS_VOCAB, size=(LOSS_BATCH, LOSS_LENGTH)), dtype=torch.long)
    lengths = rng.integers(LOSS_LENGTH // 2, LOSS_LENGTH + 1, size=LOSS_BATCH)
    mask = torch.as_tensor(np.arange(LOSS_LENGTH)[None, :] < lengths[:, None], dtype=torch.long)
    return logits, ids, mask


def library_loss(logits, ids, mask):
    from transformers.loss.loss_utils import ForCausalLMLoss

    return ForCausalLMLoss(logits, ids.masked_fill(mask == 0, -100), vocab_size=logits.shape[-1])


def library_temperature(scores):
    import torch
    from transformers import TemperatureLogitsWarper

    return torch.softmax(TemperatureLogitsWarper(0.7)(None, scores), dim=-1)


def library_top_k(scores):
    from transformers import TopKLogitsWarper

    return TopKLogitsWarper(50)(None, scores)


def library_top_p(scores):
    from transformers import TopPLogitsWarper

    return TopPLogitsWarper(0.9)(None, scores)


def library_greedy(scores):
    return scores.argmax(dim=-1)


def close(atol: float):
    def agree(ours, library) -> None:
        import torch

        ours, library = torch.as_tensor(ours), torch.as_tensor(library)
        assert ours.shape == library.shape, f"shapes differ: {tuple(ours.shape)} vs {tuple(library.shape)}"
        assert torch.allclose(ours.double(), library.double(), atol=atol), \
            f"max difference {(ours.double() - library.double()).abs().max():.2e}"
    return agree


def same_filter(ours, library) -> None:
    import torch

    assert torch.equal(torch.isfinite(ours), torch.isfinite(library)), "different tokens kept"
    assert torch.equal(ours[torch.isfinite(ours)], library[torch.isfinite(library)]), "kept logits changed"


def same_nucleus(ours, library) -> None:
    """Top-p sets computed by summing float32 probabilities from opposite ends may differ by the one token that
    sits within rounding of p: accept that, and nothing more."""
    import torch

    same_filter_values = torch.isfinite(ours) == torch.isfinite(library)
    differing = (~same_filter_values).sum(dim=-1)
    assert int(differing.max()) <= 1, f"up to {int(differing.max())} tokens differ in a row"
    for row in torch.nonzero(differing).flatten().tolist():
        token = int(torch.nonzero(~same_filter_values[row])[0])
        probabilities = torch.softmax(library[row].double().nan_to_num(neginf=-1e30), dim=-1)
        assert probabilities[token] < 1e-3, "a token of visible probability differs"


def same_tokens(ours, library) -> None:
    import torch

    assert torch.equal(torch.as_tensor(ours), torch.as_tensor(library)), "different tokens"


PAIRS: list[Pair] = [
    Pair(DAY04, "causal_lm_loss", "transformers ForCausalLMLoss (GPT2LMHeadModel's loss)",
         f"({LOSS_BATCH}, {LOSS_LENGTH}, {LOSS_VOCAB}) float32 logits, right padding", loss_inputs, library_loss,
         agree=close(1e-4)),
    Pair(DAY04, "temperature_softmax", "softmax(TemperatureLogitsWarper(0.7))", f"({BATCH}, {VOCAB}) float32 logits",
         next_token_logits, library_temperature, call_ours=lambda function, scores: function(scores, 0.7), agree=close(1e-6)),
    Pair(DAY04, "top_k_filter", "TopKLogitsWarper(50)", f"({BATCH}, {VOCAB}) float32 logits", next_token_logits,
         library_top_k, call_ours=lambda function, scores: function(scores, 50), agree=same_filter),
    Pair(DAY04, "top_p_filter", "TopPLogitsWarper(0.9)", f"({BATCH}, {VOCAB}) float32 logits", next_token_logits,
         library_top_p, call_ours=lambda function, scores: function(scores, 0.9), agree=same_nucleus),
    Pair(DAY04, "sample_next_tokens", "argmax (generate with do_sample=False)", f"({BATCH}, {VOCAB}) float32 logits, greedy",
         next_token_logits, library_greedy, call_ours=lambda function, scores: function(scores, 0), agree=same_tokens),
]
