"""Benchmark (not a test): `make bench`.

1. Executes every solution notebook offline (hidden tests included) and reports wall seconds and
   the kernel's peak resident memory, against the budgets of 90 s and 2 GB.
2. Grades the same reference notebooks as submissions of a few students, once with trusted
   grading and once with plain nbgrader autograde, and reports seconds per student next to the
   plain execution of the same notebooks.

Writes bench/results/latest.md and prints it. Figures depend on the machine and its load.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
STUDENTS = int(os.environ.get("BENCH_STUDENTS", "3"))
TIME_BUDGET_S, MEMORY_BUDGET_MB = 90, 2048

EXECUTE_ONE = """
import json, resource, sys, time
import nbformat
from nbclient import NotebookClient
path = sys.argv[1]
notebook = nbformat.read(path, as_version=4)
started = time.perf_counter()
NotebookClient(notebook, timeout=600, kernel_name="python3", resources={"metadata": {"path": sys.argv[2]}}).execute()
seconds = time.perf_counter() - started
peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # the kernel, once it has exited
print(json.dumps({"seconds": seconds, "peak_mb": peak_kb / 1024}))
"""


def environment(work: Path | None = None) -> dict:
    env = dict(os.environ, NLPCOURSE_SIZE="small", NLPCOURSE_ONLINE="0", HF_HUB_OFFLINE="1",
               TOKENIZERS_PARALLELISM="false")
    env["PATH"] = os.path.dirname(sys.executable) + os.pathsep + env.get("PATH", "")
    if work is not None:
        env["NLPCOURSE_WORK"] = str(work)
    return env


def execute(path: Path) -> dict:
    result = subprocess.run([sys.executable, "-c", EXECUTE_ONE, str(path), str(path.parent)], cwd=REPO,
                            env=environment(), capture_output=True, text=True)
    if result.returncode != 0:
        return {"seconds": float("nan"), "peak_mb": float("nan"), "error": result.stderr[-500:]}
    return json.loads(result.stdout.strip().splitlines()[-1])


def grade_seconds(week: str, days: list[str], plain: bool) -> tuple[float, str]:
    """Mean seconds per student for grading STUDENTS reference submissions of ``week``."""
    with tempfile.TemporaryDirectory(prefix="nlpcourse-bench-") as scratch:
        submissions = Path(scratch) / "submissions"
        for index in range(STUDENTS):
            folder = submissions / f"student{index}"
            folder.mkdir(parents=True)
            for day in days:
                shutil.copy(REPO / "solutions" / week / f"{day}.ipynb", folder / f"{day}.ipynb")
        command = [sys.executable, "-m", "autograder", "grade", week, str(submissions), "--seed", "1", "--jobs", "1"]
        if plain:
            command.append("--plain")
        started = time.perf_counter()
        result = subprocess.run(command, cwd=REPO, env=environment(Path(scratch) / "work"),
                                capture_output=True, text=True)
        elapsed = time.perf_counter() - started
        per_student = [float(line.split(" in ")[1].split(" s")[0]) for line in result.stdout.splitlines()
                       if line.startswith("graded ") and " in " in line]
        note = "" if result.returncode == 0 else f"failed: {result.stderr[-300:]}"
        mean = sum(per_student) / len(per_student) if per_student else float("nan")
        return mean, f"{note} (whole command {elapsed:.1f} s)"


def main() -> None:
    from autograder import paths

    lines = ["# Benchmark", "", f"machine: {os.cpu_count()} cores; budgets {TIME_BUDGET_S} s and {MEMORY_BUDGET_MB} MB",
             "", "## Solution notebooks, executed offline", "",
             "| notebook | seconds | kernel peak MB | within budget |", "|---|---:|---:|---|"]
    executed = {}
    for week in paths.weeks():
        for day in paths.days(week):
            figures = execute(paths.SOLUTIONS / week / f"{day}.ipynb")
            executed[(week, day)] = figures
            ok = figures["seconds"] <= TIME_BUDGET_S and figures["peak_mb"] <= MEMORY_BUDGET_MB
            lines.append(f"| {week}/{day} | {figures['seconds']:.1f} | {figures['peak_mb']:.0f} | "
                         f"{'yes' if ok else 'NO'} {figures.get('error', '')} |")
    lines += ["", f"## Grading {STUDENTS} reference submissions per week (seconds per student)", "",
              "| week | plain execution | trusted autograde | plain nbgrader autograde | notes |",
              "|---|---:|---:|---:|---|"]
    for week in paths.weeks():
        days = paths.days(week)
        plain_execution = sum(executed[(week, day)]["seconds"] for day in days)
        trusted, trusted_note = grade_seconds(week, days, plain=False)
        plain, plain_note = grade_seconds(week, days, plain=True)
        lines.append(f"| {week} | {plain_execution:.1f} | {trusted:.1f} | {plain:.1f} | "
                     f"trusted{trusted_note}; plain{plain_note} |")
    report = "\n".join(lines) + "\n"
    (REPO / "bench" / "results").mkdir(parents=True, exist_ok=True)
    (REPO / "bench" / "results" / "latest.md").write_text(report)
    print(report)


if __name__ == "__main__":
    main()
