"""Where you stand: the visible tests of every day notebook you have worked on, run offline.

``python -m nlpcourse.progress [FOLDER]`` (FOLDER defaults to ``course/`` if there is one, else
the current folder) looks at every ``week*/day*.ipynb`` under FOLDER. For each notebook in which
you have written at least one answer, it runs the setup cell, your answer cells and the test
cells in a fresh kernel, the way grading runs them (demo cells are skipped), and records which
test cells pass. It prints one row per day (exercises attempted, test cells passing, points those
cells are worth) and draws the points per week to ``progress.png``.

What it does not do: grade. The notebooks you have hold only the visible tests; the hidden tests
that decide your score run when an instructor grades your submission, so passing here means
"no visible mistake", not full marks. It never needs the network, never reads ``solutions/``,
and never changes your notebooks (it runs copies in memory).

An answer counts as attempted once its ``raise NotImplementedError()`` line is gone.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path

from nlpcourse.grading import notebook as nb

STUB_LINE = "raise NotImplementedError()"
CELL_TIMEOUT_S = 300


@dataclasses.dataclass
class DayProgress:
    week: str
    day: str
    exercises: int  # answer cells
    attempted: int  # answer cells without the stub line
    test_cells: int
    passing: int  # test cells whose visible tests pass
    points: float  # points of all test cells
    points_passing: float  # points of the passing ones (the visible tests only)
    problem: str = ""  # why the notebook could not be run, if it could not


def attempted_answers(notebook: dict) -> list[str]:
    """Grade ids of the answer cells you have written (their stub line is gone)."""
    return [nb.grade_id(cell) for cell in notebook["cells"]
            if nb.role(cell) == "answer" and STUB_LINE not in nb.source_of(cell)]


def run_visible_tests(notebook: dict, folder: Path) -> dict:
    """{test grade id: passed} from running setup, answer and test cells in a fresh kernel."""
    import nbformat
    from nbclient import NotebookClient

    kept = [cell for cell in notebook["cells"] if nb.role(cell) in nb.GRADED_ROLES]
    runnable = nbformat.v4.new_notebook(cells=[nbformat.from_dict(cell) for cell in kept],
                                        metadata=notebook.get("metadata", {}))
    client = NotebookClient(runnable, timeout=CELL_TIMEOUT_S, kernel_name="python3", allow_errors=True,
                            resources={"metadata": {"path": str(folder)}})
    client.execute()
    return {nb.grade_id(cell): not any(output.get("output_type") == "error" for output in cell.get("outputs", []))
            for cell in runnable.cells if nb.role(cell) == "test"}


def day_progress(path: Path) -> DayProgress:
    """Progress on one notebook; its visible tests run only if you have attempted something."""
    import nbformat

    notebook = nbformat.read(path, as_version=4)
    answers = [cell for cell in notebook.cells if nb.role(cell) == "answer"]
    tests = [cell for cell in notebook.cells if nb.role(cell) == "test"]
    points = {nb.grade_id(cell): float(nb.nbgrader_meta(cell).get("points", 0)) for cell in tests}
    progress = DayProgress(path.parent.name, path.stem, len(answers), len(attempted_answers(notebook)),
                           len(tests), 0, sum(points.values()), 0.0)
    if progress.attempted:
        try:
            passed = run_visible_tests(notebook, path.parent)
        except Exception as error:  # a kernel that died, a cell past the time limit
            progress.problem = f"{type(error).__name__}: {str(error)[:200]}"
            return progress
        progress.passing = sum(passed.values())
        progress.points_passing = sum(points[key] for key, ok in passed.items() if ok)
    return progress


def course_progress(folder: Path, on_day=None) -> list[DayProgress]:
    """Progress on every day notebook under ``folder`` (``week*/day*.ipynb``), in course order."""
    days = []
    for path in sorted(Path(folder).glob("week*/day*.ipynb")):
        days.append(day_progress(path))
        if on_day is not None:
            on_day(days[-1])
    return days


def table(days: list[DayProgress]):
    """A pandas DataFrame with one row per day."""
    import pandas as pd

    return pd.DataFrame([{"week": d.week, "day": d.day, "exercises attempted": f"{d.attempted}/{d.exercises}",
                          "test cells passing": f"{d.passing}/{d.test_cells}",
                          "points of passing cells": f"{d.points_passing:g}/{d.points:g}", "problem": d.problem}
                         for d in days])


def plot(days: list[DayProgress], path: Path) -> Path:
    """Bars per week: points of test cells passing their visible tests, out of the week's points."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    weeks = sorted({d.week for d in days})
    available = [sum(d.points for d in days if d.week == week) for week in weeks]
    passing = [sum(d.points_passing for d in days if d.week == week) for week in weeks]
    figure, ax = plt.subplots(figsize=(max(6, 1.2 * len(weeks)), 3.8))
    positions = range(len(weeks))
    ax.bar(positions, available, color="lightgrey", label="points available")
    ax.bar(positions, passing, color="tab:green", label="points of cells passing their visible tests")
    ax.set_xticks(list(positions), [week.split("_")[0] for week in weeks])
    ax.set(ylabel="points", title="Your progress (visible tests only; hidden tests decide the grade)")
    ax.legend(loc="upper right", fontsize=8)
    figure.tight_layout()
    figure.savefig(path, dpi=100)
    plt.close(figure)
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m nlpcourse.progress", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", nargs="?", type=Path, help="the folder holding week*/day*.ipynb (default: course/ or .)")
    parser.add_argument("--figure", type=Path, default=Path("progress.png"), help="where to draw the figure")
    args = parser.parse_args(argv)
    folder = args.folder or (Path("course") if Path("course").is_dir() else Path("."))
    if not any(folder.glob("week*/day*.ipynb")):
        print(f"error: no week*/day*.ipynb notebooks under {folder.resolve()}", file=sys.stderr)
        return 2
    days = course_progress(folder, on_day=lambda d: print(f"  {d.week}/{d.day}: {d.passing}/{d.test_cells} passing"
                                                          if d.attempted else f"  {d.week}/{d.day}: not started"))
    import pandas as pd

    with pd.option_context("display.max_rows", None, "display.width", 200):
        print(table([d for d in days if d.attempted]).to_string(index=False) if any(d.attempted for d in days)
              else "You have not written an answer yet.")
    print(f"figure: {plot(days, args.figure)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
