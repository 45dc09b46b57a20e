"""Make the student version of the course: ``release`` and ``publish-student``.

``release`` syncs the generated parts of every source notebook (badges, setup prefix), strips
their outputs, runs nbgrader's generate_assignment into a scratch folder and copies the result to
``course/``. The same solutions always give byte-identical notebooks.

``publish-student DIR`` copies what a student needs (``course/``, the helper package, the
environment files, a student README) and checks that nothing of the answers came along.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import tempfile
from pathlib import Path

from traitlets.config import Config
from traitlets.config.loader import PyFileConfigLoader

from autograder import headers, paths
from nlpcourse.grading import notebook as nb


class ReleaseError(RuntimeError):
    """A source notebook or the release itself is not as it should be."""


def nbgrader_config(**overrides: str) -> Config:
    """The course's nbgrader_config.py, with ``CourseDirectory`` settings overridden."""
    config = PyFileConfigLoader(paths.NBGRADER_CONFIG.name, path=str(paths.REPO)).load_config()
    for key, value in overrides.items():
        setattr(config.CourseDirectory, key, value)
    return config


def nbgrader_api(config: Config):
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory

    return NbGraderAPI(coursedir=CourseDirectory(config=config), config=config)


def write_notebook(path: Path, notebook: dict) -> None:
    """Write a notebook the way nbformat does (stable key order), so diffs stay small."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(notebook, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")


def strip_outputs(notebook: dict) -> bool:
    """Remove outputs, execution counts and widget state in place; True if anything changed."""
    changed = False
    for cell in notebook["cells"]:
        if cell.get("cell_type") == "code":
            if cell.get("outputs") or cell.get("execution_count") is not None:
                changed = True
            cell["outputs"], cell["execution_count"] = [], None
    if "widgets" in notebook.get("metadata", {}):
        del notebook["metadata"]["widgets"]
        changed = True
    return changed


def prepare_sources(week: str) -> None:
    """Sync generated parts and strip outputs of a week's source notebooks, in place."""
    for day in paths.days(week):
        path = paths.SOLUTIONS / week / f"{day}.ipynb"
        notebook = nb.read(path)
        changed = headers.sync(notebook, week, day)
        changed = strip_outputs(notebook) or changed
        if changed:
            write_notebook(path, notebook)


def generate(week: str, release_root: Path, db_url: str) -> Path:
    """Run nbgrader's generate_assignment for ``week``; returns the folder it wrote."""
    config = nbgrader_config(release_directory=str(release_root), db_url=db_url)
    with contextlib.redirect_stdout(None):
        result = nbgrader_api(config).generate_assignment(week, force=True, create=True)
    if not result.get("success"):
        raise ReleaseError(f"nbgrader could not release {week}:\n{result.get('error') or result.get('log')}")
    return release_root / week


def release(weeks: list[str] | None = None, destination: Path | None = None, db_url: str | None = None,
            prepare: bool = True) -> list[Path]:
    """Regenerate ``destination`` (default ``course/``) from ``solutions/``; returns written notebooks.

    ``prepare=False`` leaves the source notebooks as they are (the tests use it to check that
    ``course/`` is up to date without changing anything).
    """
    destination = destination or paths.COURSE
    weeks = weeks or paths.weeks()
    if db_url is None:
        paths.WORK.mkdir(parents=True, exist_ok=True)
        db_url = f"sqlite:///{paths.GRADEBOOK}"
    written = []
    for week in weeks:
        if not (paths.SOLUTIONS / week).is_dir():
            raise ReleaseError(f"No week folder solutions/{week}")
        if prepare:
            prepare_sources(week)
        with tempfile.TemporaryDirectory(prefix="nlpcourse-release-") as scratch:
            generated = generate(week, Path(scratch), db_url)
            target = destination / week
            if target.exists():
                shutil.rmtree(target)
            target.mkdir(parents=True)
            for item in sorted(generated.rglob("*")):
                relative = item.relative_to(generated)
                if item.is_dir():
                    (target / relative).mkdir(exist_ok=True)
                elif item.suffix == ".ipynb":
                    notebook = nb.read(item)
                    strip_outputs(notebook)
                    write_notebook(target / relative, notebook)
                    written.append(target / relative)
                else:
                    shutil.copy2(item, target / relative)
    leaks = find_leaks(*(destination / week for week in weeks))
    if leaks:  # the files are written, so the author can look; publishing them would give answers away
        raise ReleaseError("Released, but the student notebooks would leak answers; fix solutions/ and release "
                           "again:\n" + "\n".join(leaks))
    return written


STUDENT_FILES = ["course", "nlpcourse", "binder", "environment.yml", "requirements.txt", "pyproject.toml",
                 "Makefile", "scripts", "LICENSE"]
STUDENT_README = """# NLP course — student edition

Open the notebooks in `course/`, one folder per week, one notebook per day.

- On your computer: `make lab` (creates `.venv`, installs everything, opens JupyterLab).
- On Colab or Binder: use the badges at the top of each notebook.

Write your code in the cells marked `# YOUR CODE HERE`, then run the test cell under it.
"""
LEAK_MARKERS = ("### BEGIN SOLUTION", "### END SOLUTION", "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS",
                "check_function(", "check_module(", "check_training(", "check_value(")


def publish_student(destination: Path) -> Path:
    """Copy the student-facing part of the course to ``destination`` (which must not exist)."""
    destination = Path(destination)
    if destination.exists() and any(destination.iterdir()):
        raise ReleaseError(f"{destination} exists and is not empty: choose a new folder")
    destination.mkdir(parents=True, exist_ok=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", ".ipynb_checkpoints", "*.egg-info")
    for name in STUDENT_FILES:
        source = paths.REPO / name
        if source.is_dir():
            shutil.copytree(source, destination / name, ignore=ignore)
        elif source.is_file():
            shutil.copy2(source, destination / name)
    (destination / "README.md").write_text(STUDENT_README, encoding="utf-8")
    leaks = find_leaks(destination)
    if leaks:
        shutil.rmtree(destination)
        raise ReleaseError("Refusing to publish, answers would leak:\n" + "\n".join(leaks))
    return destination


def reference_snippets() -> list[str]:
    """Distinctive lines of every reference answer (used to detect leaks).

    A line the author also shows on purpose, in a prompt, in given code or in a demonstration cell
    of any solution notebook, is not a secret (a constructor line that fixes parameter names, say,
    or ``rng = np.random.default_rng(seed)``), so it is left out. Lines shown in visible test cells
    are not "on purpose": a test that repeats a reference line still counts as a leak.
    """
    snippets, shown = set(), []
    for week in paths.weeks():
        for day in paths.days(week):
            for cell in nb.read(paths.SOLUTIONS / week / f"{day}.ipynb")["cells"]:
                source = nb.source_of(cell)
                if "### BEGIN SOLUTION" in source:
                    before, rest = source.split("### BEGIN SOLUTION", 1)
                    inner, after = rest.split("### END SOLUTION", 1)
                    snippets.update(line.strip() for line in inner.splitlines()
                                    if len(line.strip()) >= 30 and not line.strip().startswith("#"))
                    shown += [before, after]
                elif nb.role(cell) != "test":
                    shown.append(source)
    shown_text = "\n".join(shown)
    return sorted(snippet for snippet in snippets if snippet not in shown_text)


def tsv_records(text: str) -> set[str]:
    """The examples of a data file: the text column of a ``label<TAB>text`` file, or each sentence
    (tokens joined by spaces) of a ``token<TAB>tag`` file."""
    lines = text.splitlines()
    if lines and lines[0] == "label\ttext":
        return {line.split("\t", 1)[1] for line in lines[1:] if "\t" in line}
    sentences, current = set(), []
    for line in lines + [""]:
        if line.strip():
            current.append(line.split("\t", 1)[0])
        elif current:
            sentences.add(" ".join(current))
            current = []
    return sentences


def heldout_records() -> set[str]:
    """Every example of the held-out splits (a published file must contain none of them)."""
    records = set()
    for path in sorted(paths.HELDOUT.glob("*.tsv")):
        records |= tsv_records(path.read_text(encoding="utf-8"))
    return records


def find_leaks(*folders: Path) -> list[str]:
    """Files under ``folders`` that carry solutions, hidden tests, held-out data or instructor tooling.

    The reference lines and held-out examples are read once, however many folders are checked.
    """
    leaks = []
    for folder in folders:
        for forbidden in ("solutions", "autograder", "tests", "nbgrader_config.py"):
            if (folder / forbidden).exists():
                leaks.append(f"{forbidden} must not be published")
    snippets = reference_snippets()
    heldout = heldout_records()
    long_heldout = [record for record in heldout if len(record) >= 25]  # short ones occur by chance
    for path in sorted(path for folder in folders for path in folder.rglob("*")):
        if not path.is_file() or path.suffix not in (".ipynb", ".py", ".md", ".txt", ".json", ".html", ".tsv"):
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        if path.suffix == ".tsv" and tsv_records(text) & heldout:
            leaks.append(f"{path}: contains held-out examples")
            continue
        for record in long_heldout:
            if record in text:
                leaks.append(f"{path}: contains the held-out example {record[:60]!r}")
                break
        if path.parent.name == "grading" and path.parent.parent.name == "nlpcourse":
            continue  # the hidden-test API itself is public: it names the calls but holds no answers
        for marker in LEAK_MARKERS:
            if marker in text:
                leaks.append(f"{path}: contains {marker!r}")
        for snippet in snippets:
            if snippet in text:
                leaks.append(f"{path}: contains reference code {snippet[:60]!r}")
    return leaks
