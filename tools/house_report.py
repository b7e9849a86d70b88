"""Module tree with line counts and the package's import graph (cycles, layer order) as Markdown.

Why: issue 15 asks for the shape of ``factcheck/`` before and after a refactor, and for proof that
no import circle is left. The graph comes from grimp (the library import-linter is built on), so
imports inside functions and under ``TYPE_CHECKING`` count like top-level ones.

Usage::

    python tools/house_report.py [--root DIR]      # prints Markdown to stdout
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def module_tree(root: Path) -> list[tuple[str, int]]:
    """(path relative to root, line count) for every .py file under root/factcheck, largest last."""
    rows = []
    for path in sorted((root / "factcheck").rglob("*.py")):
        with path.open(encoding="utf-8") as handle:
            rows.append((str(path.relative_to(root)), sum(1 for _ in handle)))
    return rows


def import_graph(root: Path):
    """grimp's graph of factcheck, internal imports only, read from the checkout at ``root``."""
    import grimp

    sys.path.insert(0, str(root))
    try:
        return grimp.build_graph("factcheck", cache_dir=None)
    finally:
        sys.path.remove(str(root))


def cycles(graph) -> list[list[str]]:
    """Strongly connected groups of more than one module (each an import circle), by Tarjan's algorithm."""
    modules = sorted(graph.modules)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = [0]

    def visit(start: str) -> None:
        # Iterative Tarjan: the graph is small, but recursion depth is not worth the risk.
        work = [(start, iter(sorted(graph.find_modules_directly_imported_by(start))))]
        index[start] = low[start] = counter[0]
        counter[0] += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            advanced = False
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter[0]
                    counter[0] += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.find_modules_directly_imported_by(child)))))
                    advanced = True
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            if advanced:
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1:
                    found.append(sorted(group))

    for module in modules:
        if module not in index:
            visit(module)
    return sorted(found)


def render(root: Path) -> str:
    rows = module_tree(root)
    graph = import_graph(root)
    lines = ["### Module tree", "", "| module | lines |", "|---|---:|"]
    lines += [f"| {name} | {count} |" for name, count in rows]
    over = [name for name, count in rows if count > 400]
    lines += [f"| **total ({len(rows)} files)** | {sum(c for _, c in rows)} |", "",
              f"Modules over 400 lines: {', '.join(over) if over else 'none'}", "", "### Import graph", "",
              "| module | imports (inside factcheck) |", "|---|---|"]
    for module in sorted(graph.modules):
        targets = sorted(graph.find_modules_directly_imported_by(module))
        lines.append(f"| {module} | {', '.join(t.removeprefix('factcheck.') for t in targets)} |")
    found = cycles(graph)
    lines += ["", f"Import circles: {len(found)}"]
    lines += [f"- {' <-> '.join(group)}" for group in found]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parent.parent)
    args = parser.parse_args(argv)
    print(render(args.root.resolve()), end="")


if __name__ == "__main__":
    main()
