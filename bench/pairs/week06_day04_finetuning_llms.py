"""Benchmark pairs for week06/day04_finetuning_llms.

1. ``render_chat`` against SmolLM2-135M-Instruct's own Jinja template (``tokenizer.apply_chat_template``) on
   200 generated conversations (with and without a system turn, 1-6 turns, half with the generation prompt).
2. ``response_loss`` against ``transformers``' ``ForCausalLMLoss`` (what ``model(..., labels=...)`` calls) on
   logits (8, 128, 2,000) with a third of the labels -100.
3. ``LoRALinear`` (forward of a rank-8 adapter on a 768 -> 2,304 GPT-2 ``Conv1D``, a batch of 8 x 128) against
   peft's LoRA layer with the same weights (``fan_in_fan_out=True``).
4. ``add_lora`` against ``peft.get_peft_model`` on a 4-layer GPT-2 of width 128 (rank 8 on ``c_attn`` and
   ``c_fc``): the time to wrap a fresh copy, and the trainable-parameter counts, which must be equal.
5. ``nf4_quantize`` against ``bitsandbytes.functional.quantize_4bit(quant_type="nf4")`` on a 512 x 512 matrix of
   normal weights (bitsandbytes' packed codes unpacked, then codes and absmax compared exactly).
6. ``nf4_dequantize`` against ``bitsandbytes.functional.dequantize_4bit`` on the same codes.
7. ``double_quantize_absmax`` against ``bitsandbytes.functional.quantize_blockwise`` (QLoRA's 8-bit dynamic code)
   on the 4,096 absmax constants of that matrix minus their mean: different 8-bit codes, so what is compared is
   the worst reconstruction error, which must be below 1% of the constants' range on both sides.
"""

from __future__ import annotations

import contextlib
import copy
import io

import numpy as np

from library_pairs import Pair, within

DAY04 = "week06_llms_and_finetuning/day04_finetuning_llms"
WORDS = ["hello", "what", "is", "LoRA?", "a", "movie", "review", "\n", "4-bit", "why", "not"]


def _quiet():
    return contextlib.redirect_stderr(io.StringIO())


def conversations(rng: np.random.Generator) -> tuple:
    from nlpcourse import pretrained

    cases = []
    for _ in range(200):
        roles = (["system"] if rng.random() < 0.4 else []) + \
                ["user" if turn % 2 == 0 else "assistant" for turn in range(int(rng.integers(1, 7)))]
        messages = [{"role": role, "content": " ".join(rng.choice(WORDS, size=int(rng.integers(1, 12))))} for role in roles]
        cases.append((messages, bool(rng.random() < 0.5)))
    return pretrained.smollm2_tokenizer(), cases


def ours_chat(function, tokenizer, cases):
    return [function(messages, prompt) for messages, prompt in cases]


def library_chat(tokenizer, cases):
    return [tokenizer.apply_chat_template(messages, tokenize=False, add_generation_prompt=prompt) for messages, prompt in cases]


def loss_inputs(rng: np.random.Generator) -> tuple:
    import torch

    logits = torch.as_tensor(rng.normal(size=(8, 128, 2000)), dtype=torch.float32)
    labels = torch.as_tensor(rng.integers(0, 2000, size=(8, 128)))
    labels[torch.as_tensor(rng.random(size=(8, 128)) < 1 / 3)] = -100
    return logits, labels


def library_loss(logits, labels):
    from transformers.loss.loss_utils import ForCausalLMLoss

    return float(ForCausalLMLoss(logits, labels, vocab_size=logits.shape[-1]))


def layer_inputs(rng: np.random.Generator) -> tuple:
    import peft
    import torch
    from torch import nn
    from transformers.pytorch_utils import Conv1D

    torch.manual_seed(0)
    holder = nn.Module()
    holder.c_attn = Conv1D(2304, 768)
    with _quiet():
        peft.inject_adapter_in_model(peft.LoraConfig(r=8, lora_alpha=16, target_modules=["c_attn"], fan_in_fan_out=True),
                                     holder)
    layer = holder.c_attn
    with torch.no_grad():
        layer.lora_B["default"].weight.normal_(std=0.02)
    return layer, torch.as_tensor(rng.normal(size=(8, 128, 768)), dtype=torch.float32)


_wrapped: dict = {}


def ours_layer(cls, peft_layer, x):
    """The same weights in the reference's LoRALinear (built once per peft layer, then only the forward is timed)."""
    import torch

    if id(peft_layer) not in _wrapped:
        mine = cls(copy.deepcopy(peft_layer.base_layer), 8, 16)
        with torch.no_grad():
            mine.lora_A.copy_(peft_layer.lora_A["default"].weight)
            mine.lora_B.copy_(peft_layer.lora_B["default"].weight)
        _wrapped[id(peft_layer)] = mine
    with torch.no_grad():
        return _wrapped[id(peft_layer)](x).numpy()


def library_layer(peft_layer, x):
    import torch

    with torch.no_grad():
        return peft_layer(x).numpy()


def gpt_inputs(rng: np.random.Generator) -> tuple:
    from nlpcourse import causal_lm

    return (causal_lm.tiny_gpt2(100, n_positions=64, n_embd=128, n_layer=4, n_head=4, seed=0),)


def ours_wrap(function, model):
    wrapped = function(copy.deepcopy(model), 8, 16, ["c_attn", "c_fc"])
    return sum(p.numel() for p in wrapped.parameters() if p.requires_grad)


def library_wrap(model):
    import peft

    with _quiet():
        wrapped = peft.get_peft_model(copy.deepcopy(model), peft.LoraConfig(r=8, lora_alpha=16, target_modules=["c_attn", "c_fc"],
                                                                            lora_dropout=0.0, fan_in_fan_out=True))
    return wrapped.get_nb_trainable_parameters()[0]


def weight_inputs(rng: np.random.Generator) -> tuple:
    import torch

    return (torch.as_tensor(rng.normal(size=(512, 512)) * 0.02, dtype=torch.float32),)


def ours_quantize(function, weights):
    codes, absmax = function(weights)
    return [codes.numpy().astype(np.int64), absmax.numpy()]


def library_quantize(weights):
    with _quiet():
        import bitsandbytes.functional as bnb_functional

        packed, state = bnb_functional.quantize_4bit(weights, blocksize=64, quant_type="nf4")
    packed = packed.reshape(-1).numpy()
    codes = np.stack([packed >> 4, packed & 15], axis=1).reshape(-1)[: weights.numel()]
    return [codes.astype(np.int64), state.absmax.numpy()]


def quantized_inputs(rng: np.random.Generator) -> tuple:
    with _quiet():
        import bitsandbytes.functional as bnb_functional

        weights = weight_inputs(rng)[0]
        packed, state = bnb_functional.quantize_4bit(weights, blocksize=64, quant_type="nf4")
    packed_flat = packed.reshape(-1)
    import torch

    codes = torch.stack([packed_flat >> 4, packed_flat & 15], dim=1).reshape(-1)
    return codes, state.absmax, packed, state


def ours_dequantize(function, codes, absmax, packed, state):
    return function(codes, absmax, (512, 512)).numpy()


def library_dequantize(codes, absmax, packed, state):
    with _quiet():
        import bitsandbytes.functional as bnb_functional

        return bnb_functional.dequantize_4bit(packed, state, quant_type="nf4").numpy()


def constants_inputs(rng: np.random.Generator) -> tuple:
    weights = weight_inputs(rng)[0]
    blocks = weights.reshape(-1, 64)
    return (blocks.abs().amax(dim=1),)                                              # (4096,) first-level absmax


def ours_double(function, constants):
    codes, scales, offset = function(constants)
    restored = codes.float() / 127 * scales.repeat_interleave(256)[: len(codes)] + offset
    return float((restored - constants).abs().max() / (constants.max() - constants.min()))


def library_double(constants):
    with _quiet():
        import bitsandbytes.functional as bnb_functional

        offset = constants.mean()
        codes, state = bnb_functional.quantize_blockwise(constants - offset, blocksize=256)
        restored = bnb_functional.dequantize_blockwise(codes, state) + offset
    return float((restored - constants).abs().max() / (constants.max() - constants.min()))


def both_below_one_percent(ours, library) -> None:
    assert ours < 0.01 and library < 0.01, f"worst relative reconstruction errors: ours {ours:.2e}, bitsandbytes {library:.2e}"


PAIRS: list[Pair] = [
    Pair(DAY04, "render_chat", "tokenizer.apply_chat_template (SmolLM2's Jinja template)", "200 generated conversations",
         conversations, library_chat, call_ours=ours_chat),
    Pair(DAY04, "response_loss", "transformers ForCausalLMLoss", "logits (8, 128, 2000), 1/3 of labels -100",
         loss_inputs, library_loss, call_ours=lambda function, logits, labels: float(function(logits, labels)),
         agree=within(1e-5)),
    Pair(DAY04, "LoRALinear", "peft LoRA layer on Conv1D (forward)", "rank 8, 768 -> 2304, x (8, 128, 768)",
         layer_inputs, library_layer, call_ours=ours_layer, agree=within(1e-5, 1e-6)),
    Pair(DAY04, "add_lora", "peft.get_peft_model (wrap + count)", "GPT-2 4 x 128, rank 8 on c_attn and c_fc",
         gpt_inputs, library_wrap, call_ours=ours_wrap),
    Pair(DAY04, "nf4_quantize", "bitsandbytes quantize_4bit nf4", "512 x 512 normal weights, blocks of 64",
         weight_inputs, library_quantize, call_ours=ours_quantize, agree=within(0.0)),
    Pair(DAY04, "nf4_dequantize", "bitsandbytes dequantize_4bit nf4", "512 x 512, blocks of 64",
         quantized_inputs, library_dequantize, call_ours=ours_dequantize, agree=within(0.0)),
    Pair(DAY04, "double_quantize_absmax", "bitsandbytes quantize_blockwise (8-bit dynamic)", "4096 absmax constants, blocks of 256",
         constants_inputs, library_double, call_ours=ours_double, agree=both_below_one_percent),
]
