"""Runs the examples of docs/api.md against a running server, so the document stays true to the API.

    GRAPH_API=http://127.0.0.1:4000/graphql [API_TOKEN=…] python examples/check_docs.py [--show]

--show prints what each curl example answered, to refresh the excerpts in the document.

- ```sh blocks that call curl run in bash; every JSON answer they print must parse, and must hold no
  `errors` unless the block is marked as showing errors.
- ```python blocks run in order in one namespace, like a notebook.
- ```ts blocks are joined into one module (the first block, the helper, at the top; each later block in
  its own scope), type-checked with the project's TypeScript settings and run with Node (tsx).

In every block http://127.0.0.1:4000 is replaced by the server of GRAPH_API. A comment on the line before a
fence changes how the block is treated:

    <!-- check: skip -->     not run (needs something this check cannot provide)
    <!-- check: errors -->   a curl block whose answers must all carry errors with extensions.code
    <!-- check: writes -->   run only when API_TOKEN is set (the server must have the same token)
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "api.md"
DEFAULT_BASE = "http://127.0.0.1:4000"
FENCE = re.compile(r"^```(\w+)?\s*$")
MARK = re.compile(r"^<!--\s*check:\s*([\w-]+)\s*-->\s*$")


def blocks(text):
    """(language, marker, first line number, code) for each fenced block."""
    lines = text.splitlines()
    out, i = [], 0
    while i < len(lines):
        m = FENCE.match(lines[i])
        if m and m.group(1):
            marker = None
            j = i - 1
            if j >= 0:
                mm = MARK.match(lines[j])
                marker = mm.group(1) if mm else None
            start = i + 1
            i += 1
            while i < len(lines) and not lines[i].startswith("```"):
                i += 1
            out.append((m.group(1), marker, start + 1, "\n".join(lines[start:i])))
        i += 1
    return out


def json_documents(output):
    """Every JSON value printed, one after another (curl prints answers back to back)."""
    decoder, docs, pos = json.JSONDecoder(), [], 0
    while True:
        start = min((p for p in (output.find("{", pos), output.find("[", pos)) if p != -1), default=-1)
        if start == -1:
            return docs
        value, pos = decoder.raw_decode(output, start)
        docs.append(value)


def main():
    api = os.environ.get("GRAPH_API", f"{DEFAULT_BASE}/graphql")
    parts = urlsplit(api)
    base = f"{parts.scheme}://{parts.netloc}"
    token = os.environ.get("API_TOKEN")
    show = "--show" in sys.argv[1:]
    subst = lambda code: code.replace(DEFAULT_BASE, base)

    found = blocks(DOC.read_text(encoding="utf-8"))
    counts = {"sh": 0, "python": 0, "ts": 0, "skipped": 0}
    failures = []
    namespace = {"__name__": "__docs__"}
    ts_blocks = []

    for lang, marker, line, code in found:
        where = f"{DOC.relative_to(ROOT)}:{line}"
        if marker == "skip" or (marker == "writes" and not token):
            counts["skipped"] += lang in ("sh", "python", "ts")
            continue
        if lang == "sh" and "curl " in code:
            counts["sh"] += 1
            run = subprocess.run(["bash", "-euo", "pipefail", "-c", subst(code)], capture_output=True, text=True, timeout=120)
            if run.returncode != 0:
                failures.append(f"{where}: exit {run.returncode}: {run.stderr.strip()[:500]}")
                continue
            if show:
                print(f"--- {where}\n{run.stdout.strip()}")
            try:
                docs = json_documents(run.stdout)
            except ValueError as err:
                failures.append(f"{where}: output is not JSON ({err}): {run.stdout[:300]}")
                continue
            if not docs:
                failures.append(f"{where}: printed no JSON: {run.stdout[:300]}")
                continue
            answers = [d for d in docs if isinstance(d, dict) and ("data" in d or "errors" in d)]
            if marker == "errors":
                bad = [d for d in answers if not d.get("errors") or not all(e.get("extensions", {}).get("code") for e in d["errors"])]
                if bad or not answers:
                    failures.append(f"{where}: expected coded errors, got {json.dumps(bad or docs)[:300]}")
            else:
                bad = [d for d in answers if d.get("errors")]
                if bad:
                    failures.append(f"{where}: unexpected errors: {json.dumps(bad[0]['errors'])[:300]}")
        elif lang == "python":
            counts["python"] += 1
            try:
                exec(compile(subst(code), where, "exec"), namespace)
            except Exception as err:  # noqa: BLE001 - report any failure of a documented example
                failures.append(f"{where}: {type(err).__name__}: {err}")
        elif lang == "ts":
            counts["ts"] += 1
            ts_blocks.append((where, subst(code)))

    if ts_blocks:
        failures += run_typescript(ts_blocks, show)

    summary = f"{counts['sh']} curl, {counts['python']} Python and {counts['ts']} TypeScript examples run, {counts['skipped']} skipped"
    if failures:
        print(f"{DOC.relative_to(ROOT)}: {len(failures)} example(s) failed ({summary}):", file=sys.stderr)
        for f in failures:
            print(f"  - {f}", file=sys.stderr)
        return 1
    print(f"{DOC.relative_to(ROOT)}: {summary}; all passed")
    return 0


def run_typescript(ts_blocks, show=False):
    """One ESM module: imports hoisted, the first block (helpers) at the top level, each later block in braces."""
    node_modules = ROOT / "node_modules"
    if not (node_modules / "tsx").exists() or not (node_modules / "typescript").exists():
        return ["TypeScript examples need `npm ci` first (node_modules/tsx and node_modules/typescript)"]
    imports, body = [], []
    for i, (where, code) in enumerate(ts_blocks):
        rest = []
        for line in code.splitlines():
            (imports if line.startswith("import ") else rest).append(line)
        body.append(f"// {where}")
        body += rest if i == 0 else ["{", *rest, "}"]
    source = "\n".join(dict.fromkeys(imports)) + "\n\n" + "\n".join(body) + "\n"
    tmp = Path(tempfile.mkdtemp(prefix="api-doc-ts-"))
    try:
        (tmp / "node_modules").symlink_to(node_modules)
        (tmp / "examples.mts").write_text(source, encoding="utf-8")
        (tmp / "tsconfig.json").write_text(json.dumps({"extends": str(ROOT / "tsconfig.json"), "include": ["examples.mts"]}))
        tsc = subprocess.run([str(node_modules / ".bin" / "tsc"), "--noEmit", "-p", str(tmp)], capture_output=True, text=True, timeout=300)
        if tsc.returncode != 0:
            return [f"TypeScript examples do not type-check:\n{tsc.stdout[-2000:]}"]
        run = subprocess.run(["node", "--import", "tsx", str(tmp / "examples.mts")], capture_output=True, text=True, timeout=300, cwd=tmp)
        if show:
            print(f"--- TypeScript examples\n{run.stdout.strip()}")
        if run.returncode != 0:
            return [f"TypeScript examples failed (exit {run.returncode}):\n{(run.stderr or run.stdout)[-2000:]}"]
        return []
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
