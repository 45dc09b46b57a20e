"""Benchmark pairs for week05/day06_efficient_transformers_and_ssms.

Typical inputs, float32 as in the notebook:

1. ``cached_causal_attention`` inside a greedy decoding loop with the KV cache (prompt once, then one token per
   step) of a GPT-2 with 4 layers of width 128 and random weights, 16 prompt tokens and 64 new ones, against
   ``GPT2LMHeadModel.generate(use_cache=True)``. They agree when the tokens are equal and the step logits
   within 1e-4.
2. The same layer in the uncached loop (the whole sequence every step) against ``generate(use_cache=False)``.
3. ``kv_cache_bytes`` (a formula) against the sum of the tensor bytes of the cache that a grouped-query
   ``LlamaForCausalLM`` (3 layers, 6 query and 2 key-value heads) returns for 4 sequences of 64 tokens; the
   library side runs the model, so the timing says how much cheaper the formula is than measuring.
4. ``selective_scan_recurrent`` and 5. ``selective_scan_parallel`` against transformers' Mamba scan
   (``mamba_selective_scan``, the pure-PyTorch slow path) on one sequence of 2,048 positions with 16 channels
   and 4 state entries; agreement within 1e-4.
"""

from __future__ import annotations

import functools

import numpy as np

from library_pairs import Pair, within

DAY06 = "week05_transformer_architectures/day06_efficient_transformers_and_ssms"
PROMPT, NEW_TOKENS = 16, 64


@functools.lru_cache(maxsize=1)
def _decoder():
    from transformers import GPT2Config, GPT2LMHeadModel

    from nlpcourse import tiny_transformers

    config = GPT2Config(vocab_size=256, n_positions=256, n_embd=128, n_layer=4, n_head=4, bos_token_id=None,
                        eos_token_id=None, attn_implementation="eager")
    return tiny_transformers.from_config(GPT2LMHeadModel, config, seed=0)


def prompt_ids(rng: np.random.Generator) -> tuple:
    import torch

    return (torch.as_tensor(rng.integers(0, 256, size=(1, PROMPT)), dtype=torch.long),)


def _forward(attention, model, new_ids, cache):
    import torch

    start = cache[0][0].shape[2] if cache else 0
    hidden = model.transformer.wte(new_ids) + model.transformer.wpe(torch.arange(start, start + new_ids.shape[1]))
    new_cache = []
    for layer, block in enumerate(model.transformer.h):
        past = cache[layer] if cache else (None, None)
        out, keys, values = attention(block.ln_1(hidden), block.attn.c_attn.weight, block.attn.c_attn.bias,
                                      block.attn.c_proj.weight, block.attn.c_proj.bias, model.config.n_head, *past)
        hidden = hidden + out
        hidden = hidden + block.mlp(block.ln_2(hidden))
        new_cache.append((keys, values))
    return model.lm_head(model.transformer.ln_f(hidden)), new_cache


def ours_cached(attention, prompt):
    import torch

    model = _decoder()
    with torch.no_grad():
        logits, cache = _forward(attention, model, prompt, None)
        ids, steps = prompt, []
        for step in range(NEW_TOKENS):
            steps.append(logits[:, -1])
            next_id = logits[:, -1].argmax(dim=-1, keepdim=True)
            ids = torch.cat([ids, next_id], dim=1)
            if step < NEW_TOKENS - 1:
                logits, cache = _forward(attention, model, next_id, cache)
    return ids, torch.stack(steps, dim=1)


def ours_uncached(attention, prompt):
    import torch

    model = _decoder()
    with torch.no_grad():
        ids, steps = prompt, []
        for _ in range(NEW_TOKENS):
            logits, _ = _forward(attention, model, ids, None)
            steps.append(logits[:, -1])
            ids = torch.cat([ids, logits[:, -1].argmax(dim=-1, keepdim=True)], dim=1)
    return ids, torch.stack(steps, dim=1)


def _generate(prompt, use_cache):
    import torch

    out = _decoder().generate(prompt, max_new_tokens=NEW_TOKENS, do_sample=False, use_cache=use_cache, output_logits=True,
                              return_dict_in_generate=True, pad_token_id=0)
    return out.sequences, torch.stack(out.logits, dim=1)


def library_cached(prompt):
    return _generate(prompt, True)


def library_uncached(prompt):
    return _generate(prompt, False)


def same_generation(ours, library) -> None:
    import torch

    assert torch.equal(ours[0], library[0]), "different tokens"
    assert torch.allclose(ours[1], library[1], atol=1e-4), f"logits differ by {(ours[1] - library[1]).abs().max():.1e}"


# ---------------------------------------------------------------- kv_cache_bytes

@functools.lru_cache(maxsize=1)
def _gqa_model():
    from transformers import LlamaConfig, LlamaForCausalLM

    from nlpcourse import tiny_transformers

    config = LlamaConfig(vocab_size=64, hidden_size=48, intermediate_size=64, num_hidden_layers=3, num_attention_heads=6,
                         num_key_value_heads=2, head_dim=16, bos_token_id=None, eos_token_id=None)
    return tiny_transformers.from_config(LlamaForCausalLM, config, seed=0)


def cache_inputs(rng: np.random.Generator) -> tuple:
    import torch

    return (torch.as_tensor(rng.integers(0, 64, size=(4, 64)), dtype=torch.long),)


def ours_cache_bytes(kv_cache_bytes, ids):
    return kv_cache_bytes(_gqa_model().config.to_dict(), ids.shape[1], ids.shape[0])


def library_cache_bytes(ids):
    import torch

    with torch.no_grad():
        cache = _gqa_model()(ids, use_cache=True).past_key_values
    return int(sum(layer.keys.nbytes + layer.values.nbytes for layer in cache.layers))


# ---------------------------------------------------------------- the scans

def scan_inputs(rng: np.random.Generator) -> tuple:
    from nlpcourse import state_space

    return state_space.selective_inputs(1, 2048, 16, 4, seed=int(rng.integers(1000)))


def library_scan(x, delta, A, B, C):
    from transformers.models.mamba.modeling_mamba import mamba_selective_scan

    return mamba_selective_scan(x.transpose(1, 2), delta.transpose(1, 2), A, B.transpose(1, 2),
                                C.transpose(1, 2)).transpose(1, 2)


PAIRS: list[Pair] = [
    Pair(DAY06, "cached_causal_attention", "GPT2LMHeadModel.generate(use_cache=True)",
         f"greedy loop WITH your KV cache, 4-layer GPT-2 width 128, {PROMPT} + {NEW_TOKENS} tokens", prompt_ids,
         library_cached, call_ours=ours_cached, agree=same_generation),
    Pair(DAY06, "cached_causal_attention", "GPT2LMHeadModel.generate(use_cache=False)",
         f"greedy loop WITHOUT a cache (recompute), same model, {PROMPT} + {NEW_TOKENS} tokens", prompt_ids,
         library_uncached, call_ours=ours_uncached, agree=same_generation),
    Pair(DAY06, "kv_cache_bytes", "sum of nbytes of LlamaForCausalLM's past_key_values",
         "GQA Llama (3 layers, 6 query / 2 kv heads of 16), 4 x 64 tokens (library runs the model)", cache_inputs,
         library_cache_bytes, call_ours=ours_cache_bytes),
    Pair(DAY06, "selective_scan_recurrent", "transformers mamba_selective_scan (slow path)",
         "(1, 2048, 16) inputs, N = 4, float32", scan_inputs, library_scan, agree=within(1e-4)),
    Pair(DAY06, "selective_scan_parallel", "transformers mamba_selective_scan (slow path)",
         "(1, 2048, 16) inputs, N = 4, float32", scan_inputs, library_scan, agree=within(1e-4)),
]
