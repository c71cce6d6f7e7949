"""Executes examples/explore.ipynb top to bottom with nbclient; exits non-zero if any cell fails.

    GRAPH_API=http://127.0.0.1:4000/graphql python examples/run_notebook.py          # run, keep the file as it is
    GRAPH_API=http://127.0.0.1:4000/graphql python examples/run_notebook.py --save   # also store the outputs

The kernel is this interpreter's (the `python3` kernel spec must start the same Python, so the notebook
sees the packages of examples/requirements.txt); scripts/run-examples.sh registers it in .venv/.
"""

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

NOTEBOOK = Path(__file__).resolve().parent / "explore.ipynb"
KERNEL = "python3"


def check_kernel() -> None:
    spec = KernelSpecManager().get_kernel_spec(KERNEL)
    argv0 = spec.argv[0]
    if argv0 in ("python", "python3", "{python}") or Path(argv0).resolve() == Path(sys.executable).resolve():
        return
    raise SystemExit(
        f"the {KERNEL!r} kernel ({spec.resource_dir}) starts {argv0}, not this Python ({sys.executable}); "
        f"run `{sys.executable} -m ipykernel install --sys-prefix --name {KERNEL}` and set JUPYTER_PREFER_ENV_PATH=1"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--save", action="store_true", help="write the executed notebook (with outputs) back")
    parser.add_argument("--timeout", type=int, default=120, help="seconds per cell (default 120)")
    args = parser.parse_args()
    check_kernel()
    nb = nbformat.read(NOTEBOOK, as_version=4)
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="explore-kernel-") as sockets:
        # Local sockets (IPC) rather than TCP ports: nothing listens on the network while the notebook runs.
        km = KernelManager(kernel_name=KERNEL, transport="ipc", ip=os.path.join(sockets, "kernel"))
        client = NotebookClient(
            nb,
            km=km,
            timeout=args.timeout,
            kernel_name=KERNEL,
            record_timing=False,
            resources={"metadata": {"path": str(NOTEBOOK.parent)}},
        )
        try:
            client.execute()
        except CellExecutionError as err:
            print(f"{NOTEBOOK.name}: a cell failed:\n{err}", file=sys.stderr)
            return 1
    code_cells = [c for c in nb.cells if c.cell_type == "code"]
    errors = [o for c in code_cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
    if errors:
        print(f"{NOTEBOOK.name}: {len(errors)} cell(s) produced an error", file=sys.stderr)
        return 1
    print(f"{NOTEBOOK.name}: {len(code_cells)} code cells ran without error in {time.monotonic() - started:.1f} s")
    if args.save:
        nbformat.write(nb, NOTEBOOK)
        print(f"{NOTEBOOK.name}: outputs saved")
    return 0


if __name__ == "__main__":
    sys.exit(main())
