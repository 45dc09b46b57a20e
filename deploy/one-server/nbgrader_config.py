"""nbgrader settings for everyone on the class server: students, the instructor, the formgrader.

``setup_class.py`` writes a copy to ``/etc/jupyter/nbgrader_config.py`` (a folder every Jupyter
process reads) with the SETTINGS filled in. These are the settings nbgrader documents for a
shared exchange and for several courses on one JupyterHub:

- one exchange folder for the whole server, writable by everyone (mode 1777, see setup_class.py);
  inside it nbgrader gives each course its own folder: ``outbound`` (released assignments,
  readable by all), ``inbound`` (submissions: students may write but not list it) and
  ``feedback`` (students may open only the file whose name is the hash of their own submission);
- the course id students fetch from and submit to;
- assignments land in ``~/COURSE_ID/ASSIGNMENT`` (``path_includes_course``), so a student who
  takes two courses never mixes them up;
- JupyterHub's groups decide who takes which course (``nbgrader-COURSE_ID``) and who grades it
  (``formgrade-COURSE_ID``): a student cannot fetch from or submit to a course they are not in.

The instructor's course settings (source ``solutions/``, release ``course/``, the gradebook,
trusted grading) stay in the course repository's own nbgrader_config.py.
"""

from nbgrader.auth import JupyterHubAuthPlugin

# --- SETTINGS (setup_class.py rewrites these lines) ---
EXCHANGE_ROOT = "/srv/nbgrader/exchange"
COURSE_ID = "nlp-course"
# --- END SETTINGS ---

c = get_config()  # noqa: F821 (provided by traitlets when nbgrader loads this file)

c.Exchange.root = EXCHANGE_ROOT
c.CourseDirectory.course_id = COURSE_ID
c.Exchange.path_includes_course = True
c.Authenticator.plugin_class = JupyterHubAuthPlugin
