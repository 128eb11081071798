"""A page's MyST source read as a teacher edits it: its code cells, its sections, the inputs
its lecture cells set, and the page run cell by cell in this Python (what it glues, what each
cell's last line gives)."""

import re
from pathlib import Path

import matplotlib.pyplot as plt
from myst_nb.core.read import read_myst_markdown_notebook

BOOK = Path(__file__).resolve().parent.parent / "book"
CODE_CELL = re.compile(r"^```\{code-cell\}[^\n]*\n.*?^```[ \t]*$", re.S | re.M)
HEADING = re.compile(r"^#{1,6} .*$", re.M)
# what a lecture's cell is given: ``alpha=0.001`` (a statement of its own), the epochs of its
# loop ``for epoc in range(30)``, the scenes ``FuncAnimation(fig, animate, frames=30)``, and a
# list of learning rates (``alphas = [...]``, ``for alpha in [...]``)
CELL_INPUT = re.compile(r"^[ \t]*alpha[ \t]*=[ \t]*(?P<alpha>[\d.]+)[ \t]*(?:#.*)?$"
                        r"|^[ \t]*for \w+ in range\((?P<epochs>\d+)\)"
                        r"|FuncAnimation\([^)]*frames=(?P<frames>\d+)"
                        r"|^[ \t]*(?:alphas[ \t]*=|for alpha in)[ \t]*\[(?P<alphas>[^\]]*)\]", re.M)


def source(page):
    return (BOOK / f"{page}.md").read_text(encoding="utf-8")


def sections(text):
    """The text of each section (a heading to the next), the headings of code cells aside."""
    cells = [m.span() for m in CODE_CELL.finditer(text)]
    starts = [0] + [m.start() for m in HEADING.finditer(text)
                    if not any(a <= m.start() < b for a, b in cells)]
    return [text[a:b] for a, b in zip(starts, starts[1:] + [len(text)])]


def cell_inputs(text):
    """The numbers the lecture's cells in ``text`` are given (as floats)."""
    found = set()
    for cell in CODE_CELL.finditer(text):
        for match in CELL_INPUT.finditer(cell.group()):
            values = match.group("alphas")
            if values is not None:
                found |= {float(v) for v in values.split(",") if v.strip()}
            else:
                found.add(float(next(v for v in match.groups() if v is not None)))
    return found


def lecture_cell(page, marker):
    """(alpha, epochs) of the one code cell of ``page`` that contains ``marker``."""
    cells = [m.group() for m in CODE_CELL.finditer(source(page)) if marker in m.group()]
    assert len(cells) == 1, f"{len(cells)} cells of {page} contain {marker!r}"
    alpha = re.search(r"^alpha\s*=\s*([\d.]+)", cells[0], re.M)
    epochs = re.search(r"^for \w+ in range\((\d+)\)", cells[0], re.M)
    return float(alpha.group(1)), int(epochs.group(1))


def run_page(text):
    """Run a page's code cells in order, as its notebook would: (glued, outputs), where glued is
    name → value of every ``glue`` call and outputs[i] the value of cell i's last line (None if
    that line is no expression)."""
    glued = {}

    def glue(name, value, display=True):
        glued[name] = value

    namespace = {"__name__": "__page__"}
    outputs = []
    for cell in read_myst_markdown_notebook(text).cells:
        if cell.cell_type != "code":
            continue
        code = re.sub(r"^from myst_nb import glue.*$", "", cell.source, flags=re.M)
        namespace["glue"] = glue
        lines = code.rstrip().splitlines()
        *body, last = lines or [""]
        try:
            compile(last, "<last line>", "eval")
        except SyntaxError:
            body, last = lines, None
        exec(compile("\n".join(body), "<cell>", "exec"), namespace)
        outputs.append(eval(last, namespace) if last and not last.startswith((" ", "\t")) else None)
        plt.close("all")
    return glued, outputs
