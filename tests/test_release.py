"""course/ is exactly what `release` makes, and nothing of the answers reaches students."""

from __future__ import annotations

import pytest

from autograder import paths, release
from conftest import COURSE, run_autograder, weeks


@pytest.mark.parametrize("week", weeks())
def test_course_is_what_release_regenerates(week, tmp_path):
    destination = tmp_path / "course"
    written = release.release([week], destination=destination, db_url=f"sqlite:///{tmp_path / 'gb.db'}",
                              prepare=False)
    assert written
    regenerated = sorted(p.relative_to(destination) for p in destination.rglob("*") if p.is_file())
    committed = sorted(p.relative_to(COURSE) for p in (COURSE / week).rglob("*") if p.is_file())
    assert regenerated == committed, "run `python -m autograder release` and commit course/"
    for relative in committed:
        assert (destination / relative).read_bytes() == (COURSE / relative).read_bytes(), \
            f"{relative} differs from a fresh release"


def test_course_has_no_solutions_or_hidden_tests():
    assert release.find_leaks(COURSE) == []


def test_leak_check_catches_a_planted_answer(tmp_path):
    snippet = release.reference_snippets()[0]
    (tmp_path / "notes.md").write_text(f"copied: {snippet}")
    (tmp_path / "solutions").mkdir()
    leaks = release.find_leaks(tmp_path)
    assert any("reference code" in leak for leak in leaks) and any("solutions" in leak for leak in leaks)


def test_leak_check_catches_held_out_examples(tmp_path):
    for name in ("sms_spam", "ner"):
        heldout = (paths.HELDOUT / f"{name}.tsv").read_text(encoding="utf-8")
        (tmp_path / f"{name}_copy.tsv").write_text(heldout, encoding="utf-8")
    one_message = (paths.HELDOUT / "sms_spam.tsv").read_text(encoding="utf-8").splitlines()[1].split("\t", 1)[1]
    (tmp_path / "notes.md").write_text(f"a test message: {one_message}", encoding="utf-8")
    leaks = release.find_leaks(tmp_path)
    for name in ("sms_spam_copy.tsv", "ner_copy.tsv", "notes.md"):
        assert any(name in leak and "held-out" in leak for leak in leaks), (name, leaks)


def test_publish_student_copies_only_student_files(tmp_path, work):
    destination = tmp_path / "student"
    result = run_autograder(["publish-student", str(destination)], work)
    assert result.returncode == 0, result.stderr
    assert (destination / "course").is_dir() and (destination / "nlpcourse").is_dir()
    for absent in ("solutions", "autograder", "tests", "nbgrader_config.py", ".git"):
        assert not (destination / absent).exists(), absent
    assert release.find_leaks(destination) == []
    assert "YOUR CODE HERE" in next((destination / "course").rglob("*.ipynb")).read_text()


def test_publish_student_refuses_a_non_empty_folder(tmp_path, work):
    (tmp_path / "keep.txt").write_text("mine")
    result = run_autograder(["publish-student", str(tmp_path)], work)
    assert result.returncode == 2 and "not empty" in result.stderr
    assert (tmp_path / "keep.txt").read_text() == "mine", "nothing already there is lost"


def test_release_rejects_an_unknown_week(work):
    result = run_autograder(["release", "week99_nothing"], work)
    assert result.returncode == 2 and "Unknown week" in result.stderr


def test_release_refuses_to_finish_quietly_when_answers_would_leak(tmp_path, monkeypatch):
    week = paths.weeks()[0]
    monkeypatch.setattr(release, "find_leaks", lambda *folders: [f"{folders[0]}/x.ipynb: contains reference code 'y'"])
    with pytest.raises(release.ReleaseError, match="would leak answers"):
        release.release([week], destination=tmp_path / "course", db_url=f"sqlite:///{tmp_path / 'gb.db'}",
                        prepare=False)
