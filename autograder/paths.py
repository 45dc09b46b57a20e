"""Where things are in the repository (one place, so every command agrees)."""

import os
from pathlib import Path

from nlpcourse import config

REPO = Path(__file__).resolve().parents[1]
SOLUTIONS = REPO / config.SOLUTIONS_DIR
COURSE = REPO / config.COURSE_DIR
HELDOUT = REPO / "autograder" / "heldout"  # held-out splits that grade the week-1 projects
# Student data lives here (git-ignored); tests point NLPCOURSE_WORK at a scratch folder.
WORK = Path(os.environ.get("NLPCOURSE_WORK") or REPO / "autograder" / "work")
SUBMITTED = WORK / "submitted"
AUTOGRADED = WORK / "autograded"
FEEDBACK = WORK / "feedback"
ORIGINALS = WORK / "originals"  # submissions exactly as received
BACKUPS = WORK / "backups"
GRADEBOOK = WORK / "gradebook.db"
NBGRADER_CONFIG = REPO / "nbgrader_config.py"


def weeks() -> list[str]:
    """Week folders that exist in solutions/, in order."""
    return sorted(p.name for p in SOLUTIONS.iterdir() if p.is_dir() and p.name.startswith("week"))


def days(week: str) -> list[str]:
    """Day notebook names (without .ipynb) of a week in solutions/, in order."""
    return sorted(p.stem for p in (SOLUTIONS / week).glob("day*.ipynb"))
