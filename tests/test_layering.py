"""The package's import graph keeps its layers: data flows one way, tooling stays out of the runtime.

Why a test: the layering is what lets a stage be tested without the ones around it and the
runtime install without the benchmark dependencies; it erodes one convenient import at a time.
The graph comes from grimp (import-linter's engine), which counts imports inside functions too.
"""

from __future__ import annotations

import grimp
import pytest

# Imported by every module; they import nothing of the project (``common``: helpers of the same standing).
BASE = ("factcheck.records", "factcheck.settings", "factcheck.errors", "factcheck.common")
# The stages in pipeline order: none imports a later one (only ``pipeline`` knows the order).
STAGES = ("factcheck.ingest", "factcheck.segment", "factcheck.extract", "factcheck.embed", "factcheck.story_features",
          "factcheck.stories", "factcheck.story_dates", "factcheck.claims_config", "factcheck.claim_lines",
          "factcheck.claim_signals", "factcheck.claim_subjects", "factcheck.measure_qualifiers", "factcheck.claims", "factcheck.pair",
          "factcheck.judge", "factcheck.report")
# What a `factcheck run` (and the review app) executes: none of it may import the tooling.
RUNTIME = (*BASE, *STAGES, "factcheck.names", "factcheck.pipeline", "factcheck.results", "factcheck.story_assembly",
           "factcheck.executors", "factcheck.work", "factcheck.onnx_models",
           "factcheck.store", "factcheck.store_stories",
           "factcheck.serve", "factcheck.console")
TOOLING = "factcheck.tools"


@pytest.fixture(scope="module")
def graph():
    return grimp.build_graph("factcheck", cache_dir=None)


def _imports(graph, package: str) -> set[str]:
    """Modules that ``package`` (or any module inside it) imports directly."""
    members = {package} | (graph.find_descendants(package) if package in graph.modules and graph.find_children(package)
                           else set())
    return {target for m in members for target in graph.find_modules_directly_imported_by(m)}


def _inside(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def layering_violations(graph) -> list[str]:
    """Every broken rule, one line each (empty when the layers hold)."""
    found = []
    for base in BASE:
        found += [f"{base} imports {t}" for t in sorted(_imports(graph, base))]
    for i, stage in enumerate(STAGES):
        for later in STAGES[i + 1:]:
            found += [f"{stage} imports the later stage {t}" for t in sorted(_imports(graph, stage)) if _inside(t, later)]
    for module in RUNTIME:
        found += [f"{module} imports tooling {t}" for t in sorted(_imports(graph, module)) if _inside(t, TOOLING)]
    for module in sorted(graph.modules):
        for target in graph.find_modules_directly_imported_by(module):
            # A package importing its own submodule is how packages work; the reverse direction closes a circle.
            if target != module and graph.find_shortest_chain(importer=target, imported=module):
                found.append(f"import circle: {module} -> {target} -> ... -> {module}")
    return sorted(set(found))


def test_the_layers_hold(graph):
    assert layering_violations(graph) == []


def test_every_runtime_module_is_named():
    """A new top-level module must be placed in a layer (or in tools/) before it can slip past the rules."""
    graph = grimp.build_graph("factcheck", cache_dir=None)
    top = {m for m in graph.modules if m.count(".") == 1}
    placed = set(RUNTIME) | {TOOLING, "factcheck.cli", "factcheck.pipeline"}
    assert sorted(top - placed) == []


def test_the_check_catches_a_violation():
    """The guard can fail: a stage importing a later stage, a base module importing a stage, the pipeline
    importing tooling, and a circle are each reported."""
    graph = grimp.build_graph("factcheck", cache_dir=None)  # a graph of its own: the imports added stay here
    graph.add_import(importer="factcheck.segment", imported="factcheck.judge.facts")
    graph.add_import(importer="factcheck.records", imported="factcheck.segment")
    graph.add_import(importer="factcheck.pipeline", imported="factcheck.tools.bench")
    found = layering_violations(graph)
    assert "factcheck.segment imports the later stage factcheck.judge.facts" in found
    assert "factcheck.records imports factcheck.segment" in found
    assert "factcheck.pipeline imports tooling factcheck.tools.bench" in found
    assert any(line.startswith("import circle: factcheck.records -> factcheck.segment") for line in found)
