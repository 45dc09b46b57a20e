"""Benchmark (not a test): every from-scratch reference answer timed against its library counterpart.

`make bench-ratios` (or `.venv/bin/python bench/library_ratios.py [WEEK ...]`). For each pair in
``bench/library_pairs.py`` it loads the reference answers of a solution notebook (its setup,
context and answer cells, run in this process), builds one typical input, checks that both sides
agree on it, and times both (best of several runs, one thread each). The ratio is ours / library: above 1 means the
reference is slower. Writes bench/results/library-ratios.md and prints it.

What it does not do: judge the ratios. A pure-Python dynamic programme is expected to be far
slower than a C library; the figure tells students and maintainers how far.
"""

from __future__ import annotations

import contextlib
import importlib
import io
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

import library_pairs  # noqa: E402
from library_pairs import Pair  # noqa: E402

from nlpcourse import limit_threads  # noqa: E402
from nlpcourse.grading import notebook as nb  # noqa: E402

RESULTS = REPO / "bench" / "results" / "library-ratios.md"
MIN_SECONDS_PER_SIDE = 0.3  # repeat each call until this much time has passed, then take the best run


def reference_namespace(notebook: str) -> dict:
    """Run the setup, context and answer cells of ``solutions/<notebook>.ipynb`` in a fresh namespace."""
    path = REPO / "solutions" / f"{notebook}.ipynb"
    namespace: dict = {"__name__": "__reference__"}
    with contextlib.redirect_stdout(io.StringIO()):  # the setup cell prints a line
        for cell in nb.read(path)["cells"]:
            if nb.role(cell) in ("setup", "context", "answer"):
                exec(compile(nb.source_of(cell), f"<{notebook} {nb.grade_id(cell)}>", "exec"), namespace)
    return namespace


def best_time(function, arguments: tuple) -> float:
    """Best wall time of one call, over as many calls as fit in MIN_SECONDS_PER_SIDE (at least 3)."""
    timings = []
    started = time.perf_counter()
    while len(timings) < 3 or time.perf_counter() - started < MIN_SECONDS_PER_SIDE:
        before = time.perf_counter()
        function(*arguments)
        timings.append(time.perf_counter() - before)
    return min(timings)


def measure(pair: Pair, namespace: dict) -> dict:
    arguments = pair.inputs(np.random.default_rng(0))
    ours = [namespace[name] for name in (pair.ours, *pair.also_uses)]
    pair.agree(pair.call_ours(*ours, *arguments), pair.call_library(*arguments))
    ours_s = best_time(lambda *a: pair.call_ours(*ours, *a), arguments)
    library_s = best_time(pair.call_library, arguments)
    return {"pair": pair, "ours_s": ours_s, "library_s": library_s, "ratio": ours_s / library_s}


def table(rows: list[dict]) -> str:
    lines = ["| notebook | ours | library | input | ours (ms) | library (ms) | ours / library |",
             "|---|---|---|---|---:|---:|---:|"]
    for row in rows:
        pair = row["pair"]
        lines.append(f"| {pair.notebook.split('/')[1]} | `{pair.ours}` | {pair.library} | {pair.description} | "
                     f"{row['ours_s'] * 1e3:.3f} | {row['library_s'] * 1e3:.3f} | {row['ratio']:.2g} |")
    return "\n".join(lines)


def all_pairs() -> list[Pair]:
    """Weeks 1-2 from library_pairs.py, later weeks from one module per notebook in bench/pairs/."""
    pairs = list(library_pairs.PAIRS)
    for path in sorted((REPO / "bench" / "pairs").glob("week*.py")):
        pairs += importlib.import_module(f"pairs.{path.stem}").PAIRS
    return pairs


def main(weeks: list[str]) -> int:
    limit_threads(1)  # one thread each, so that a ratio compares algorithms, not thread counts
    selected = [pair for pair in all_pairs() if not weeks or pair.notebook.split("/")[0] in weeks]
    rows, namespaces = [], {}
    for pair in selected:
        if pair.notebook not in namespaces:
            namespaces[pair.notebook] = reference_namespace(pair.notebook)
        rows.append(measure(pair, namespaces[pair.notebook]))
        print(f"{pair.ours:28s} vs {pair.library:40s} {rows[-1]['ratio']:8.2g}x", flush=True)
    report = "# From-scratch references vs library counterparts\n\n" + table(rows) + "\n"
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(report, encoding="utf-8")
    print("\n" + report)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
