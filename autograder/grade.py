"""``grade WEEK SUBMISSIONS``: submissions -> students -> autograde -> feedback -> grades CSV.

Grading is trusted by default (``autograder.trusted``); ``plain=True`` runs nbgrader's own
in-kernel execution instead (only for comparison, e.g. in the benchmark). What was graded before
is kept: other students' grades are untouched, and the gradebook is backed up first and checked
afterwards (its stored test cells must be unchanged, else the backup is restored).

The batch always completes: whatever goes wrong with one student's notebook (unreadable,
malformed, a crash while grading or writing feedback) becomes a line in the ``problem`` column of
the CSV for that student, and the others are graded as usual. A regrade that lowers a student's
earlier score says so there too. Only a grader that cannot work at all (no sandbox, an unknown
week, an unreadable layout, a changed gradebook) stops the run, before anyone is graded.
"""

from __future__ import annotations

import contextlib
import csv
import dataclasses
import hashlib
import io
import os
import shutil
import tempfile
import time
from pathlib import Path

from autograder import feedback, ingest, paths, release, sandbox, seeds

TRUSTED_STEP = "autograder.trusted.TrustedExecute"  # first autograde step in nbgrader_config.py
PLAIN_STEP = "nbgrader.preprocessors.Execute"


class GradebookTampered(RuntimeError):
    """The gradebook's stored cells changed during grading; the backup was restored."""


@dataclasses.dataclass
class GradeReport:
    week: str
    students: list
    problems: dict  # (student, day) -> message
    csv_path: Path
    feedback_dir: Path
    seconds_per_student: dict
    seed: int


def gradebook_fingerprint(db_url: str, week: str) -> str:
    """A hash of every stored source and grade cell of ``week`` (what hidden tests are made of)."""
    from nbgrader.api import Gradebook

    digest = hashlib.sha256()
    with Gradebook(db_url) as gradebook:
        assignment = gradebook.find_assignment(week)
        for notebook in sorted(assignment.notebooks, key=lambda n: n.name):
            for cell in sorted(notebook.source_cells, key=lambda c: c.name):
                digest.update(repr((notebook.name, cell.name, cell.cell_type, cell.locked, cell.source,
                                    cell.checksum)).encode())
            for cell in sorted(notebook.grade_cells, key=lambda c: c.name):
                digest.update(repr((notebook.name, cell.name, cell.max_score, cell.cell_type)).encode())
    return digest.hexdigest()


def default_jobs() -> int:
    """One grading process per core this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def grade(week: str, submissions: Path, plain: bool = False, seed: int = 0, wall_seconds: float = 300.0,
          jobs: int = 1, progress: bool = False, log=print) -> GradeReport:
    """Grade every submission of ``week`` found in ``submissions``.

    ``jobs`` > 1 runs the students' notebooks in that many sandboxes at once (trusted grading
    only); the grades are the same as with ``jobs=1``. ``progress`` shows a progress bar on stderr.
    """
    if week not in paths.weeks():
        raise ingest.LayoutError(f"Unknown week {week!r}; weeks: {', '.join(paths.weeks())}")
    submissions = Path(submissions)
    if not submissions.exists():
        raise ingest.LayoutError(f"{submissions} does not exist")
    paths.WORK.mkdir(parents=True, exist_ok=True)
    db_url = f"sqlite:///{paths.GRADEBOOK}"
    seed = seed or seeds.assignment_seed(week)  # the same inputs on every run: the same score

    # The gradebook learns the week's cells from the same generation step as the release.
    with tempfile.TemporaryDirectory(prefix="nlpcourse-regen-") as scratch:
        release.generate(week, Path(scratch), db_url)
    paths.BACKUPS.mkdir(parents=True, exist_ok=True)
    backup = paths.BACKUPS / f"gradebook-{time.strftime('%Y%m%d-%H%M%S')}.db"
    shutil.copy2(paths.GRADEBOOK, backup)
    before = gradebook_fingerprint(db_url, week)

    if not plain:
        sandbox.check_works()
    earlier = recorded_scores(db_url, week)
    ingested = ingest.ingest(week, submissions)
    for (student, day), problem in sorted(ingested.problems.items()):
        log(f"! {student} / {day}: {problem}")

    config = release.nbgrader_config()
    steps = list(config.Autograde.autograde_preprocessors)
    if steps[0] != TRUSTED_STEP:
        raise RuntimeError(f"nbgrader_config.py must start autograding with {TRUSTED_STEP}")
    if plain:
        config.Autograde.autograde_preprocessors = [PLAIN_STEP, *steps[1:]]
    config.TrustedExecute.run_seed = seed
    config.TrustedExecute.wall_seconds = wall_seconds
    config.Execute.timeout = int(wall_seconds)
    if plain:  # hidden tests run in the student's kernel and look up the reference there
        os.environ["NLPCOURSE_SOLUTIONS"] = str(paths.SOLUTIONS)
    api = release.nbgrader_api(config)
    if not plain and jobs > 1:
        _grade_ahead(week, ingested.students, config, jobs, progress, log)
    seconds = {}
    for student in ingested.students:
        started = time.perf_counter()
        try:
            with contextlib.redirect_stdout(io.StringIO()):
                result = api.autograde(week, student, force=True, create=True)
        except Exception as error:  # nbgrader reports most failures in `result`; this is the rest
            result = {"success": False, "error": f"{type(error).__name__}: {error}"}
        seconds[student] = time.perf_counter() - started
        if not result.get("success"):
            ingested.problems[(student, "*")] = f"autograding failed: {_last_error(result)}"
            log(f"! {student}: autograding failed (see grades CSV)")
        else:
            log(f"graded {student} in {seconds[student]:.1f} s")
    if not plain and jobs > 1:
        from autograder import trusted

        trusted.TrustedExecute._verdicts.clear()  # computed ahead for this batch only

    if gradebook_fingerprint(db_url, week) != before:
        shutil.copy2(backup, paths.GRADEBOOK)
        raise GradebookTampered(f"The stored cells of {week} changed during grading; restored {backup.name}. "
                                "Grades from this run were discarded.")

    test_sources = feedback.week_test_sources(week)
    for student in ingested.students:
        try:
            with contextlib.redirect_stdout(io.StringIO()):
                api.generate_feedback(week, student, force=True)
        except Exception as error:
            ingested.problems[(student, "*")] = f"no feedback: {type(error).__name__}: {str(error)[:300]}"
        for html_file in (paths.FEEDBACK / student / week).glob("*.html"):
            leaks = feedback.leaks_in(html_file.read_text(encoding="utf-8"), test_sources)
            if leaks:
                html_file.unlink()
                ingested.problems[(student, html_file.stem)] = "feedback withheld: it would have shown hidden tests"
    for (student, day), score in recorded_scores(db_url, week).items():
        before_score = earlier.get((student, day))
        if student in ingested.students and before_score is not None and score < before_score:
            note = f"this regrade lowered the score from {before_score:g} to {score:g}"
            ingested.problems[(student, day)] = "; ".join(filter(None, [ingested.problems.get((student, day)), note]))
            log(f"! {student} / {day}: {note}")
    csv_path = write_grades_csv(week, db_url, ingested.problems)
    return GradeReport(week, ingested.students, ingested.problems, csv_path, paths.FEEDBACK, seconds, seed)


def _grade_ahead(week: str, students: list, config, jobs: int, progress: bool, log) -> None:
    """Run the sandboxes of all ``students``' notebooks in ``jobs`` processes before autograde.

    The autograde loop then finds each verdict ready (``trusted.grade_ahead``). A notebook that
    fails here is simply graded again there, where its failure is reported as usual.
    """
    from tqdm.auto import tqdm

    from autograder import trusted

    notebooks = {(student, day): paths.SUBMITTED / student / week / f"{day}.ipynb"
                 for student in students for day in paths.days(week)
                 if (paths.SUBMITTED / student / week / f"{day}.ipynb").exists()}
    started = time.perf_counter()
    bar = tqdm(total=len(notebooks), unit="notebook", desc=f"grading ({jobs} at once)", disable=not progress)
    failed = []

    def on_done(key, error):
        if error:
            failed.append(key)
            bar.set_postfix(failed=len(failed))
        bar.update()

    with bar:
        trusted.grade_ahead(trusted.TrustedExecute(config=config), week, notebooks, jobs, on_done)
    log(f"ran {len(notebooks)} notebook(s) in {time.perf_counter() - started:.1f} s with {jobs} at once"
        + (f"; {len(failed)} will be graded again one at a time" if failed else ""))


def recorded_scores(db_url: str, week: str) -> dict:
    """(student, day) -> score of every notebook of ``week`` graded so far."""
    from nbgrader.api import Gradebook, MissingEntry

    scores = {}
    with Gradebook(db_url) as gradebook:
        try:
            assignment = gradebook.find_assignment(week)
        except MissingEntry:
            return scores
        for submission in assignment.submissions:
            for notebook in submission.notebooks:
                scores[(submission.student.id, notebook.name)] = float(notebook.score)
    return scores


def write_grades_csv(week: str, db_url: str, problems: dict) -> Path:
    """One row per student and day for everyone graded on ``week`` so far."""
    from nbgrader.api import Gradebook, MissingEntry

    csv_path = paths.WORK / "grades" / f"{week}.csv"
    csv_path.parent.mkdir(parents=True, exist_ok=True)
    with Gradebook(db_url) as gradebook, open(csv_path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["student_id", "week", "day", "score", "max_score", "problem"])
        for student in sorted(s.id for s in gradebook.students):
            for day in paths.days(week):
                try:
                    notebook = gradebook.find_submission_notebook(day, week, student)
                except MissingEntry:
                    continue
                problem = "; ".join(filter(None, [problems.get((student, day)), problems.get((student, "*"))]))
                writer.writerow([student, week, day, f"{notebook.score:g}", f"{notebook.max_score:g}", problem])
        for (student, day), problem in sorted(problems.items()):
            if student == "?":  # files nobody could be named for (see ingest.find_submissions)
                writer.writerow([student, week, day, "", "", problem])
    return csv_path


def _last_error(result: dict) -> str:
    """The most useful lines of a failed nbgrader run: its last logged error."""
    log = result.get("log") or result.get("error") or ""
    errors = [line for line in log.splitlines() if "[ERROR]" in line or "Error" in line]
    return " | ".join(errors[-3:])[-800:] or log[-800:]
