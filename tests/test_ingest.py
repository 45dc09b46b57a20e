"""Reading submissions: layouts, LMS zips, malformed files and the notebook rebuild."""

from __future__ import annotations

import json
import os
import shutil
import zipfile

import pytest

from autograder import ingest
from conftest import COURSE, SOLUTIONS, weeks
from nlpcourse.grading import notebook as nb

WEEK = weeks()[0]
DAY = sorted(p.stem for p in (SOLUTIONS / WEEK).glob("day*.ipynb"))[0]
RELEASED = COURSE / WEEK / f"{DAY}.ipynb"


@pytest.mark.parametrize("raw, expected", [
    ("alice", "alice"),
    ("Jane Doe_4521_assignsubmission_file_", "4521"),
    ("doejane_LATE_123_456", "doejane_123"),
    ("doejane_123_456", "doejane_123"),
    ("bob smith!", "bob_smith"),
])
def test_student_ids(raw, expected):
    assert ingest.clean_student_id(raw) == expected


def test_folder_per_student_with_optional_week_level(tmp_path):
    (tmp_path / "alice").mkdir()
    (tmp_path / "bob" / WEEK).mkdir(parents=True)
    shutil.copy(RELEASED, tmp_path / "alice" / f"{DAY}.ipynb")
    shutil.copy(RELEASED, tmp_path / "bob" / WEEK / f"{DAY}.ipynb")
    found, problems = ingest.find_submissions(tmp_path, WEEK)
    assert sorted((s.student, s.day) for s in found) == [("alice", DAY), ("bob", DAY)] and problems == {}


def test_canvas_style_flat_zip(tmp_path):
    archive = tmp_path / "submissions.zip"
    with zipfile.ZipFile(archive, "w") as handle:
        handle.write(RELEASED, f"doejane_123_456_{DAY}.ipynb")
        handle.write(RELEASED, f"roe_late_789_111_{DAY}-1.ipynb")
        handle.writestr("__MACOSX/._junk.ipynb", "junk")
    folder = ingest.unpack(archive, tmp_path / "x")
    found, _ = ingest.find_submissions(folder, WEEK)
    assert sorted(s.student for s in found) == ["doejane_123", "roe_789"]


def test_the_folder_decides_whose_notebook_it_is(tmp_path):
    (tmp_path / "mallory" / WEEK).mkdir(parents=True)
    shutil.copy(RELEASED, tmp_path / "mallory" / WEEK / f"alice_{DAY}.ipynb")
    shutil.copy(RELEASED, tmp_path / f"bob_{DAY}.ipynb")
    found, _ = ingest.find_submissions(tmp_path, WEEK)
    assert sorted((s.student, s.day) for s in found) == [("bob", DAY), ("mallory", DAY)]


def test_a_file_nobody_owns_is_reported_and_the_rest_graded(tmp_path):
    (tmp_path / "alice").mkdir()
    shutil.copy(RELEASED, tmp_path / "alice" / f"{DAY}.ipynb")
    shutil.copy(RELEASED, tmp_path / f"{DAY}.ipynb")  # whose?
    found, problems = ingest.find_submissions(tmp_path, WEEK)
    assert [s.student for s in found] == ["alice"] and f"{DAY}.ipynb" in problems[("?", "*")]


def test_two_names_for_one_student_id_are_refused(tmp_path):
    for folder in ("bob smith!", "bob_smith"):
        (tmp_path / folder).mkdir()
        shutil.copy(RELEASED, tmp_path / folder / f"{DAY}.ipynb")
    with pytest.raises(ingest.LayoutError, match="both give the student id 'bob_smith'"):
        ingest.find_submissions(tmp_path, WEEK)
    canvas = tmp_path / "canvas"  # one Canvas user, a late upload and a resubmission: one student
    canvas.mkdir()
    for name in (f"doe_LATE_12_345_{DAY}.ipynb", f"doe_12_678_{DAY}-1.ipynb"):
        shutil.copy(RELEASED, canvas / name)
    found, problems = ingest.find_submissions(canvas, WEEK)
    assert [s.student for s in found] == ["doe_12"] and ("doe_12", DAY) in problems


def test_the_latest_resubmission_is_graded_with_a_warning(tmp_path):
    archive = tmp_path / "canvas.zip"
    with zipfile.ZipFile(archive, "w") as handle:
        handle.writestr(zipfile.ZipInfo(f"doe_1_2_{DAY}-2.ipynb", (2026, 3, 1, 9, 0, 0)), "{}")
        handle.writestr(zipfile.ZipInfo(f"doe_1_2_{DAY}.ipynb", (2026, 3, 2, 9, 0, 0)), "{}")
        handle.writestr(zipfile.ZipInfo(f"doe_1_2_{DAY}-1.ipynb", (2026, 3, 3, 9, 0, 0)), "{}")
    found, problems = ingest.find_submissions(ingest.unpack(archive, tmp_path / "x"), WEEK)
    assert [s.path.name for s in found] == [f"doe_1_2_{DAY}-2.ipynb"]
    assert "graded" in problems[("doe_1", DAY)] and f"{DAY}-1.ipynb" in problems[("doe_1", DAY)]
    (tmp_path / "y" / "ann").mkdir(parents=True)  # no suffixes: the newest file wins
    for name, stamp in ((f"{DAY}.ipynb", 2000), (f"ann_{DAY}.ipynb", 1000)):
        (tmp_path / "y" / "ann" / name).write_text("{}")
        os.utime(tmp_path / "y" / "ann" / name, (stamp, stamp))
    found, problems = ingest.find_submissions(tmp_path / "y", WEEK)
    assert [s.path.name for s in found] == [f"{DAY}.ipynb"] and ("ann", DAY) in problems


@pytest.mark.parametrize("layout, message", [
    ({}, "No .ipynb files"),
    ({"alice/notes.ipynb": "{}"}, "None of the notebooks"),
    ({f"{DAY}.ipynb": "{}"}, "cannot tell whose notebook"),
])
def test_unexpected_layouts_are_explained(tmp_path, layout, message):
    for name, text in layout.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    with pytest.raises(ingest.LayoutError, match=message):
        ingest.find_submissions(tmp_path, WEEK)


def test_zip_with_unsafe_paths_is_refused(tmp_path):
    archive = tmp_path / "evil.zip"
    with zipfile.ZipFile(archive, "w") as handle:
        handle.writestr(f"../../escape_{DAY}.ipynb", "{}")
    with pytest.raises(ingest.LayoutError, match="unsafe path"):
        ingest.unpack(archive, tmp_path / "out")


@pytest.mark.parametrize("text, message", [
    ("{not json", "invalid JSON"),
    (json.dumps({"nbformat": 3, "worksheets": []}), "nbformat 3"),
    (json.dumps({"nbformat": 5, "cells": []}), "unsupported nbformat"),
    (json.dumps([1, 2]), "not a Jupyter notebook"),
    (b"\xff\xfe".decode("latin-1"), "invalid JSON"),
    ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
    (json.dumps({"nbformat": 4, "cells": [{"cell_type": "code", "metadata": [], "source": ""}]}), "metadata is not"),
    (json.dumps({"nbformat": 4, "cells": [{"cell_type": "code", "metadata": None, "source": ""}]}), "metadata is not"),
    (json.dumps({"nbformat": 4, "cells": [{"cell_type": "code", "metadata": {"nbgrader": "x"}}]}), "nbgrader metadata"),
    (json.dumps({"nbformat": 4, "cells": [{"cell_type": "code", "metadata": {"nbgrader": {"grade_id": 3}}}]}), "grade_id"),
    (json.dumps({"nbformat": 4, "cells": [{"cell_type": "code", "metadata": {}, "source": ["a", 1]}]}), "source is"),
    (json.dumps({"nbformat": 4, "cells": [{"cell_type": "picture", "metadata": {}}]}), "unknown cell_type"),
    (json.dumps({"nbformat": 4, "cells": ["cell"]}), "not a JSON object"),
])
def test_malformed_notebooks_are_explained(tmp_path, text, message):
    path = tmp_path / "bad.ipynb"
    path.write_text(text)
    with pytest.raises(ValueError, match=message):
        ingest.load_submitted(path)


def test_rebuild_keeps_only_answer_sources():
    released = nb.read(RELEASED)
    submitted = json.loads(json.dumps(released))
    answer = next(c for c in submitted["cells"] if nb.role(c) == "answer")
    test = next(c for c in submitted["cells"] if nb.role(c) == "test")
    answer["source"] = "def mine():\n    return 42\n"
    test["source"] = "pass  # the student emptied the test"
    test["metadata"]["nbgrader"]["points"] = 1000
    test["outputs"] = [{"output_type": "execute_result", "data": {"text/plain": "1000"}, "metadata": {},
                        "execution_count": 1}]
    submitted["cells"].insert(0, {"cell_type": "code", "source": "extra", "metadata": {}, "outputs": []})
    rebuilt = ingest.rebuild(released, submitted)
    assert len(rebuilt["cells"]) == len(released["cells"])
    sources = {nb.grade_id(c): nb.source_of(c) for c in rebuilt["cells"] if nb.grade_id(c)}
    assert sources[nb.grade_id(answer)] == "def mine():\n    return 42\n"
    original_test = next(c for c in released["cells"] if nb.grade_id(c) == nb.grade_id(test))
    assert sources[nb.grade_id(test)] == nb.source_of(original_test)
    assert all(not c.get("outputs") for c in rebuilt["cells"] if c["cell_type"] == "code")


def test_rebuild_of_a_rejected_submission_is_the_stub():
    released = nb.read(RELEASED)
    assert ingest.rebuild(released, None) == released
