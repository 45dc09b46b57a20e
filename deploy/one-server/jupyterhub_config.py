"""JupyterHub configuration for running the course for one class on one server.

``setup_class.py`` writes a copy of this file to ``/etc/jupyterhub/jupyterhub_config.py`` with the
values of the CLASS SETTINGS block filled in; start the Hub as root with
``jupyterhub -f /etc/jupyterhub/jupyterhub_config.py`` (see docs/class-setup.md).

- Everyone logs in with their system account (PAM, JupyterHub's default) and gets a Jupyter
  server that runs as that account, a local process (LocalProcessSpawner, the default), so
  file permissions keep students apart from each other and from the instructor.
- Students' servers run the course environment (a student-only copy of the course, built with
  the same `make` set-up as `make lab`) with nbgrader's Assignment List and Validate; the
  formgrader and course list are switched off for them (STUDENT_CONFIG_DIR).
- The instructor's server runs the environment of the instructor's own clone of the course
  repository, where the formgrader grades with trusted grading (autograder/trusted.py).
- nbgrader's JupyterHub groups say who takes and who teaches the course: ``nbgrader-COURSE``
  (students) and ``formgrade-COURSE`` (the instructor), as nbgrader documents for several courses
  on one Hub.
"""

# --- CLASS SETTINGS (setup_class.py rewrites these lines) ---
COURSE_ID = "nlp-course"
INSTRUCTOR = "instructor"
STUDENTS = []
STUDENT_VENV = "/opt/nlp-course/.venv"
INSTRUCTOR_COURSE_ROOT = "/home/instructor/nlp-course"
INSTRUCTOR_VENV = "/home/instructor/nlp-course/.venv"
JUPYTER_CONFIG_DIR = "/etc/jupyter"
STUDENT_CONFIG_DIR = "/etc/jupyter/nlp-course-students"
HUB_DATA_DIR = "/srv/jupyterhub"
# --- END CLASS SETTINGS ---

c = get_config()  # noqa: F821 (provided by traitlets when JupyterHub loads this file)

# Listen on the loopback interface only: put a TLS reverse proxy (nginx, Caddy) in front of it,
# or set c.JupyterHub.ssl_cert / ssl_key and bind to the public address instead.
c.JupyterHub.bind_url = "http://127.0.0.1:8000"
c.JupyterHub.db_url = f"sqlite:///{HUB_DATA_DIR}/jupyterhub.sqlite"
c.JupyterHub.cookie_secret_file = f"{HUB_DATA_DIR}/jupyterhub_cookie_secret"
c.ConfigurableHTTPProxy.pid_file = f"{HUB_DATA_DIR}/jupyterhub-proxy.pid"

# Who may log in, and nbgrader's course groups (JupyterHubAuthPlugin reads them).
c.Authenticator.allowed_users = {INSTRUCTOR, *STUDENTS}
c.JupyterHub.load_groups = {
    f"formgrade-{COURSE_ID}": {"users": [INSTRUCTOR]},
    f"nbgrader-{COURSE_ID}": {"users": list(STUDENTS)},
}

# Every server: JupyterLab, given time to start on a busy machine.
c.Spawner.default_url = "/lab"
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120
# The server's own token may read its user's groups: nbgrader's JupyterHubAuthPlugin asks the Hub
# which courses the user belongs to.
c.Spawner.server_token_scopes = [
    "users:activity!user",
    "read:users:name!user",
    "read:users:groups!user",
]
# Students (the default): the course environment, with the student-only server settings first.
c.Spawner.cmd = [f"{STUDENT_VENV}/bin/jupyterhub-singleuser"]
c.Spawner.environment = {"JUPYTER_CONFIG_PATH": f"{STUDENT_CONFIG_DIR}:{JUPYTER_CONFIG_DIR}"}


def use_instructor_environment(spawner):
    """The instructor's server runs the instructor's clone of the course: its environment, the
    formgrader, and ``autograder`` importable (trusted grading) from the clone's root."""
    if spawner.user.name == INSTRUCTOR:
        spawner.cmd = [f"{INSTRUCTOR_VENV}/bin/jupyterhub-singleuser"]
        spawner.environment = {"JUPYTER_CONFIG_PATH": JUPYTER_CONFIG_DIR, "PYTHONPATH": INSTRUCTOR_COURSE_ROOT}


c.Spawner.pre_spawn_hook = use_instructor_environment
