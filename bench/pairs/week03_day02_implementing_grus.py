"""Benchmark pairs of week03_grus_and_language_models/day02_implementing_grus.

Two from-scratch reference answers against their PyTorch counterparts, each timed on a typical input of
the notebook (a batch of the language model of section 4):

- ``GRULayer``: forward and backward of one layer, against ``nn.GRU(batch_first=True)`` holding the same
  weights; both return the outputs, the gradient of the input and the gradients of the four parameters.
- ``masked_cross_entropy``: the next-token loss over the non-padding targets and its gradient, against
  ``F.cross_entropy(ignore_index=0)``.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from library_pairs import Pair, within

DAY02_W3 = "week03_grus_and_language_models/day02_implementing_grus"
_GRU_PARAMETERS = ("weight_ih", "weight_hh", "bias_ih", "bias_hh")


def gru_batch(rng: np.random.Generator) -> tuple:
    """x: (32, 25, 64) float32 (a language-model batch of embeddings) and an nn.GRU(64 -> 64) with seeded weights."""
    import torch

    torch.manual_seed(0)
    library = torch.nn.GRU(64, 64, batch_first=True)
    x = torch.as_tensor(rng.normal(size=(32, 25, 64)), dtype=torch.float32)
    return x, library


def _forward_backward(layer, x, names: tuple[str, ...]) -> tuple:
    """Outputs, d(loss)/dx and the parameter gradients (in `names` order) for loss = sum(outputs) + sum(h_n)."""
    for parameter in layer.parameters():
        parameter.grad = None
    x = x.detach().clone().requires_grad_(True)
    outputs, h_n = layer(x)
    (outputs.sum() + h_n.sum()).backward()
    return (outputs.detach().numpy(), x.grad.numpy(),
            *(getattr(layer, name).grad.numpy() for name in names))


def torch_gru(x, library):
    return _forward_backward(library, x, tuple(name + "_l0" for name in _GRU_PARAMETERS))


_our_layers: dict[int, Any] = {}  # built once per library layer, so that the timing is forward + backward only


def our_gru(gru_layer_class, x, library):
    import torch

    key = id(library)
    if key not in _our_layers:
        layer = gru_layer_class(library.input_size, library.hidden_size)
        with torch.no_grad():
            for name in _GRU_PARAMETERS:
                getattr(layer, name).copy_(getattr(library, name + "_l0"))
        _our_layers[key] = layer
    return _forward_backward(_our_layers[key], x, _GRU_PARAMETERS)


# float32 gradients summed over 32 x 25 positions: rounding grows with their size (bias_ih's reach ~1000).
close_arrays = within(relative_to_largest=1e-5)


def lm_logits(rng: np.random.Generator) -> tuple:
    """Logits (32, 25, 3665) float32 (V of the notebook's vocabulary) and targets with 10% padding (index 0)."""
    import torch

    vocab_size = 3665
    logits = torch.as_tensor(rng.normal(scale=2.0, size=(32, 25, vocab_size)), dtype=torch.float32)
    targets = rng.integers(1, vocab_size, size=(32, 25))
    targets[rng.random((32, 25)) < 0.1] = 0
    return logits, torch.as_tensor(targets)


def _loss_and_gradient(loss_function, logits) -> tuple:
    import torch

    logits = logits.detach().clone().requires_grad_(True)
    loss = loss_function(logits)
    (gradient,) = torch.autograd.grad(loss, logits)
    return float(loss), gradient.numpy()


def torch_cross_entropy(logits, targets):
    import torch.nn.functional as F

    return _loss_and_gradient(lambda z: F.cross_entropy(z.reshape(-1, z.shape[-1]), targets.reshape(-1),
                                                        ignore_index=0), logits)


def our_cross_entropy(masked_cross_entropy, logits, targets):
    return _loss_and_gradient(lambda z: masked_cross_entropy(z, targets, 0, "mean"), logits)


PAIRS: list[Pair] = [
    Pair(DAY02_W3, "GRULayer", "torch nn.GRU(batch_first=True), forward + backward",
         "(32, 25, 64) batch, H = 64", gru_batch, torch_gru, call_ours=our_gru, agree=close_arrays),
    Pair(DAY02_W3, "masked_cross_entropy", "torch F.cross_entropy(ignore_index=0), value + gradient",
         "(32, 25) targets, V = 3,665, 10% padding", lm_logits, torch_cross_entropy, call_ours=our_cross_entropy,
         agree=close_arrays),
]
