"""Turn a pile of submitted files into one clean notebook per student and day.

Accepted layouts (a folder, or a ``.zip`` of one, as LMSs download them):

- one folder per student: ``SUBMISSIONS/<student>/<day>.ipynb`` (a ``<week>/`` level in between is
  fine; Moodle's ``Name_123_assignsubmission_file_`` folder names give the student ``123``);
- flat files: ``SUBMISSIONS/<student>_<day>.ipynb`` (Canvas's ``name_123_456_<day>.ipynb``, with an
  optional ``_LATE`` and ``-1`` resubmission suffix, gives the student ``name_123``).

Every notebook is *rebuilt* from the released notebook of that day: all cells, metadata and
checksums are the instructor's; only the source of each answer cell is taken from the submission,
matched by grade id and cell type. So deleted, retyped, renamed or re-pointed grade cells, extra
files, forged outputs and edited test cells all disappear. A file that is not a valid nbformat-4
notebook is rejected with a reason, and the student is graded on the unmodified stub (0 points)
while the rest of the class is graded normally.
"""

from __future__ import annotations

import dataclasses
import json
import re
import shutil
import tempfile
import zipfile
from pathlib import Path

from autograder import paths, release
from nlpcourse.grading import notebook as nb

MAX_NOTEBOOK_BYTES = 20 * 2**20
STUDENT_ID = re.compile(r"[^A-Za-z0-9_.-]+")


class LayoutError(ValueError):
    """The submissions are not laid out in a way we can read."""


@dataclasses.dataclass
class Submission:
    student: str
    day: str
    path: Path


@dataclasses.dataclass
class Ingested:
    students: list
    problems: dict  # (student, day) -> message


def clean_student_id(raw: str) -> str:
    moodle = re.match(r"^.*?_(\d+)_assignsubmission_file_?$", raw)
    if moodle:
        return moodle.group(1)
    canvas = re.match(r"^([a-z]+)_(?:late_)?(\d+)_\d+$", raw, re.I)
    if canvas:
        return f"{canvas.group(1)}_{canvas.group(2)}".lower()
    cleaned = STUDENT_ID.sub("_", raw).strip("_.")
    if not cleaned:
        raise LayoutError(f"cannot make a student id from {raw!r}")
    return cleaned


def _match_day(filename: str, days: list[str]) -> tuple[str, str] | None:
    """(prefix, day) if ``filename`` ends with one of the day names (LMS suffixes allowed)."""
    stem = re.sub(r"(-\d+)?\.ipynb$", "", filename)
    for day in sorted(days, key=len, reverse=True):
        if stem == day:
            return "", day
        if stem.endswith("_" + day):
            return stem[: -len(day) - 1], day
    return None


def find_submissions(folder: Path, week: str) -> list[Submission]:
    days = paths.days(week)
    notebooks = [p for p in folder.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts
                 and "__MACOSX" not in p.parts]
    if not notebooks:
        raise LayoutError(f"No .ipynb files found in {folder}")
    found, unknown = [], []
    for path in sorted(notebooks):
        relative = path.relative_to(folder)
        match = _match_day(path.name, days)
        if match is None:
            unknown.append(str(relative))
            continue
        prefix, day = match
        folders = [part for part in relative.parts[:-1] if part != week]
        if prefix:
            student = clean_student_id(prefix)
        elif folders:
            student = clean_student_id(folders[0])
        else:
            raise LayoutError(f"{relative}: cannot tell whose notebook this is. Put each student's files in a "
                              f"folder named after the student, or name files <student>_{day}.ipynb")
        found.append(Submission(student, day, path))
    if not found:
        raise LayoutError(f"None of the notebooks in {folder} is named after a day of {week} "
                          f"({', '.join(days)}); found: {', '.join(unknown[:10])}")
    duplicates = {}
    for submission in found:
        duplicates.setdefault((submission.student, submission.day), []).append(submission.path)
    clashes = {key: value for key, value in duplicates.items() if len(value) > 1}
    if clashes:
        described = "; ".join(f"{s}/{d}: {', '.join(map(str, p))}" for (s, d), p in clashes.items())
        raise LayoutError(f"More than one notebook for the same student and day: {described}")
    return found


def unpack(submissions: Path, scratch: Path) -> Path:
    """The folder to read: ``submissions`` itself, or a zip extracted safely into ``scratch``."""
    if submissions.is_dir():
        return submissions
    if submissions.is_file() and zipfile.is_zipfile(submissions):
        with zipfile.ZipFile(submissions) as archive:
            for member in archive.infolist():
                target = (scratch / member.filename).resolve()
                if not str(target).startswith(str(scratch.resolve())):
                    raise LayoutError(f"{submissions}: unsafe path in zip: {member.filename}")
            archive.extractall(scratch)
        return scratch
    raise LayoutError(f"{submissions} is neither a folder nor a zip file")


def load_submitted(path: Path) -> dict:
    """The submitted notebook as JSON, or ValueError saying what is wrong with it."""
    if path.stat().st_size > MAX_NOTEBOOK_BYTES:
        raise ValueError(f"file is larger than {MAX_NOTEBOOK_BYTES // 2**20} MB")
    try:
        notebook = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ValueError(f"not a valid notebook file (invalid JSON: {error})") from None
    if not isinstance(notebook, dict) or not isinstance(notebook.get("cells"), list):
        if isinstance(notebook, dict) and notebook.get("nbformat") == 3:
            raise ValueError("saved in the old nbformat 3; open it in JupyterLab and save it again")
        raise ValueError("not a Jupyter notebook (no list of cells)")
    if notebook.get("nbformat") != 4:
        raise ValueError(f"unsupported nbformat {notebook.get('nbformat')!r} (need 4)")
    return notebook


def rebuild(released: dict, submitted: dict | None) -> dict:
    """The released notebook with the student's answer sources put in (see module docstring)."""
    rebuilt = json.loads(json.dumps(released))
    answers = {}
    for cell in (submitted or {}).get("cells", []):
        if isinstance(cell, dict) and isinstance(nb.grade_id(cell), str):
            answers.setdefault((nb.grade_id(cell), cell.get("cell_type")), nb.source_of(cell))
    for cell in rebuilt["cells"]:
        if nb.nbgrader_meta(cell).get("solution"):
            source = answers.get((nb.grade_id(cell), cell["cell_type"]))
            if isinstance(source, str):
                cell["source"] = source
        if cell["cell_type"] == "code":
            cell["outputs"], cell["execution_count"] = [], None
    return rebuilt


def ingest(week: str, submissions: Path) -> Ingested:
    """Copy every submission into nbgrader's submitted folder as a rebuilt notebook."""
    if not (paths.COURSE / week).is_dir():
        raise LayoutError(f"Unknown week {week!r}; weeks: {', '.join(paths.weeks())}")
    problems, students = {}, set()
    with tempfile.TemporaryDirectory(prefix="nlpcourse-ingest-") as scratch:
        folder = unpack(Path(submissions), Path(scratch))
        for submission in find_submissions(folder, week):
            students.add(submission.student)
            original = paths.ORIGINALS / submission.student / week / f"{submission.day}.ipynb"
            original.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(submission.path, original)
            released = nb.read(paths.COURSE / week / f"{submission.day}.ipynb")
            try:
                submitted = load_submitted(submission.path)
            except ValueError as error:
                problems[(submission.student, submission.day)] = str(error)
                submitted = None
            target = paths.SUBMITTED / submission.student / week / f"{submission.day}.ipynb"
            release.write_notebook(target, rebuild(released, submitted))
    return Ingested(sorted(students), problems)
