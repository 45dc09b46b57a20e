"""Wall-clock timing for the notebooks' speed measurements, and the slope of a log-log curve.

- :func:`best_seconds`: the best wall time of a call over a few repeats, after untimed warm-up
  calls, waiting for a GPU to finish where the work runs on one (CUDA kernels are asynchronous,
  so a timer read without synchronising measures only the launch);
- :func:`loglog_slope`: the least-squares slope of ``log(y)`` against ``log(x)``, the exponent
  ``k`` of a cost that grows like ``x**k`` (1 for linear, 2 for quadratic).

What it does not do: control the machine. The best of a few runs filters out other programs'
interruptions, not a machine that stays busy; thread counts are set elsewhere
(``nlpcourse.limit_threads``). Compare timings taken in the same session on the same machine only.
"""

from __future__ import annotations

import time
from typing import Any, Callable, Sequence

import numpy as np


def _synchronise(device: Any) -> None:
    """Wait for queued GPU work on ``device`` ("cuda", "mps", a torch.device or None)."""
    kind = getattr(device, "type", device)
    if kind == "cuda":
        import torch

        torch.cuda.synchronize()
    elif kind == "mps":
        import torch

        torch.mps.synchronize()


def best_seconds(function: Callable[[], Any], repeats: int = 3, warmup: int = 1, device: Any = None) -> float:
    """Best wall time in seconds of ``function()`` over ``repeats`` timed calls.

    ``warmup`` untimed calls come first (the first call of a layer allocates memory, picks kernels
    and fills caches). ``device`` ("cuda", "mps", a ``torch.device``, or None for the CPU) says where
    the work runs, so that the clock is read only after that device has finished.
    """
    if repeats < 1 or warmup < 0:
        raise ValueError(f"need repeats >= 1 and warmup >= 0, got repeats={repeats}, warmup={warmup}")
    for _ in range(warmup):
        function()
    best = float("inf")
    for _ in range(repeats):
        _synchronise(device)
        start = time.perf_counter()
        function()
        _synchronise(device)
        best = min(best, time.perf_counter() - start)
    return best


def loglog_slope(x: Sequence[float], y: Sequence[float]) -> float:
    """Least-squares slope of log(y) against log(x): ``k`` where y grows like x**k.

    ``x`` and ``y`` are positive and of the same length (at least two points).
    """
    x_values, y_values = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    if x_values.shape != y_values.shape or x_values.ndim != 1 or len(x_values) < 2:
        raise ValueError("x and y must be 1-D sequences of the same length, at least 2 points")
    if np.any(x_values <= 0) or np.any(y_values <= 0):
        raise ValueError("x and y must be positive to take logarithms")
    slope, _intercept = np.polyfit(np.log(x_values), np.log(y_values), 1)
    return float(slope)
