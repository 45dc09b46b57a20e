"""The instructor's nbgrader settings: which course folder the formgrader works on.

``setup_class.py`` writes a copy to ``~INSTRUCTOR/.jupyter/nbgrader_config.py`` with COURSE_ROOT
filled in, as nbgrader documents for one class with one grader. The course folder is the
instructor's clone of the course repository; its own nbgrader_config.py (loaded after this file)
holds the rest: course id, ``solutions/`` and ``course/``, the gradebook and trusted grading.
"""

# --- SETTINGS (setup_class.py rewrites these lines) ---
COURSE_ROOT = "/home/instructor/nlp-course"
# --- END SETTINGS ---

c = get_config()  # noqa: F821 (provided by traitlets when nbgrader loads this file)

c.CourseDirectory.root = COURSE_ROOT
