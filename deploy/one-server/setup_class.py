"""Set up one server for a class: the nbgrader exchange, the configuration files, the permissions.

Run it as root, with any Python 3.10+ (standard library only), after the accounts exist and the
two environments are built (docs/class-setup.md says how)::

    python3 deploy/one-server/setup_class.py --instructor teacher \\
        --course-root /home/teacher/nlp-course --students-file roster.txt \\
        --student-venv /opt/nlp-course/.venv

It writes or fixes, and prints each thing it did:

- the shared exchange (default ``/srv/nbgrader/exchange``): owned by root, mode 1777, i.e.
  writable by everyone with the sticky bit, so nobody removes or renames what another put there;
- the global nbgrader settings (``/etc/jupyter/nbgrader_config.py``, from nbgrader_config.py here)
  and the students' server settings (nbgrader's formgrader and course list off);
- JupyterHub's configuration (``/etc/jupyterhub/jupyterhub_config.py``, from
  jupyterhub_config.py here, mode 0600) and the Hub's state folder (mode 0700);
- the instructor's ``~/.jupyter/nbgrader_config.py`` (which course folder the formgrader uses);
- the instructor's course folder (a clone of the course repository): mode 0700, so no student
  can read ``solutions/``, the gradebook or the submissions collected into it, and
  ``autograder/work/exchange`` made a link to the shared exchange (the course's
  nbgrader_config.py keeps its exchange there);
- every listed home folder: mode 0700.

It refuses to start (exit status 2) when an account, an environment or the course folder is
missing, or when the student environment cannot be read by other accounts.
"""

from __future__ import annotations

import argparse
import os
import pwd
import re
import stat
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SINGLEUSER = "bin/jupyterhub-singleuser"


class SetupError(RuntimeError):
    """Something the class server needs is missing; the message says what to do."""


def render(template: str, values: dict) -> str:
    """``template`` with each ``NAME = ...`` settings line replaced by ``NAME = repr(value)``.

    Every name must appear exactly once at the start of a line, so a template and this script
    cannot drift apart silently.
    """
    for name, value in values.items():
        pattern = re.compile(rf"^{name} = .*$", re.MULTILINE)
        if len(pattern.findall(template)) != 1:
            raise SetupError(f"the template has no single settings line for {name}")
        template = pattern.sub(lambda _: f"{name} = {value!r}", template)
    return template


def write_file(path: Path, text: str, mode: int, owner: str | None = None) -> None:
    """Write ``text`` to ``path`` with ``mode`` (and ``owner``, when given), creating folders.

    A different file already there is kept next to it as ``<name>.before-setup`` (once).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    backup = path.with_name(path.name + ".before-setup")
    if path.exists() and path.read_text(encoding="utf-8") != text and not backup.exists():
        path.rename(backup)
        print(f"kept the earlier {path.name} as {backup}")
    path.write_text(text, encoding="utf-8")
    os.chmod(path, mode)
    if owner is not None:
        account = pwd.getpwnam(owner)
        os.chown(path, account.pw_uid, account.pw_gid)
    print(f"wrote {path} ({stat.filemode(path.stat().st_mode)}{', ' + owner if owner else ''})")


def make_exchange(root: Path) -> None:
    """The exchange root: owned by root, writable by everyone, sticky (mode 1777)."""
    root.mkdir(parents=True, exist_ok=True)
    os.chown(root, 0, 0)
    os.chmod(root, 0o1777)
    print(f"exchange {root} (drwxrwxrwt, root)")


def unreachable_parts(path: Path) -> list[Path]:
    """Folders on the way to ``path`` (and ``path`` itself) that other accounts cannot enter."""
    blocked = []
    for folder in [*reversed(path.parents), path]:
        mode = folder.stat().st_mode
        if stat.S_ISDIR(mode) and not mode & stat.S_IXOTH:
            blocked.append(folder)
    return blocked


def check_environment(venv: Path, who: str) -> None:
    """``venv`` has jupyterhub-singleuser, and ``who`` (other accounts than root) can enter every
    folder on the way to it and to the Python it was built from (a pyenv under /root cannot be)."""
    if not (venv / SINGLEUSER).exists():
        raise SetupError(f"{venv / SINGLEUSER} is missing: build the environment with `make .venv/.installed` "
                         "in its course folder (requirements.txt includes jupyterhub)")
    interpreter = Path(os.path.realpath(venv / "bin" / "python"))
    blocked = unreachable_parts(venv.resolve()) + unreachable_parts(interpreter.parent)
    if blocked:
        raise SetupError(f"{who} cannot enter {', '.join(sorted(set(map(str, blocked))))}: build {venv} with a "
                         "Python and in a folder every account can read (e.g. Debian's python3, under /opt)")


def course_id_of(course_root: Path) -> str | None:
    """The course id the course repository's nbgrader_config.py sets, if it sets one literally."""
    text = (course_root / "nbgrader_config.py").read_text(encoding="utf-8")
    match = re.search(r"""^c\.CourseDirectory\.course_id\s*=\s*["']([^"']+)["']""", text, re.MULTILINE)
    return match.group(1) if match else None


def link_exchange(course_root: Path, exchange: Path, owner: str) -> None:
    """Make ``autograder/work/exchange`` in the instructor's clone a link to the shared exchange.

    The course's nbgrader_config.py keeps its exchange in ``autograder/work/exchange`` (a private
    one for `make lab`); on the class server that name must lead to the shared one.
    """
    account = pwd.getpwnam(owner)
    work = course_root / "autograder" / "work"
    work.mkdir(parents=True, exist_ok=True)
    os.chown(work, account.pw_uid, account.pw_gid)
    os.chmod(work, 0o700)
    link = work / "exchange"
    if link.is_symlink():
        link.unlink()
    elif link.is_dir():
        if any(link.iterdir()):
            raise SetupError(f"{link} holds a private exchange already: move its contents into {exchange} "
                             "and remove it, then run this again")
        link.rmdir()
    link.symlink_to(exchange)
    os.lchown(link, account.pw_uid, account.pw_gid)
    print(f"linked {link} -> {exchange}")


def make_private(folder: Path, owner: str) -> None:
    """``folder`` owned by ``owner`` and closed to everyone else (mode 0700)."""
    account = pwd.getpwnam(owner)
    if folder.stat().st_uid != account.pw_uid:
        raise SetupError(f"{folder} does not belong to {owner}")
    os.chmod(folder, 0o700)
    print(f"private {folder} (drwx------, {owner})")


def read_students(args: argparse.Namespace) -> list[str]:
    """Student account names from ``--students`` (comma-separated) and ``--students-file``."""
    names = [name.strip() for name in (args.students or "").split(",") if name.strip()]
    if args.students_file:
        lines = Path(args.students_file).read_text(encoding="utf-8").splitlines()
        names += [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]
    return sorted(set(names))


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--instructor", required=True, help="the instructor's account")
    parser.add_argument("--course-root", type=Path, required=True,
                        help="the instructor's clone of the course repository")
    parser.add_argument("--students", help="student accounts, comma-separated")
    parser.add_argument("--students-file", help="a file with one student account per line")
    parser.add_argument("--student-venv", type=Path, default=Path("/opt/nlp-course/.venv"),
                        help="environment of the student-only copy of the course (default: %(default)s)")
    parser.add_argument("--instructor-venv", type=Path, help="default: COURSE_ROOT/.venv")
    parser.add_argument("--course-id", default="nlp-course", help="default: %(default)s")
    parser.add_argument("--exchange", type=Path, default=Path("/srv/nbgrader/exchange"), help="default: %(default)s")
    parser.add_argument("--jupyter-config-dir", type=Path, default=Path("/etc/jupyter"), help="default: %(default)s")
    parser.add_argument("--student-config-dir", type=Path, help="default: JUPYTER_CONFIG_DIR/COURSE_ID-students")
    parser.add_argument("--hub-config", type=Path, default=Path("/etc/jupyterhub/jupyterhub_config.py"),
                        help="default: %(default)s")
    parser.add_argument("--hub-data-dir", type=Path, default=Path("/srv/jupyterhub"), help="default: %(default)s")
    return parser.parse_args(argv)


def check(args: argparse.Namespace, students: list[str]) -> None:
    """Everything that must exist before anything is written."""
    if os.geteuid() != 0:
        raise SetupError("run this as root: it creates the exchange and sets owners and modes")
    for name in [args.instructor, *students]:
        try:
            pwd.getpwnam(name)
        except KeyError:
            raise SetupError(f"no account {name!r}: create it first (e.g. `adduser {name}`)") from None
    if not students:
        raise SetupError("no students: give --students or --students-file")
    if not (args.course_root / "nbgrader_config.py").is_file() or not (args.course_root / "autograder").is_dir():
        raise SetupError(f"{args.course_root} is not a clone of the course repository (no nbgrader_config.py "
                         "or autograder/)")
    configured = course_id_of(args.course_root)
    if configured is not None and configured != args.course_id:
        raise SetupError(f"the course's nbgrader_config.py says course id {configured!r}, not {args.course_id!r}")
    check_environment(args.student_venv, "students")
    check_environment(args.instructor_venv, "the instructor")


def setup(args: argparse.Namespace, students: list[str]) -> None:
    """Write the exchange, the configuration files and the permissions (see the module docstring)."""
    student_config_dir = args.student_config_dir or args.jupyter_config_dir / f"{args.course_id}-students"
    make_exchange(args.exchange)
    write_file(args.jupyter_config_dir / "nbgrader_config.py",
               render((HERE / "nbgrader_config.py").read_text(encoding="utf-8"),
                      {"EXCHANGE_ROOT": str(args.exchange), "COURSE_ID": args.course_id}), 0o644)
    for relative in ("jupyter_server_config.json", "labconfig/page_config.json"):
        write_file(student_config_dir / relative, (HERE / "students" / relative).read_text(encoding="utf-8"), 0o644)
    args.hub_data_dir.mkdir(parents=True, exist_ok=True)
    os.chmod(args.hub_data_dir, 0o700)
    hub_settings = {
        "COURSE_ID": args.course_id, "INSTRUCTOR": args.instructor, "STUDENTS": students,
        "STUDENT_VENV": str(args.student_venv), "INSTRUCTOR_COURSE_ROOT": str(args.course_root),
        "INSTRUCTOR_VENV": str(args.instructor_venv), "JUPYTER_CONFIG_DIR": str(args.jupyter_config_dir),
        "STUDENT_CONFIG_DIR": str(student_config_dir), "HUB_DATA_DIR": str(args.hub_data_dir),
    }
    write_file(args.hub_config, render((HERE / "jupyterhub_config.py").read_text(encoding="utf-8"), hub_settings),
               0o600)
    instructor_home = Path(pwd.getpwnam(args.instructor).pw_dir)
    (instructor_home / ".jupyter").mkdir(exist_ok=True)
    account = pwd.getpwnam(args.instructor)
    os.chown(instructor_home / ".jupyter", account.pw_uid, account.pw_gid)
    write_file(instructor_home / ".jupyter" / "nbgrader_config.py",
               render((HERE / "instructor_nbgrader_config.py").read_text(encoding="utf-8"),
                      {"COURSE_ROOT": str(args.course_root)}), 0o644, owner=args.instructor)
    link_exchange(args.course_root, args.exchange, args.instructor)
    make_private(args.course_root, args.instructor)
    for name in [args.instructor, *students]:
        make_private(Path(pwd.getpwnam(name).pw_dir), name)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    args.course_root = args.course_root.resolve()
    args.instructor_venv = args.instructor_venv or args.course_root / ".venv"
    students = read_students(args)
    try:
        check(args, students)
        setup(args, students)
    except SetupError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(f"done: start the Hub with `jupyterhub -f {args.hub_config}` (as root, from {args.hub_data_dir})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
