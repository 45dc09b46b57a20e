"""The generated parts of every notebook: the badge line and the first lines of the setup cell.

Both come from ``nlpcourse.config``, so a fork changes one file and runs ``release``. The lint
test checks that every notebook carries exactly what :func:`badge_line` and
:func:`setup_prefix` produce.
"""

from __future__ import annotations

from nlpcourse import config
from nlpcourse.grading import notebook as nb

BADGE_START = "[![Open In Colab]"
SETUP_MARKER = "course = nlpcourse.setup("


def badge_line(week: str, day: str) -> str:
    return (f"[![Open In Colab](https://colab.research.google.com/assets/colab-badge.svg)]({config.colab_url(week, day)}) "
            f"[![Launch Binder](https://mybinder.org/badge_logo.svg)]({config.binder_url(week, day)})")


def setup_prefix(week: str, day: str) -> str:
    return (
        "# Setup: this cell works unchanged locally, on Binder and on Colab.\n"
        "import importlib.util, subprocess, sys\n"
        'if importlib.util.find_spec("nlpcourse") is None:  # on Colab: install the course helpers once\n'
        f'    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "{config.pip_spec()}"], check=True)\n'
        "import nlpcourse\n"
        f'{SETUP_MARKER}"{week}/{day}")\n'
    )


def sync(notebook: dict, week: str, day: str) -> bool:
    """Rewrite the badge line and setup prefix of ``notebook`` in place; True if anything changed.

    Raises ValueError if the notebook has no badge line in its first cell or no setup cell.
    """
    changed = False
    header = notebook["cells"][0]
    lines = nb.source_of(header).split("\n")
    badge_rows = [i for i, line in enumerate(lines) if line.startswith(BADGE_START)]
    if header.get("cell_type") != "markdown" or not badge_rows:
        raise ValueError(f"{week}/{day}: the first cell must be markdown with a line starting {BADGE_START!r}")
    wanted = badge_line(week, day)
    if lines[badge_rows[0]] != wanted:
        lines[badge_rows[0]] = wanted
        header["source"] = "\n".join(lines)
        changed = True
    setup_cells = [cell for cell in notebook["cells"] if nb.role(cell) == "setup"]
    if len(setup_cells) != 1:
        raise ValueError(f"{week}/{day}: expected exactly one code cell tagged 'setup', found {len(setup_cells)}")
    source = nb.source_of(setup_cells[0])
    marker = source.find(SETUP_MARKER)
    if marker < 0:
        raise ValueError(f"{week}/{day}: the setup cell must call {SETUP_MARKER}...")
    rest = source[source.index("\n", marker) + 1:] if "\n" in source[marker:] else ""
    new_source = setup_prefix(week, day) + rest
    if new_source != source:
        setup_cells[0]["source"] = new_source
        changed = True
    return changed


def check(notebook: dict, week: str, day: str) -> list[str]:
    """Problems with the generated parts (empty if they are exactly as :func:`sync` makes them)."""
    problems = []
    header_lines = nb.source_of(notebook["cells"][0]).split("\n") if notebook["cells"] else []
    if badge_line(week, day) not in header_lines:
        problems.append("badge line missing or out of date")
    setup_cells = [cell for cell in notebook["cells"] if nb.role(cell) == "setup"]
    if len(setup_cells) != 1:
        problems.append(f"{len(setup_cells)} setup cells (want 1)")
    elif not nb.source_of(setup_cells[0]).startswith(setup_prefix(week, day)):
        problems.append("setup cell does not start with the generated prefix")
    return problems
