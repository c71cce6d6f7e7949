"""Builds examples/explore.ipynb from examples/explore.py, so the notebook and the script hold the same code.

explore.py is written in the "percent" format that Jupyter, VS Code and jupytext read: a line `# %%` starts
a code cell and `# %% [markdown]` a markdown cell whose lines are comments.

    python examples/sync_notebook.py           # rewrite explore.ipynb from explore.py (outputs dropped)
    python examples/sync_notebook.py --check   # exit 1 if the notebook's cells differ from the script

Run the rewritten notebook with `python examples/run_notebook.py --save` to store fresh outputs.
"""

import argparse
import sys
from pathlib import Path

import nbformat

HERE = Path(__file__).resolve().parent
SCRIPT = HERE / "explore.py"
NOTEBOOK = HERE / "explore.ipynb"


def cells_of(script: str) -> list[tuple[str, str]]:
    """(cell_type, source) pairs of a percent-format script."""
    cells: list[tuple[str, list[str]]] = []
    for line in script.splitlines():
        if line.startswith("# %%"):
            cells.append(("markdown" if "[markdown]" in line else "code", []))
            continue
        if not cells:
            if line.strip():
                raise SystemExit(f"{SCRIPT.name}: text before the first '# %%' marker: {line!r}")
            continue
        kind, lines = cells[-1]
        if kind == "markdown":
            if line.strip() and not line.startswith("#"):
                raise SystemExit(f"{SCRIPT.name}: a markdown cell holds a line that is not a comment: {line!r}")
            lines.append(line[2:] if line.startswith("# ") else line[1:])
        else:
            lines.append(line)
    return [(kind, "\n".join(lines).strip("\n")) for kind, lines in cells]


def build() -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.metadata = {
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
        "language_info": {"name": "python"},
    }
    for kind, source in cells_of(SCRIPT.read_text(encoding="utf-8")):
        nb.cells.append(nbformat.v4.new_markdown_cell(source) if kind == "markdown" else nbformat.v4.new_code_cell(source))
    # Stable ids keep diffs small when the notebook is rebuilt.
    for i, cell in enumerate(nb.cells):
        cell.id = f"cell-{i:02d}"
    return nb


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only compare; exit 1 when the notebook is out of date")
    args = parser.parse_args()
    expected = build()
    if args.check:
        if not NOTEBOOK.exists():
            print(f"{NOTEBOOK.name} is missing; run python examples/sync_notebook.py", file=sys.stderr)
            return 1
        actual = nbformat.read(NOTEBOOK, as_version=4)
        want = [(c.cell_type, c.source) for c in expected.cells]
        got = [(c.cell_type, c.source) for c in actual.cells]
        if want != got:
            for i, (w, g) in enumerate(zip(want, got)):
                if w != g:
                    print(f"cell {i} differs", file=sys.stderr)
                    break
            else:
                print(f"{len(got)} cells in the notebook, {len(want)} in the script", file=sys.stderr)
            print(f"{NOTEBOOK.name} is out of date with {SCRIPT.name}; run python examples/sync_notebook.py", file=sys.stderr)
            return 1
        print(f"{NOTEBOOK.name}: {len(got)} cells, same as {SCRIPT.name}")
        return 0
    nbformat.validate(expected)
    nbformat.write(expected, NOTEBOOK)
    print(f"wrote {NOTEBOOK.relative_to(HERE.parent)} ({len(expected.cells)} cells)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
