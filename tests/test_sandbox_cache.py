"""The sandbox's copy of numba's cache: compiled once by trusted runs, never shared writable.

librosa compiles its inner loops with numba (``cache=True``). The usual cache, beside librosa's
sources, is read-only inside bubblewrap, so without ``sandbox.NUMBA_CACHE`` every graded notebook
that uses librosa compiled the same functions again (about half a minute each).
"""

from __future__ import annotations

import pytest

from autograder import sandbox

DTW = ("import numpy as np, librosa\n"
       "librosa.sequence.dtw(np.arange(12.0).reshape(3, 4), np.arange(15.0).reshape(3, 5))\n"
       "accumulate = getattr(librosa.sequence, '__dtw_calc_accu_cost')\n"
       "print('hits', sum(accumulate.stats.cache_hits.values()), 'misses', sum(accumulate.stats.cache_misses.values()))\n")

POISON = ("import os, pathlib\n"
          "folder = pathlib.Path(os.environ['NUMBA_CACHE_DIR'])\n"
          "print('marker', (folder / 'marker.txt').read_text())\n"
          "(folder / 'marker.txt').write_text('changed by a student')\n"
          "(folder / 'planted.nbi').write_text('not numba')\n")

pytestmark = pytest.mark.skipif(not sandbox.bubblewrap_available(), reason="needs bubblewrap")


def _run(source: str, sandboxed: bool) -> str:
    result = sandbox.run_job({"cells": [{"id": "cell", "source": source}], "requests": []}, sandboxed=sandboxed)
    assert result.cells["cell"]["ok"], result.cells["cell"]
    return result.cells["cell"]["output"]


@pytest.fixture
def grader_cache(tmp_path, monkeypatch):
    folder = tmp_path / "numba"
    monkeypatch.setattr(sandbox, "NUMBA_CACHE", folder)
    return folder


def test_a_sandboxed_job_loads_what_a_trusted_run_compiled(grader_cache):
    _run(DTW, sandboxed=False)  # the reference run compiles into the grader's cache
    assert any(grader_cache.rglob("*.nbi")), "the trusted run wrote no numba index"
    output = _run(DTW, sandboxed=True)
    assert "misses 0" in output and "hits 0" not in output, output


def test_a_sandboxed_job_writes_only_to_its_own_copy(grader_cache):
    grader_cache.mkdir()
    (grader_cache / "marker.txt").write_text("from the grader")
    assert "marker from the grader" in _run(POISON, sandboxed=True)
    assert (grader_cache / "marker.txt").read_text() == "from the grader"
    assert not (grader_cache / "planted.nbi").exists()
    assert "marker from the grader" in _run(POISON, sandboxed=True), "the next job starts from the grader's copy"
