"""Execute notebooks headless with nbclient (used by bin/test.d/50-notebooks.run).

    POLICYREACH_LAKEHOUSE=/path/to/lakehouse python notebooks/run_notebooks.py notebooks/*.ipynb

Each notebook runs in a fresh kernel of this Python, in the notebooks/ folder, with a time limit
per cell. Outputs are not written back (notebooks are committed without outputs). Prints one
line per notebook and a closing 'N passed, N failed' line; exits 1 if any failed.
"""

from __future__ import annotations

import sys
import time
import traceback
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

CELL_TIMEOUT_SECONDS = 600


def run(path: Path) -> tuple[bool, float, str]:
    started = time.monotonic()
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        timeout=CELL_TIMEOUT_SECONDS,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
    )
    try:
        client.execute()
    except CellExecutionError as e:
        return False, time.monotonic() - started, str(e)
    except Exception:  # kernel died, timeout, bad JSON: all fail the notebook
        return False, time.monotonic() - started, traceback.format_exc()
    return True, time.monotonic() - started, ""


def main(argv: list[str]) -> int:
    paths = [Path(a).resolve() for a in argv]
    if not paths:
        print("usage: run_notebooks.py NOTEBOOK.ipynb ...", file=sys.stderr)
        return 2
    passed = failed = 0
    for p in paths:
        ok, seconds, detail = run(p)
        print(f"{'ok' if ok else 'FAILED'}: {p.name} ({seconds:.1f} s)", flush=True)
        if ok:
            passed += 1
        else:
            failed += 1
            print(detail[-4000:], file=sys.stderr)
    print(f"notebooks: {passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
