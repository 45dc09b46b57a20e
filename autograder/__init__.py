"""The instructor's tooling: release, trusted grading, publishing (``python -m autograder``)."""

import os
import sys

# nbgrader runs the `alembic` and `jupyter` commands of its own environment; make sure that
# environment's bin/ is found first even when Python was started as .venv/bin/python.
_BIN = os.path.dirname(sys.executable)
if _BIN not in os.environ.get("PATH", "").split(os.pathsep):
    os.environ["PATH"] = _BIN + os.pathsep + os.environ.get("PATH", "")
