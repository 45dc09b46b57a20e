"""Shared helpers for the test suite (run with `make test`)."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SOLUTIONS = REPO / "solutions"
COURSE = REPO / "course"
ARTIFACTS = REPO / "test-artifacts"


def solution_notebooks() -> list[Path]:
    return sorted(SOLUTIONS.glob("week*/day*.ipynb"))


def weeks() -> list[str]:
    return sorted(p.name for p in SOLUTIONS.iterdir() if p.is_dir() and p.name.startswith("week"))


def notebook_id(path: Path) -> str:
    return f"{path.parent.name}/{path.stem}"


def _expected_minutes(item) -> float:
    """A rough guess of a test's length, only to order the run: a week's grading round trip grows
    with its notebooks; other tests marked slow execute notebooks; the rest take seconds."""
    if item.get_closest_marker("slow") is None:
        return 0.0
    week = getattr(item, "callspec", None) and item.callspec.params.get("week")
    if week:
        return 1.5 * len(list((SOLUTIONS / week).glob("day*.ipynb")))
    return 1.0


def pytest_collection_modifyitems(config, items):
    """Run the longest tests first. With two workers (``-n 2 --dist worksteal``) the short tests
    then fill the gaps at the end, instead of a long round trip starting last and running alone."""
    items.sort(key=_expected_minutes, reverse=True)  # a stable sort: ties keep the file order


def child_env(work: Path | None = None) -> dict:
    """Environment for subprocesses: the venv's bin first, small size, offline, scratch work dir."""
    env = dict(os.environ)
    env["PATH"] = os.path.dirname(sys.executable) + os.pathsep + env.get("PATH", "")
    env["NLPCOURSE_SIZE"] = "small"
    env["NLPCOURSE_ONLINE"] = "0"
    env["HF_HUB_OFFLINE"] = "1"
    env["TOKENIZERS_PARALLELISM"] = "false"
    if work is not None:
        env["NLPCOURSE_WORK"] = str(work)
    return env


def run_autograder(args: list[str], work: Path, timeout: float = 1800,
                   python: str = sys.executable) -> subprocess.CompletedProcess:
    """Run `python -m autograder ARGS` with its grading workspace in ``work``."""
    return subprocess.run([python, "-m", "autograder", *args], cwd=REPO, env=child_env(work),
                          capture_output=True, text=True, timeout=timeout)


def read_grades(work: Path, week: str) -> dict:
    """{(student, day): (score, max_score, problem)} from the grades CSV."""
    with open(work / "grades" / f"{week}.csv", newline="", encoding="utf-8") as handle:
        return {(row["student_id"], row["day"]): (float(row["score"] or "nan"), float(row["max_score"] or "nan"),
                                                  row["problem"]) for row in csv.DictReader(handle)}


def cell_scores(work: Path, week: str, student: str) -> dict:
    """{(day, test grade id): score} for one student, from the gradebook."""
    from nbgrader.api import Gradebook

    scores = {}
    with Gradebook(f"sqlite:///{work / 'gradebook.db'}") as gradebook:
        submission = gradebook.find_submission(week, student)
        for notebook in submission.notebooks:
            for grade in notebook.grades:
                if not grade.cell.name.startswith("test_") and grade.cell.cell_type != "code":
                    continue
                scores[(notebook.name, grade.cell.name)] = grade.score
    return scores


@pytest.fixture
def work(tmp_path) -> Path:
    folder = tmp_path / "work"
    folder.mkdir()
    return folder


@pytest.fixture
def one_torch_thread():
    """Torch on one thread for the test (restored after): the course's models are tiny, and on a busy
    2-core machine one thread is many times faster than two that wait for each other. Use it with
    ``pytestmark = pytest.mark.usefixtures("one_torch_thread")``."""
    import torch

    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)
