"""Benchmark pairs for week03_grus_and_language_models/day01_understanding_grus.

Both pairs run in float64 on both sides, so that the comparison is about the algorithm, not the precision.
"""

from __future__ import annotations

import numpy as np

from library_pairs import Pair

DAY01_GRUS = "week03_grus_and_language_models/day01_understanding_grus"


def gru_step_inputs(rng: np.random.Generator) -> tuple:
    """One step, B = 64, D = 128, H = 256 (float64), and an nn.GRUCell holding the same weights."""
    import torch

    batch, inputs, hidden = 64, 128, 256
    scale = 1.0 / np.sqrt(hidden)  # PyTorch's initialisation range
    W = rng.uniform(-scale, scale, size=(3 * hidden, inputs))
    U = rng.uniform(-scale, scale, size=(3 * hidden, hidden))
    b_ih, b_hh = rng.uniform(-scale, scale, size=3 * hidden), rng.uniform(-scale, scale, size=3 * hidden)
    x, h = rng.normal(size=(batch, inputs)), rng.uniform(-1, 1, size=(batch, hidden))
    cell = torch.nn.GRUCell(inputs, hidden).double()
    with torch.no_grad():
        for name, value in [("weight_ih", W), ("weight_hh", U), ("bias_ih", b_ih), ("bias_hh", b_hh)]:
            getattr(cell, name).copy_(torch.from_numpy(value))
    return x, h, W, U, b_ih, b_hh, cell


def torch_gru_cell(x, h, W, U, b_ih, b_hh, cell):
    import torch

    with torch.no_grad():
        return cell(torch.from_numpy(x), torch.from_numpy(h)).numpy()


def our_gru_step(function, x, h, W, U, b_ih, b_hh, cell):
    return function(x, h, W, U, b_ih, b_hh)


def gru_sequence_inputs(rng: np.random.Generator) -> tuple:
    """T = 50 steps, B = 32, D = 128, H = 256 (float64, time first), and an nn.GRU holding the same weights."""
    import torch

    steps, batch, inputs, hidden = 50, 32, 128, 256
    scale = 1.0 / np.sqrt(hidden)
    W = rng.uniform(-scale, scale, size=(3 * hidden, inputs))
    U = rng.uniform(-scale, scale, size=(3 * hidden, hidden))
    b_ih, b_hh = rng.uniform(-scale, scale, size=3 * hidden), rng.uniform(-scale, scale, size=3 * hidden)
    x = rng.normal(size=(steps, batch, inputs))
    layer = torch.nn.GRU(inputs, hidden).double()
    with torch.no_grad():
        for name, value in [("weight_ih_l0", W), ("weight_hh_l0", U), ("bias_ih_l0", b_ih), ("bias_hh_l0", b_hh)]:
            getattr(layer, name).copy_(torch.from_numpy(value))
    return x, W, U, b_ih, b_hh, layer


def torch_gru_layer(x, W, U, b_ih, b_hh, layer):
    import torch

    with torch.no_grad():
        output, h_n = layer(torch.from_numpy(x))  # zero initial state
    return output.numpy(), h_n[0].numpy()


def our_gru_sequence(function, x, W, U, b_ih, b_hh, layer):
    return function(x, None, W, U, b_ih, b_hh)


def close_arrays(ours, library) -> None:
    assert np.allclose(np.asarray(ours), np.asarray(library), rtol=1e-9, atol=1e-12), "GRU states differ"


def close_state_pairs(ours, library) -> None:
    assert len(ours) == len(library) == 2
    for a, b in zip(ours, library):
        close_arrays(a, b)


PAIRS: list[Pair] = [
    Pair(DAY01_GRUS, "gru_step", "torch nn.GRUCell (float64)", "one step, B = 64, D = 128, H = 256",
         gru_step_inputs, torch_gru_cell, call_ours=our_gru_step, agree=close_arrays),
    Pair(DAY01_GRUS, "gru_sequence", "torch nn.GRU (float64)", "T = 50, B = 32, D = 128, H = 256",
         gru_sequence_inputs, torch_gru_layer, call_ours=our_gru_sequence, agree=close_state_pairs),
]
