"""The timing helpers (nlpcourse/timing.py), fast: a fake clock instead of real waiting."""

from __future__ import annotations

import itertools

import pytest

from nlpcourse import timing


def test_best_seconds_warms_up_then_returns_the_fastest_timed_call(monkeypatch):
    # perf_counter is read twice per timed call: (start, end) pairs of 5, 2 and 3 seconds.
    readings = iter([0.0, 5.0, 10.0, 12.0, 20.0, 23.0])
    monkeypatch.setattr(timing.time, "perf_counter", lambda: next(readings))
    calls = []
    assert timing.best_seconds(lambda: calls.append(1), repeats=3, warmup=2) == 2.0
    assert len(calls) == 5, "2 untimed warm-up calls, then 3 timed ones"


def test_best_seconds_without_warm_up_times_every_call(monkeypatch):
    clock = itertools.count(0.0, 0.5)  # every reading half a second after the previous one
    monkeypatch.setattr(timing.time, "perf_counter", lambda: next(clock))
    calls = []
    assert timing.best_seconds(lambda: calls.append(1), repeats=1, warmup=0) == 0.5
    assert len(calls) == 1


def test_best_seconds_on_the_cpu_measures_real_time():
    seconds = timing.best_seconds(lambda: sum(range(10_000)), repeats=2)
    assert 0.0 < seconds < 1.0


@pytest.mark.parametrize("repeats, warmup", [(0, 1), (3, -1)])
def test_best_seconds_rejects_bad_counts(repeats, warmup):
    with pytest.raises(ValueError):
        timing.best_seconds(lambda: None, repeats=repeats, warmup=warmup)


def test_loglog_slope_recovers_the_exponent():
    lengths = [16, 32, 64, 128]
    assert timing.loglog_slope(lengths, [3.0 * n for n in lengths]) == pytest.approx(1.0)
    assert timing.loglog_slope(lengths, [0.01 * n**2 for n in lengths]) == pytest.approx(2.0)
    assert timing.loglog_slope(lengths, [7.0] * 4) == pytest.approx(0.0, abs=1e-12)


@pytest.mark.parametrize("x, y", [([1, 2], [1, 2, 3]), ([1], [1]), ([0, 1], [1, 2]), ([1, 2], [1, -2])])
def test_loglog_slope_rejects_bad_input(x, y):
    with pytest.raises(ValueError):
        timing.loglog_slope(x, y)
