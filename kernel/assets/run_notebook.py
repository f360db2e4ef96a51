"""Execute one notebook with nbclient; write the executed .ipynb and HTML.

Run by `econb replicate` (and kernel/nbtests) with the Python that has
nbclient and nbconvert:

    python run_notebook.py --kernel econb --out OUT.ipynb [--html OUT.html] IN.ipynb

Progress goes to stderr, one line per cell. The last line on stdout is a
JSON summary: {"ok": true, "cells": N, "seconds": S} or, when a cell
fails, {"ok": false, "cell": K, "ename": ..., "evalue": ..., "source": ...}
(K counts code cells from 1). The executed notebook is written in both
cases, so the failing cell can be inspected. Exit status: 0 ok, 1 a cell
failed, 2 the driver itself failed.
"""

import argparse
import html
import json
import os
import re
import sys
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError


def error_detail(cell):
    """Text of what a failing cell showed: its stderr, econb's error box
    (nb.Stop: its text form) and, stripped of markup, GoNB's HTML
    rendering of compiler errors."""
    parts = []
    for o in cell.get("outputs", []):
        if o.get("output_type") == "stream" and o.get("name") == "stderr":
            parts.append(o.get("text", ""))
        h = o.get("data", {}).get("text/html", "")
        if "econb-error" in h:
            parts.append(o.get("data", {}).get("text/plain", ""))
        elif "gonb-err" in h:
            h = re.sub(r"(?s)<style>.*?</style>|<script.*?</script>|<[^>]+>", "", h)
            parts.append(html.unescape(re.sub(r"\n\s*\n+", "\n", h)).strip())
    return "\n".join(p.strip() for p in parts if p.strip())


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--kernel", default="econb")
    p.add_argument("--timeout", type=int, default=600, help="seconds per cell")
    p.add_argument("--out", required=True, help="executed .ipynb to write")
    p.add_argument("--html", help="HTML export to write")
    p.add_argument("notebook")
    a = p.parse_args()

    nb = nbformat.read(a.notebook, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    index = {id(c): i + 1 for i, c in enumerate(code)}
    state = {"cell": 0, "start": 0.0}

    def on_start(cell, cell_index):
        state["cell"] = index.get(id(cell), 0)
        state["start"] = time.monotonic()

    def on_done(cell, cell_index, execute_reply):
        k = index.get(id(cell), 0)
        if k:
            dt = time.monotonic() - state["start"]
            print(f"  cell {k}/{len(code)} {dt:.1f}s", file=sys.stderr, flush=True)

    client = NotebookClient(
        nb,
        kernel_name=a.kernel,
        timeout=a.timeout,
        resources={"metadata": {"path": os.path.dirname(os.path.abspath(a.notebook))}},
        on_cell_start=on_start,
        on_cell_executed=on_done,
    )
    t0 = time.monotonic()
    summary = {"ok": True, "cells": len(code)}
    try:
        client.execute()
    except (CellExecutionError, CellTimeoutError) as e:
        cell = code[state["cell"] - 1] if state["cell"] else None
        summary = {
            "ok": False,
            "cell": state["cell"],
            "ename": getattr(e, "ename", type(e).__name__),
            "evalue": getattr(e, "evalue", str(e)),
            "source": cell.source if cell is not None else "",
            "detail": error_detail(cell) if cell is not None else "",
        }
    summary["seconds"] = round(time.monotonic() - t0, 2)

    os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
    nbformat.write(nb, a.out)
    if a.html:
        from nbconvert import HTMLExporter

        body, _ = HTMLExporter().from_notebook_node(nb)
        with open(a.html, "w", encoding="utf-8") as f:
            f.write(body)
    print(json.dumps(summary), flush=True)
    return 0 if summary["ok"] else 1


if __name__ == "__main__":
    try:
        sys.exit(main())
    except Exception as e:  # the driver itself failed, not a cell
        print(json.dumps({"ok": False, "cell": 0, "ename": type(e).__name__, "evalue": str(e)}), flush=True)
        sys.exit(2)
