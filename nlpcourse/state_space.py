"""Helpers for the state-space (selective scan) demos of week 5, day 6, and for their timing sweeps.

- :func:`selective_inputs`: seeded inputs ``(x, delta, A, B, C)`` of a Mamba-style selective scan,
  in the course's layout (batch, length, ...) and with the value ranges a Mamba layer produces
  (``A`` negative as in the S4D-real initialisation, ``delta`` log-uniform between two step sizes);
- :func:`tiny_mamba_mixer`: a ``transformers`` ``MambaMixer`` (one Mamba layer) built from a small
  ``MambaConfig`` with seeded random weights, in eval mode;
- :func:`mixer_scan_inputs`: the tensors that the mixer's slow path hands to its scan
  (``transformers.models.mamba.modeling_mamba.mamba_selective_scan``) for given hidden states,
  transposed to the course's layout, so a scan written in the notebook can replace the library's;
- :func:`mixer_output_from_scan`: the rest of the mixer after the scan (skip term ``D``, gate,
  output projection), so that ``mixer_output_from_scan(mixer, your_scan(...), ...)`` can be
  compared with ``mixer(hidden_states)``;
- :func:`time_over_lengths`: the best wall time of several functions over a list of sequence
  lengths (a thin loop around :func:`nlpcourse.timing.best_seconds`).

What it does not do: implement the scan itself (that is the notebook's exercise), train anything,
use the CUDA kernels of ``mamba-ssm`` or load a pretrained Mamba (``state-spaces/mamba-130m-hf``
needs a network; nothing here downloads).
"""

from __future__ import annotations

import math
from typing import Any, Callable, Sequence

from nlpcourse.timing import best_seconds


def selective_inputs(batch: int, length: int, d_inner: int, d_state: int, seed: int = 0, dtype: Any = None,
                     delta_min: float = 1e-3, delta_max: float = 1e-1):
    """Seeded ``(x, delta, A, B, C)`` for a selective scan, drawn from a private generator.

    Shapes: ``x`` and ``delta`` (batch, length, d_inner); ``A`` (d_inner, d_state) with rows
    ``-1, -2, ..., -d_state`` (Mamba's S4D-real initialisation); ``B`` and ``C`` (batch, length,
    d_state), standard normal. ``delta`` is log-uniform in ``[delta_min, delta_max]`` (the range
    of Mamba's initial step sizes). ``dtype`` defaults to torch's default float dtype.
    """
    import torch

    if min(batch, length, d_inner, d_state) < 1:
        raise ValueError("batch, length, d_inner and d_state must be at least 1")
    if not 0 < delta_min <= delta_max:
        raise ValueError("need 0 < delta_min <= delta_max")
    dtype = dtype or torch.get_default_dtype()
    generator = torch.Generator().manual_seed(seed)
    x = torch.randn(batch, length, d_inner, generator=generator, dtype=torch.float64)
    log_delta = torch.rand(batch, length, d_inner, generator=generator, dtype=torch.float64) \
        * (math.log(delta_max) - math.log(delta_min)) + math.log(delta_min)
    A = -torch.arange(1, d_state + 1, dtype=torch.float64).expand(d_inner, d_state).clone()
    B = torch.randn(batch, length, d_state, generator=generator, dtype=torch.float64)
    C = torch.randn(batch, length, d_state, generator=generator, dtype=torch.float64)
    return tuple(tensor.to(dtype) for tensor in (x, log_delta.exp(), A, B, C))


def tiny_mamba_mixer(hidden_size: int = 16, state_size: int = 8, expand: int = 2, conv_kernel: int = 4,
                     seed: int = 0):
    """One Mamba layer (``MambaMixer``) of a small ``MambaConfig``, seeded random weights, eval mode.

    The mixer's inner width is ``expand * hidden_size``. On a CPU without the ``mamba-ssm``
    kernels its forward pass takes the pure-PyTorch slow path (a Python loop over positions).
    """
    import torch
    from transformers import MambaConfig
    from transformers.models.mamba.modeling_mamba import MambaMixer

    config = MambaConfig(hidden_size=hidden_size, state_size=state_size, expand=expand, conv_kernel=conv_kernel,
                         num_hidden_layers=1, vocab_size=16)
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        mixer = MambaMixer(config, layer_idx=0)
        with torch.no_grad():  # the default initialisation leaves some weights at 0: randomise them all
            for name, parameter in mixer.named_parameters():
                if name not in ("A_log", "dt_proj.bias"):
                    parameter.normal_(0.0, 1.0 / math.sqrt(max(parameter.shape[-1], 1)))
    return mixer.eval()


def mixer_scan_inputs(mixer, hidden_states) -> dict:
    """What ``mixer``'s slow path feeds its scan for ``hidden_states`` (batch, length, hidden_size).

    Returns a dict of tensors in the course's layout: ``x`` and ``delta`` (batch, length, d_inner)
    with ``delta = softplus(dt_proj(...))`` already applied, ``A = -exp(A_log)`` (d_inner, d_state),
    ``B`` and ``C`` (batch, length, d_state), ``D`` (d_inner,) and the gate (batch, length, d_inner).
    Computed without gradients, as in the library (in_proj, causal depthwise convolution, SiLU,
    x_proj, dt_proj).
    """
    import torch
    import torch.nn.functional as F

    with torch.no_grad():
        length = hidden_states.shape[1]
        projected = mixer.in_proj(hidden_states).transpose(1, 2)                # (batch, 2 d_inner, length)
        x, gate = projected.chunk(2, dim=1)
        x = mixer.act(mixer.conv1d(x)[..., :length]).transpose(1, 2)            # (batch, length, d_inner)
        time_step, B, C = torch.split(mixer.x_proj(x), [mixer.time_step_rank, mixer.ssm_state_size,
                                                        mixer.ssm_state_size], dim=-1)
        delta = F.softplus(mixer.dt_proj(time_step))                             # (batch, length, d_inner)
        return {"x": x, "delta": delta, "A": -torch.exp(mixer.A_log.float()), "B": B, "C": C,
                "D": mixer.D.detach().float(), "gate": gate.transpose(1, 2)}


def mixer_output_from_scan(mixer, scan_output, x, D, gate):
    """The mixer's output from a scan's ``y`` (batch, length, d_inner): ``out_proj((y + D x) * silu(gate))``."""
    import torch
    import torch.nn.functional as F

    with torch.no_grad():
        return mixer.out_proj((scan_output + x * D) * F.silu(gate))


def time_over_lengths(calls: dict[str, Callable[[int], Callable[[], Any]]], lengths: Sequence[int],
                      repeats: int = 3, warmup: int = 1, device: Any = None) -> dict[str, list[float]]:
    """``{name: [best seconds at each length]}``: ``calls[name](length)`` builds the inputs and returns
    the zero-argument function to time (so building inputs is not timed)."""
    seconds: dict[str, list[float]] = {name: [] for name in calls}
    for length in lengths:
        for name, prepare in calls.items():
            seconds[name].append(best_seconds(prepare(int(length)), repeats=repeats, warmup=warmup, device=device))
    return seconds
