"""Benchmark (not a test): grading a class one notebook at a time against ``--jobs N``.

Makes a class of generated submissions of one week (a mix of reference answers, untouched stubs,
and the answer bank's wrong and alternative answers, so that grading meets failing checks too),
grades it with ``--jobs 1`` and with ``--jobs N``, checks that both give the same grades CSV, and
reports the speed-up and the seconds per student-notebook next to plain execution of the
solution notebooks.

    python bench/grading_jobs.py [--week W] [--days D1,D2] [--students 40] [--jobs 2]

Figures depend on the machine and its load; the report goes to bench/results/grading_jobs.md.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))

from bench.run import environment, execute  # noqa: E402


def make_class(folder: Path, week: str, days: list[str], students: int) -> None:
    """``students`` folders cycling through reference, stub and the answer bank's variants."""
    import answer_bank

    kinds = ["reference", "stub", *answer_bank.VARIANTS]
    for index in range(students):
        kind = kinds[index % len(kinds)]
        student = folder / f"student{index:03d}"
        student.mkdir(parents=True)
        for day in days:
            if kind == "reference":
                shutil.copy(REPO / "solutions" / week / f"{day}.ipynb", student / f"{day}.ipynb")
            elif kind == "stub" or kind not in answer_bank.variants(week, day):
                shutil.copy(REPO / "course" / week / f"{day}.ipynb", student / f"{day}.ipynb")
            else:
                notebook = answer_bank.submission(week, day, kind)
                (student / f"{day}.ipynb").write_text(json.dumps(notebook), encoding="utf-8")


def grade(week: str, submissions: Path, jobs: int, work: Path) -> tuple[float, str]:
    """(seconds, grades CSV text) for one grading run in a fresh workspace."""
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "autograder", "grade", week, str(submissions), "--seed", "1",
                             "--jobs", str(jobs)], cwd=REPO, env=environment(work), capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if result.returncode not in (0, 1):
        raise SystemExit(f"grading with --jobs {jobs} failed:\n{result.stdout}\n{result.stderr[-2000:]}")
    return seconds, (work / "grades" / f"{week}.csv").read_text(encoding="utf-8")


def main() -> None:
    from autograder import paths

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--week", default=paths.weeks()[0])
    parser.add_argument("--days", default="", help="comma-separated days (default: the whole week)")
    parser.add_argument("--students", type=int, default=40)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    days = args.days.split(",") if args.days else paths.days(args.week)
    with tempfile.TemporaryDirectory(prefix="nlpcourse-bench-jobs-") as scratch:
        scratch = Path(scratch)
        make_class(scratch / "class", args.week, days, args.students)
        serial, serial_csv = grade(args.week, scratch / "class", 1, scratch / "work-serial")
        parallel, parallel_csv = grade(args.week, scratch / "class", args.jobs, scratch / "work-parallel")
    plain = sum(execute(paths.SOLUTIONS / args.week / f"{day}.ipynb")["seconds"] for day in days) / len(days)
    notebooks = args.students * len(days)
    report = "\n".join([
        "# Grading a class: --jobs 1 against --jobs N", "",
        f"{args.students} students x {len(days)} notebook(s) of {args.week} ({', '.join(days)}), seed 1.", "",
        "| run | whole command (s) | s per student-notebook |", "|---|---:|---:|",
        f"| --jobs 1 | {serial:.1f} | {serial / notebooks:.2f} |",
        f"| --jobs {args.jobs} | {parallel:.1f} | {parallel / notebooks:.2f} |",
        f"| plain execution of a solution notebook | | {plain:.2f} |", "",
        f"speed-up: {serial / parallel:.2f}x; identical grades CSV: {'yes' if serial_csv == parallel_csv else 'NO'}",
    ]) + "\n"
    (REPO / "bench" / "results").mkdir(parents=True, exist_ok=True)
    (REPO / "bench" / "results" / "grading_jobs.md").write_text(report)
    print(report)
    if serial_csv != parallel_csv:
        raise SystemExit("the grades differ between --jobs 1 and --jobs N")


if __name__ == "__main__":
    main()
