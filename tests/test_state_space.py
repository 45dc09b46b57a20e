"""Unit tests of nlpcourse.state_space: the inputs, and the mixer split that must give transformers' MambaMixer output."""

import pytest
import torch

from nlpcourse import state_space

modeling_mamba = pytest.importorskip("transformers.models.mamba.modeling_mamba")


def _library_scan(x, delta, A, B, C):
    """transformers' pure-PyTorch selective scan, in the course's (batch, length, ...) layout."""
    return modeling_mamba.mamba_selective_scan(x.transpose(1, 2), delta.transpose(1, 2), A, B.transpose(1, 2),
                                               C.transpose(1, 2)).transpose(1, 2)


def test_selective_inputs_shapes_ranges_and_seed():
    x, delta, A, B, C = state_space.selective_inputs(2, 7, 3, 4, seed=1, delta_min=0.01, delta_max=0.5)
    assert x.shape == delta.shape == (2, 7, 3) and A.shape == (3, 4) and B.shape == C.shape == (2, 7, 4)
    assert (delta >= 0.01 - 1e-7).all() and (delta <= 0.5 + 1e-7).all()
    assert torch.equal(A[0], -torch.arange(1.0, 5.0)) and torch.equal(A[2], A[0])
    again = state_space.selective_inputs(2, 7, 3, 4, seed=1, delta_min=0.01, delta_max=0.5)
    assert all(torch.equal(a, b) for a, b in zip((x, delta, A, B, C), again))
    assert not torch.equal(state_space.selective_inputs(2, 7, 3, 4, seed=2)[0], x)
    assert state_space.selective_inputs(1, 2, 1, 1, dtype=torch.float64)[0].dtype == torch.float64
    with pytest.raises(ValueError):
        state_space.selective_inputs(0, 2, 1, 1)


def test_mixer_split_reproduces_the_library_forward():
    mixer = state_space.tiny_mamba_mixer(hidden_size=8, state_size=4, expand=2, seed=3)
    hidden = torch.randn(2, 11, 8, generator=torch.Generator().manual_seed(0))
    parts = state_space.mixer_scan_inputs(mixer, hidden)
    assert parts["x"].shape == parts["delta"].shape == parts["gate"].shape == (2, 11, 16)
    assert parts["A"].shape == (16, 4) and parts["B"].shape == parts["C"].shape == (2, 11, 4)
    assert (parts["delta"] > 0).all() and (parts["A"] < 0).all()
    y = _library_scan(parts["x"], parts["delta"], parts["A"], parts["B"], parts["C"])
    ours = state_space.mixer_output_from_scan(mixer, y, parts["x"], parts["D"], parts["gate"])
    with torch.no_grad():
        library = mixer(hidden)
    assert torch.allclose(ours, library, atol=1e-6)


def test_tiny_mamba_mixer_is_seeded_and_leaves_global_state_alone():
    torch.manual_seed(0)
    expected = torch.rand(1)
    torch.manual_seed(0)
    first = state_space.tiny_mamba_mixer(seed=5)
    assert torch.equal(torch.rand(1), expected)
    second = state_space.tiny_mamba_mixer(seed=5)
    assert all(torch.equal(a, b) for a, b in zip(first.parameters(), second.parameters()))
    assert not first.training


def test_time_over_lengths_returns_one_positive_time_per_length():
    calls = {"sum": lambda length: (lambda: torch.ones(length).sum())}
    seconds = state_space.time_over_lengths(calls, [4, 8, 16], repeats=1, warmup=0)
    assert list(seconds) == ["sum"] and len(seconds["sum"]) == 3 and all(s > 0 for s in seconds["sum"])
