"""What students see after grading: feedback without hidden-test code or tracebacks."""

from __future__ import annotations

from nbconvert.preprocessors import Preprocessor
from traitlets import Bool

from nlpcourse.grading import notebook as nb


class StripTracebacks(Preprocessor):
    """Reduce every error output of a test cell to one line ``Name: message``.

    A traceback from a hidden test would quote the hidden test's code; the one-line message is
    what the check wrote for the student.
    """

    enabled = Bool(True)

    def preprocess_cell(self, cell, resources, index):
        if nb.role(cell) == "test":
            for output in cell.get("outputs", []):
                if output.get("output_type") == "error":
                    output["traceback"] = [f"{output.get('ename', 'Error')}: {output.get('evalue', '')}"]
        return cell, resources


def week_test_sources(week: str) -> list[str]:
    """Sources of every test cell of ``week`` in solutions/ (hidden blocks included)."""
    from autograder import paths

    return [nb.source_of(cell) for day in paths.days(week)
            for cell in nb.read(paths.SOLUTIONS / week / f"{day}.ipynb")["cells"] if nb.role(cell) == "test"]


def hidden_lines(test_sources: list[str]) -> list[str]:
    """Distinctive lines of hidden blocks, to search feedback for leaks."""
    lines = set()
    for source in test_sources:
        for line in nb.hidden_block(source).splitlines():
            stripped = line.strip()
            if len(stripped) >= 25 and not stripped.startswith(("#", "import ", "from ")):
                lines.add(stripped)
    return sorted(lines)


def leaks_in(text: str, test_sources: list[str]) -> list[str]:
    """Markers and hidden-test lines found in ``text`` (HTML-escaped forms included)."""
    import html
    import re

    plain = html.unescape(re.sub(r"<[^>]+>", "", text))  # code in HTML is split by highlighting tags
    found = [marker for marker in (nb.BEGIN_HIDDEN, nb.END_HIDDEN) if marker in text or marker in plain]
    found += [line for line in hidden_lines(test_sources) if line in text or line in plain]
    return found
