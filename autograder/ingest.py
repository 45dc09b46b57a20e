"""Turn a pile of submitted files into one clean notebook per student and day.

Accepted layouts (a folder, or a ``.zip`` of one, as LMSs download them):

- one folder per student: ``SUBMISSIONS/<student>/<day>.ipynb`` (a ``<week>/`` level in between is
  fine; Moodle's ``Name_123_assignsubmission_file_`` folder names give the student ``123``);
- flat files: ``SUBMISSIONS/<student>_<day>.ipynb`` (Canvas's ``name_123_456_<day>.ipynb``, with an
  optional ``_LATE`` and ``-1`` resubmission suffix, gives the student ``name_123``).

Week folders are skipped. **Whose notebook it is** comes from one place only: the student folder a notebook is in,
or, for a notebook not in any student folder, its file name. A name inside a student's folder
never counts (``mallory/alice_day.ipynb`` is mallory's), so a submission can only be graded as its
own student's. (So pass the folder that holds the student folders or the flat files, not one
above it: a folder around flat files would be taken for one student with many resubmissions.)

**Two notebooks for one student and day** (an LMS re-upload: ``day.ipynb`` and ``day-1.ipynb``)
are not an error: the one with the highest ``-N`` suffix is graded, then the most recently
modified (a zip's own timestamps are kept), then the last by name; the others are listed as a
problem for that student.

Every notebook is *rebuilt* from the released notebook of that day: all cells, metadata and
checksums are the instructor's; only the source of each answer cell is taken from the submission,
matched by grade id and cell type. So deleted, retyped, renamed or re-pointed grade cells, extra
files, forged outputs and edited test cells all disappear. A file that does not pass
:func:`validate` (the parts of nbformat 4 that the rebuild reads) is graded as the unmodified stub
(0 points) with the reason in the grades CSV, while the rest of the class is graded normally.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import shutil
import tempfile
import time
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
    path: Path | None  # None: nothing readable was submitted (graded as the stub)


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


def _match_day(filename: str, days: list[str]) -> tuple[str, str, int] | None:
    """(prefix, day, resubmission number) if ``filename`` ends with a day name (LMS suffixes allowed)."""
    match = re.match(r"^(.*?)(?:-(\d+))?\.ipynb$", filename)
    if match is None:
        return None
    stem, resubmission = match.group(1), int(match.group(2) or 0)
    for day in sorted(days, key=len, reverse=True):
        if stem == day:
            return "", day, resubmission
        if stem.endswith("_" + day):
            return stem[: -len(day) - 1], day, resubmission
    return None


def _same_student(first: str, second: str) -> bool:
    """Whether two names that give one student id are one student: yes when both carry an LMS's
    numeric user id (Canvas's late and resubmitted file names, Moodle folders), or differ only in
    case; no when two free-form names were cleaned into the same id (``bob smith!`` and ``bob_smith``)."""
    lms = re.compile(r"^(.*?_\d+_assignsubmission_file_?|[a-z]+_(?:late_)?\d+_\d+)$", re.I)
    return bool(lms.match(first) and lms.match(second)) or first.lower() == second.lower()


def find_submissions(folder: Path, week: str) -> tuple[list[Submission], dict]:
    """The notebooks to grade, and problems to report: (student, day) -> message.

    See the module docstring for how the student and the graded duplicate are chosen.
    """
    days = paths.days(week)
    notebooks = [p for p in folder.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts
                 and "__MACOSX" not in p.parts]
    if not notebooks:
        raise LayoutError(f"No .ipynb files found in {folder}")
    candidates, unknown, ownerless, problems, raw_names = {}, [], [], {}, {}
    for path in sorted(notebooks):
        relative = path.relative_to(folder)
        match = _match_day(path.name, days)
        if match is None:
            unknown.append(str(relative))
            continue
        prefix, day, resubmission = match
        folders = [part for part in relative.parts[:-1] if part != week and part not in paths.weeks()]
        if folders:
            raw_name = folders[0]  # the folder decides, never a name inside it
        elif prefix:
            raw_name = prefix
        else:
            ownerless.append(str(relative))
            continue
        student = clean_student_id(raw_name)
        if raw_names.setdefault(student, raw_name) != raw_name and not _same_student(raw_names[student], raw_name):
            raise LayoutError(f"{raw_names[student]!r} and {raw_name!r} both give the student id {student!r}: "
                              "rename one, so that neither is graded as the other")
        if not path.is_file():
            problems[(student, day)] = f"{relative} is not a file (a folder named like a notebook?)"
            continue
        candidates.setdefault((student, day), []).append((resubmission, path.stat().st_mtime, str(relative), path))
    if ownerless and not candidates and not problems:
        raise LayoutError(f"{ownerless[0]}: cannot tell whose notebook this is. Put each student's files in a "
                          f"folder named after the student, or name files <student>_<day>.ipynb")
    if ownerless:  # graded by nobody: reported under the pseudo-student "?" (the batch goes on)
        problems[("?", "*")] = (f"not graded, no student folder or name prefix: {', '.join(ownerless[:10])}"
                                + (f" and {len(ownerless) - 10} more" if len(ownerless) > 10 else ""))
    if not candidates and not problems:
        raise LayoutError(f"None of the notebooks in {folder} is named after a day of {week} "
                          f"({', '.join(days)}); found: {', '.join(unknown[:10])}")
    found = []
    for (student, day), versions in sorted(candidates.items()):
        versions.sort()
        *ignored, chosen = versions
        found.append(Submission(student, day, chosen[3]))
        problems.pop((student, day), None)
        if ignored:
            problems[(student, day)] = (f"{len(versions)} notebooks for this day: graded {chosen[2]} (the latest "
                                        f"resubmission), ignored {', '.join(v[2] for v in ignored)}")
    for (student, day), message in problems.items():
        if student != "?" and not any(s.student == student and s.day == day for s in found):
            found.append(Submission(student, day, None))  # graded as the stub, with the message
    return found, problems


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
            for member in archive.infolist():  # keep the LMS's timestamps: they order resubmissions
                stamp = time.mktime((*member.date_time, 0, 0, -1))
                os.utime(scratch / member.filename, (stamp, stamp))
        return scratch
    raise LayoutError(f"{submissions} is neither a folder nor a zip file")


def load_submitted(path: Path) -> dict:
    """The submitted notebook as JSON, or ValueError saying what is wrong with it."""
    try:
        if path.stat().st_size > MAX_NOTEBOOK_BYTES:
            raise ValueError(f"file is larger than {MAX_NOTEBOOK_BYTES // 2**20} MB")
        notebook = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ValueError(f"not a valid notebook file (invalid JSON: {error})") from None
    except RecursionError:
        raise ValueError("not a valid notebook file (JSON nested too deeply to read)") from None
    except OSError as error:
        raise ValueError(f"cannot read the file ({error.strerror or error})") from None
    validate(notebook)
    return notebook


CELL_TYPES = ("code", "markdown", "raw")


def validate(notebook) -> None:
    """ValueError unless ``notebook`` has the shape of nbformat 4 in every part the rebuild reads:
    a list of cells, each a dict with a known ``cell_type``, a dict ``metadata`` (whose
    ``nbgrader``, if present, is a dict with a string ``grade_id``) and a ``source`` that is a
    string or a list of strings. Everything else in the file is ignored, so it is not checked."""
    if not isinstance(notebook, dict) or not isinstance(notebook.get("cells"), list):
        if isinstance(notebook, dict) and notebook.get("nbformat") == 3:
            raise ValueError("saved in the old nbformat 3; open it in JupyterLab and save it again")
        raise ValueError("not a Jupyter notebook (no list of cells)")
    if notebook.get("nbformat") != 4:
        raise ValueError(f"unsupported nbformat {str(notebook.get('nbformat'))[:20]!r} (need 4)")
    for number, cell in enumerate(notebook["cells"], start=1):
        where = f"cell {number}"
        if not isinstance(cell, dict):
            raise ValueError(f"{where} is not a JSON object")
        if cell.get("cell_type") not in CELL_TYPES:
            raise ValueError(f"{where} has an unknown cell_type {str(cell.get('cell_type'))[:20]!r}")
        metadata = cell.get("metadata", {})
        if not isinstance(metadata, dict):
            raise ValueError(f"{where}: its metadata is not a JSON object")
        grading = metadata.get("nbgrader", {})
        if grading is not None and not isinstance(grading, dict):
            raise ValueError(f"{where}: its nbgrader metadata is not a JSON object")
        if grading and "grade_id" in grading and not isinstance(grading["grade_id"], str):
            raise ValueError(f"{where}: its nbgrader grade_id is not a string")
        source = cell.get("source", "")
        if not (isinstance(source, str) or (isinstance(source, list) and all(isinstance(s, str) for s in source))):
            raise ValueError(f"{where}: its source is neither a string nor a list of strings")


def rebuild(released: dict, submitted: dict | None, note: str | None = None) -> dict:
    """The released notebook with the student's answer sources put in (see module docstring), and
    ``note`` (what went wrong with the file) as a first markdown cell, so the feedback shows it."""
    rebuilt = json.loads(json.dumps(released))
    if note:
        rebuilt["cells"].insert(0, {"cell_type": "markdown", "metadata": {},
                                    "source": f"**A note from the grader:** {note}."})
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
    """Copy every submission into nbgrader's submitted folder as a rebuilt notebook.

    Never stops for one student's file: what is wrong with it goes into ``problems`` and that
    student is graded on the stub. Only a layout nobody could be graded from raises LayoutError.
    """
    if not (paths.COURSE / week).is_dir():
        raise LayoutError(f"Unknown week {week!r}; weeks: {', '.join(paths.weeks())}")
    students = set()
    with tempfile.TemporaryDirectory(prefix="nlpcourse-ingest-") as scratch:
        folder = unpack(Path(submissions), Path(scratch))
        found, problems = find_submissions(folder, week)
        for submission in found:
            students.add(submission.student)
            released = nb.read(paths.COURSE / week / f"{submission.day}.ipynb")
            submitted = None
            if submission.path is not None:
                original = paths.ORIGINALS / submission.student / week / f"{submission.day}.ipynb"
                original.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(submission.path, original)
                try:
                    submitted = load_submitted(submission.path)
                except ValueError as error:
                    key = (submission.student, submission.day)
                    problems[key] = "; ".join(filter(None, [problems.get(key), f"{error} (graded as an empty submission)"]))
            target = paths.SUBMITTED / submission.student / week / f"{submission.day}.ipynb"
            note = problems.get((submission.student, submission.day))
            release.write_notebook(target, rebuild(released, submitted, note))
    return Ingested(sorted(students), problems)
