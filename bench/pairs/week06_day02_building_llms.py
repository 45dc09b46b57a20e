"""Benchmark pairs for week06/day02_building_llms.

1. ``GPT2FromScratch`` against ``GPT2LMHeadModel``, forward only (inference), holding the same weights: GPT-2
   small's widths (d = 768, 12 heads, the 50,257-token vocabulary, 1,024 positions) with 2 of its 12 blocks and
   random weights (no published checkpoint is available offline), one batch of 4 texts of 128 tokens. The
   notebook's model is built once with the library model's ``state_dict``; the logits must agree to 1e-4.
2. ``CausalSelfAttention`` against ``GPT2Attention`` (its default ``sdpa`` path, causal), same weights, forward
   only, a (4, 128, 768) float32 batch with 12 heads.
3. ``distillation_loss`` against the direct computation with the library's KL, ``alpha * T**2 *
   F.kl_div(log q, log p, reduction="batchmean", log_target=True) + (1 - alpha) * F.cross_entropy``, at T = 2 and
   alpha = 0.5 on the next-token logits of a GPT-2-sized batch: 8 windows of 128 tokens flattened to 1,024 rows
   over the 50,257-token vocabulary (float32).
"""

from __future__ import annotations

import numpy as np

from library_pairs import Pair, within

DAY02 = "week06_llms_and_finetuning/day02_building_llms"
BATCH, LENGTH, LAYERS = 4, 128, 2
KD_ROWS, KD_VOCAB, TEMPERATURE, ALPHA = 8 * 128, 50257, 2.0, 0.5

_built: dict = {}  # (id of the notebook class, id of the library module) -> the notebook's module with its weights


def _library_gpt():
    from transformers import GPT2Config, GPT2LMHeadModel

    from nlpcourse.tiny_transformers import from_config

    return from_config(GPT2LMHeadModel, GPT2Config(n_layer=LAYERS, bos_token_id=0, eos_token_id=0), seed=0)


def gpt_inputs(rng: np.random.Generator) -> tuple:
    import torch

    library = _library_gpt()
    ids = torch.as_tensor(rng.integers(0, library.config.vocab_size, size=(BATCH, LENGTH)), dtype=torch.long)
    return library, ids


def ours_gpt(GPT2FromScratch, library, ids):
    import torch

    key = (id(GPT2FromScratch), id(library))
    if key not in _built:
        config = library.config
        model = GPT2FromScratch(config.vocab_size, config.n_positions, config.n_embd, config.n_layer, config.n_head).eval()
        model.load_state_dict(library.state_dict())
        _built[key] = model
    with torch.no_grad():
        return _built[key](ids)


def library_gpt(library, ids):
    import torch

    with torch.no_grad():
        return library(ids).logits


def attention_inputs(rng: np.random.Generator) -> tuple:
    import torch

    library = _library_gpt().transformer.h[0].attn
    hidden = torch.as_tensor(rng.normal(size=(BATCH, LENGTH, 768)), dtype=torch.float32)
    return library, hidden


def ours_attention(CausalSelfAttention, library, hidden):
    import torch

    key = (id(CausalSelfAttention), id(library))
    if key not in _built:
        module = CausalSelfAttention(768, 12)
        module.load_state_dict(library.state_dict())
        _built[key] = module
    with torch.no_grad():
        return _built[key](hidden)


def library_attention(library, hidden):
    import torch

    with torch.no_grad():
        return library(hidden)[0]


def kd_inputs(rng: np.random.Generator) -> tuple:
    import torch

    student = torch.as_tensor(rng.normal(0, 2, size=(KD_ROWS, KD_VOCAB)), dtype=torch.float32)
    teacher = torch.as_tensor(rng.normal(0, 2, size=(KD_ROWS, KD_VOCAB)), dtype=torch.float32)
    labels = torch.as_tensor(rng.integers(0, KD_VOCAB, size=KD_ROWS), dtype=torch.long)
    return student, teacher, labels


def ours_kd(distillation_loss, student, teacher, labels):
    return distillation_loss(student, teacher, TEMPERATURE, ALPHA, labels)


def library_kd(student, teacher, labels):
    import torch.nn.functional as F

    soft = F.kl_div(F.log_softmax(student / TEMPERATURE, dim=-1), F.log_softmax(teacher / TEMPERATURE, dim=-1),
                    reduction="batchmean", log_target=True)
    return ALPHA * TEMPERATURE ** 2 * soft + (1 - ALPHA) * F.cross_entropy(student, labels)


PAIRS: list[Pair] = [
    Pair(DAY02, "GPT2FromScratch", "GPT2LMHeadModel (same weights)",
         f"GPT-2 small widths, {LAYERS} blocks, ({BATCH}, {LENGTH}) ids, forward", gpt_inputs, library_gpt,
         call_ours=ours_gpt, agree=within(1e-4)),
    Pair(DAY02, "CausalSelfAttention", "GPT2Attention (sdpa, same weights)",
         f"({BATCH}, {LENGTH}, 768) float32, 12 heads, forward", attention_inputs, library_attention,
         call_ours=ours_attention, agree=within(1e-4)),
    Pair(DAY02, "distillation_loss", "alpha T^2 F.kl_div(batchmean) + (1 - alpha) F.cross_entropy",
         f"({KD_ROWS}, {KD_VOCAB}) float32 logits, T = {TEMPERATURE}, alpha = {ALPHA}", kd_inputs, library_kd,
         call_ours=ours_kd, agree=within(1e-4)),
]
