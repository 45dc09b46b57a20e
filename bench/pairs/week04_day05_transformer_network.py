"""Benchmark pairs for week04/day05_transformer_network.

Typical inputs: token vectors of a batch of 16 sentences of 64 tokens, d_model = 128, 4 heads,
d_ff = 512 (a small but realistic layer). ``layer_norm`` works in float64 NumPy, so its library side
gets float64 tensors; the layers are float32 torch modules on both sides.

The layer pairs time one forward AND backward pass (the gradient with respect to the input and to
every parameter), since that is what training costs. Our module is built once per input (cached)
with the library module's weights copied in through ``load_state_dict``; dropout is 0 so that both
sides compute the same function, and both run in training mode (PyTorch's fused inference fast path
needs ``torch.no_grad()`` and would not compare the same work).
"""

from __future__ import annotations

import numpy as np

from library_pairs import Pair, within

DAY05 = "week04_attention_and_transformers/day05_transformer_network"
BATCH, SOURCE_LEN, TARGET_LEN, D_MODEL, HEADS, D_FF = 16, 64, 48, 128, 4, 512


# ---------------------------------------------------------------- exercise 1: layer norm

def layer_norm_inputs(rng: np.random.Generator) -> tuple:
    """x (16, 64, 128) float64 with mean 3 and spread 5 per entry, gamma and beta (128,)."""
    x = rng.normal(3.0, 5.0, size=(BATCH, SOURCE_LEN, D_MODEL))
    return x, rng.normal(1.0, 0.2, size=D_MODEL), rng.normal(0.0, 0.2, size=D_MODEL)


def torch_functional_layer_norm(x, gamma, beta):
    import torch
    import torch.nn.functional as F

    return F.layer_norm(torch.from_numpy(x), (x.shape[-1],), torch.from_numpy(gamma), torch.from_numpy(beta),
                        eps=1e-5).numpy()


def torch_module_layer_norm(x, gamma, beta):
    """nn.LayerNorm in float64 holding gamma and beta (built on every call, as a layer_norm call costs nothing to set up
    either; construction is a few microseconds)."""
    import torch
    from torch import nn

    norm = nn.LayerNorm(x.shape[-1]).double()
    with torch.no_grad():
        norm.weight.copy_(torch.from_numpy(gamma))
        norm.bias.copy_(torch.from_numpy(beta))
        return norm(torch.from_numpy(x)).numpy()


# ---------------------------------------------------------------- exercises 3 and 4: the layers

_OURS_CACHE: dict = {}


def _ours_like(layer_class, library_layer, norm_first):
    """Our layer with the library layer's weights (built once per library layer)."""
    key = (layer_class, id(library_layer))
    if key not in _OURS_CACHE:
        ours = layer_class(D_MODEL, HEADS, D_FF, dropout=0.0, norm_first=norm_first)
        ours.load_state_dict(library_layer.state_dict())  # strict: the parameter names must match
        _OURS_CACHE[key] = ours.train()
    return _OURS_CACHE[key]


def _source(rng):
    import torch

    x = torch.from_numpy(rng.normal(size=(BATCH, SOURCE_LEN, D_MODEL)).astype(np.float32))
    lengths = rng.integers(SOURCE_LEN // 2, SOURCE_LEN + 1, size=BATCH)
    padding = torch.from_numpy(np.arange(SOURCE_LEN)[None, :] >= lengths[:, None])  # (B, S), True = padding
    return x, padding


def encoder_inputs(norm_first):
    def inputs(rng: np.random.Generator) -> tuple:
        """A post- or pre-norm nn.TransformerEncoderLayer(128, 4, 512, dropout=0) and a padded batch (16, 64, 128)."""
        import torch
        from torch import nn

        torch.manual_seed(int(rng.integers(2**31)))
        library = nn.TransformerEncoderLayer(D_MODEL, HEADS, D_FF, dropout=0.0, batch_first=True,
                                             norm_first=norm_first).train()
        x, padding = _source(rng)
        return library, norm_first, x, padding
    return inputs


def _forward_backward(run, x):
    """Output and gradient with respect to the input of one forward + backward pass (loss = sum of squares)."""
    x = x.clone().requires_grad_(True)
    output = run(x)
    output.square().sum().backward()
    return [output.detach().numpy(), x.grad.numpy()]


def ours_encoder(EncoderLayer, library, norm_first, x, padding):
    ours = _ours_like(EncoderLayer, library, norm_first)
    ours.zero_grad(set_to_none=True)
    return _forward_backward(lambda inputs: ours(inputs, padding), x)


def torch_encoder(library, norm_first, x, padding):
    library.zero_grad(set_to_none=True)
    return _forward_backward(lambda inputs: library(inputs, src_key_padding_mask=padding), x)


def decoder_inputs(norm_first):
    def inputs(rng: np.random.Generator) -> tuple:
        """An nn.TransformerDecoderLayer(128, 4, 512, dropout=0), target (16, 48, 128) with a causal mask,
        memory (16, 64, 128) with a padding mask."""
        import torch
        from torch import nn

        torch.manual_seed(int(rng.integers(2**31)))
        library = nn.TransformerDecoderLayer(D_MODEL, HEADS, D_FF, dropout=0.0, batch_first=True,
                                             norm_first=norm_first).train()
        memory, padding = _source(rng)
        target = torch.from_numpy(rng.normal(size=(BATCH, TARGET_LEN, D_MODEL)).astype(np.float32))
        causal = torch.triu(torch.ones(TARGET_LEN, TARGET_LEN, dtype=torch.bool), diagonal=1)
        return library, norm_first, target, memory, causal, padding
    return inputs


def ours_decoder(DecoderLayer, library, norm_first, target, memory, causal, padding):
    ours = _ours_like(DecoderLayer, library, norm_first)
    ours.zero_grad(set_to_none=True)
    return _forward_backward(lambda inputs: ours(inputs, memory, causal, padding), target)


def torch_decoder(library, norm_first, target, memory, causal, padding):
    library.zero_grad(set_to_none=True)
    return _forward_backward(lambda inputs: library(inputs, memory, tgt_mask=causal, memory_key_padding_mask=padding),
                             target)


PAIRS: list[Pair] = [
    Pair(DAY05, "layer_norm", "F.layer_norm (float64)", "x (16, 64, 128) float64",
         layer_norm_inputs, torch_functional_layer_norm, agree=within(1e-10)),
    Pair(DAY05, "layer_norm", "nn.LayerNorm(128).double()", "x (16, 64, 128) float64",
         layer_norm_inputs, torch_module_layer_norm, agree=within(1e-10)),
    Pair(DAY05, "EncoderLayer", "nn.TransformerEncoderLayer (post-norm), weights copied",
         "forward + backward, src (16, 64, 128) with padding mask, 4 heads, d_ff 512, float32",
         encoder_inputs(False), torch_encoder, call_ours=ours_encoder, agree=within(1e-4)),
    Pair(DAY05, "EncoderLayer", "nn.TransformerEncoderLayer(norm_first=True), weights copied",
         "forward + backward, src (16, 64, 128) with padding mask, 4 heads, d_ff 512, float32",
         encoder_inputs(True), torch_encoder, call_ours=ours_encoder, agree=within(1e-4)),
    Pair(DAY05, "DecoderLayer", "nn.TransformerDecoderLayer (post-norm), weights copied",
         "forward + backward, tgt (16, 48, 128) causal, memory (16, 64, 128) padded, float32",
         decoder_inputs(False), torch_decoder, call_ours=ours_decoder, agree=within(1e-4)),
    Pair(DAY05, "DecoderLayer", "nn.TransformerDecoderLayer(norm_first=True), weights copied",
         "forward + backward, tgt (16, 48, 128) causal, memory (16, 64, 128) padded, float32",
         decoder_inputs(True), torch_decoder, call_ours=ours_decoder, agree=within(1e-4)),
]
