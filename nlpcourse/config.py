"""The one place that says where the course lives.

Badges, the Colab install line in every setup cell and the README links are generated from these
values by ``python -m autograder release``. Change them here (for a fork, say), then release.
"""

#: GitHub ``owner/name`` of the course repository.
REPOSITORY = "nlp-course-org/nlp-course"

#: Branch that students open on Colab and Binder.
BRANCH = "main"

#: Folders of the repository (nbgrader's source and release directories).
SOLUTIONS_DIR = "solutions"
COURSE_DIR = "course"


def colab_url(week: str, day: str) -> str:
    """Link that opens the student version of a notebook on Colab."""
    return f"https://colab.research.google.com/github/{REPOSITORY}/blob/{BRANCH}/{COURSE_DIR}/{week}/{day}.ipynb"


def binder_url(week: str, day: str) -> str:
    """Link that starts Binder (built from ``binder/``) with the notebook open in JupyterLab."""
    return f"https://mybinder.org/v2/gh/{REPOSITORY}/{BRANCH}?urlpath=lab/tree/{COURSE_DIR}/{week}/{day}.ipynb"


def pip_spec() -> str:
    """What ``pip install`` needs to fetch this helper package from the repository (Colab)."""
    return f"nlpcourse @ git+https://github.com/{REPOSITORY}@{BRANCH}"
