"""nbgrader configuration for the course (read by nbgrader and by JupyterLab's formgrader).

Layout: an assignment is a week folder. nbgrader's "source" is ``solutions/`` and its "release"
is ``course/``; everything produced while grading (submissions, autograded notebooks, feedback,
the gradebook) lives under ``autograder/work/``, which git ignores: it holds student data.
"""

import os

ROOT = os.path.dirname(os.path.abspath(__file__))
# Tests point NLPCOURSE_WORK at a scratch folder so they never touch a real gradebook.
WORK = os.environ.get("NLPCOURSE_WORK") or os.path.join(ROOT, "autograder", "work")

c = get_config()  # noqa: F821 (provided by traitlets when nbgrader loads this file)

c.CourseDirectory.course_id = "nlp-course"
c.CourseDirectory.root = ROOT
c.CourseDirectory.source_directory = "solutions"
c.CourseDirectory.release_directory = "course"
c.CourseDirectory.submitted_directory = os.path.join(WORK, "submitted")
c.CourseDirectory.autograded_directory = os.path.join(WORK, "autograded")
c.CourseDirectory.feedback_directory = os.path.join(WORK, "feedback")
c.CourseDirectory.solution_directory = os.path.join(WORK, "released_solutions")
c.CourseDirectory.db_url = "sqlite:///" + os.path.join(WORK, "gradebook.db")
# For the assignment-list extension when the course runs on one machine (`make lab`).
c.Exchange.root = os.path.join(WORK, "exchange")
os.makedirs(c.Exchange.root, exist_ok=True)
# Data files next to a notebook travel with it; nothing else does.
c.CourseDirectory.ignore = [".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback"]

# Student version: solutions replaced by a stub, hidden tests removed.
c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"

# Validate (the button and `nbgrader validate`) runs only the cells grading runs, so a helper
# defined in a cell of the student's own fails there too (nlpcourse/grading/validate.py).
from nlpcourse.grading.validate import keep_graded_cells_when_validating  # noqa: E402

c.Execute.on_notebook_start = keep_graded_cells_when_validating

# Grading: plain nbgrader settings that also apply under trusted grading.
c.Execute.timeout = 300
c.Execute.interrupt_on_timeout = True
c.LimitOutput.max_lines = 200
c.LimitOutput.max_traceback = 20
c.OverwriteCells.add_missing_cells = True
c.Autograde.create_student = True
# Trusted grading (see autograder/trusted.py) replaces nbgrader's in-kernel execution, also when
# autograding from the formgrader. `python -m autograder grade --plain` restores nbgrader's own.
c.Autograde.autograde_preprocessors = [
    "autograder.trusted.TrustedExecute",
    "nbgrader.preprocessors.IgnorePattern",
    "nbconvert.preprocessors.ClearMetadataPreprocessor",
    "nbgrader.preprocessors.LimitOutput",
    "nbgrader.preprocessors.SaveAutoGrades",
    "nbgrader.preprocessors.AssignLatePenalties",
    "nbgrader.preprocessors.CheckCellMetadata",
]
# Feedback never shows hidden-test code.
c.GenerateFeedback.preprocessors = [
    "nbgrader.preprocessors.GetGrades",
    "nbgrader.preprocessors.ClearHiddenTests",
    "autograder.feedback.StripTracebacks",
    "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor",
]
