"""Helpers shared by every notebook of the NLP course.

- :func:`setup` is what a notebook's setup cell calls (see ``environment``);
- ``nlpcourse.grading`` is the hidden-test format;
- ``nlpcourse.config`` says where the course lives (badges, Colab install line).
"""

from nlpcourse.environment import Course, limit_threads, require_program, setup

__all__ = ["Course", "limit_threads", "require_program", "setup"]
__version__ = "0.1.0"
