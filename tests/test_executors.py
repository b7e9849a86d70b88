"""executors: the local executor is the run as before and imports no Ray; Ray gives the same report."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from factcheck.cli import app
from factcheck.executors import ExecutorError, LocalExecutor, RayExecutor, batches
from factcheck.pipeline import Checker
from factcheck.settings import Settings
from factcheck.work import Judged, merge_judged

# Written for the tests: three events, each told by three outlets that disagree on a count, a date or a title.
STORIES = {
    "fire-north.md": "---\ntitle: Warehouse fire destroys trucks\ndate: 2025-03-14\nsource: North Courier\n---\n"
                     "Firefighters said the warehouse blaze in Port Argent on Wednesday destroyed 14 trucks.\n"
                     "The owner plans to rebuild the depot next year.\n",
    "fire-south.md": "---\ntitle: Port Argent depot blaze\ndate: 2025-03-14\nsource: South Gazette\n---\n"
                     "Firefighters said the warehouse blaze in Port Argent on Wednesday destroyed 40 trucks.\n"
                     "Investigators have not yet named a cause of the depot fire.\n",
    "fire-east.md": "---\ntitle: Blaze at Port Argent warehouse\ndate: 2025-03-15\nsource: East Daily\n---\n"
                    "The warehouse blaze in Port Argent broke out on Monday, firefighters said.\n"
                    "Neighbours described thick black smoke over the depot and 14 burnt trucks.\n",
    "bridge-a.md": "---\ntitle: Mill Road bridge to close\ndate: 2021-08-02\nsource: Easton Daily\n---\n"
                   "Easton Governor Luis Ortega said the Mill Road bridge will close for repairs on August 9.\n"
                   "Engineers from Brightline found cracks in two steel beams of the bridge.\n",
    "bridge-b.md": "---\ntitle: Easton closes Mill Road bridge\ndate: 2021-08-02\nsource: Easton Radio\n---\n"
                   "Easton Governor Luis Ortega said the Mill Road bridge will close for repairs on August 16.\n"
                   "Engineers from Brightline found cracks in three steel beams of the bridge.\n",
    "bridge-c.md": "---\ntitle: Bridge repairs in Easton\ndate: 2021-08-03\nsource: Easton Post\n---\n"
                   "The Mill Road bridge in Easton will close for repairs on August 9, Governor Luis Ortega said.\n"
                   "The repairs are expected to cost 2 million dollars.\n",
    "grid-a.md": "---\ntitle: Ministers sign grid deal in Lisbon\ndate: 2024-09-12\nsource: Harbor Times\n---\n"
                 "The energy ministers of Spain and Portugal met in Lisbon on Tuesday to sign the grid agreement.\n"
                 "The agreement covers 12 cross-border power lines.\n",
    "grid-b.md": "---\ntitle: Iberian grid agreement signed\ndate: 2024-09-12\nsource: Tagus Wire\n---\n"
                 "The energy ministers of Spain and Portugal met in Lisbon on Thursday to sign the grid agreement.\n"
                 "The agreement covers 9 cross-border power lines.\n",
}


def _run(*args):
    return CliRunner().invoke(app, [str(a) for a in args])


def _flags(report_dir) -> list[tuple]:
    report = json.loads((report_dir / "report.json").read_text(encoding="utf-8"))
    return [(d["id"], d["kind"], d["a"]["sentence_id"], d["b"]["sentence_id"], d["confidence"], d["story"])
            for d in report["discrepancies"]]


def test_executors_local_run_imports_no_ray(make_corpus, tmp_path):
    """In a fresh interpreter: a local run (the default) leaves Ray unimported, so Ray stays an optional extra."""
    corpus = make_corpus(STORIES)
    code = ("import sys; from factcheck.cli import app\n"
            f"try: app([{str(corpus)!r}, '--no-db', '--nli-model', 'none', '--out', {str(tmp_path / 'out')!r}])\n"
            "except SystemExit as e: assert not e.code, e.code\n"
            "print('ray' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code.replace("app([", "app(['run', ")], capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "False"
    assert _flags(tmp_path / "out")


def test_executors_local_is_one_batch_on_the_runs_checker():
    checker = Checker(Settings(nli_model=None))
    executor = checker.executor
    assert isinstance(executor, LocalExecutor) and executor.checker is checker
    assert executor.map(lambda c, batch, timer: (c, batch), [1, 2, 3], "x") == [(checker, [1, 2, 3])]


@pytest.mark.parametrize("items, budget, expected", [
    ([3, 1, 1, 5, 2], 4, [[3, 1], [1], [5], [2]]),
    ([9], 4, [[9]]),  # an item over the budget still goes, alone
    ([], 4, []),
    ([1, 1, 1], 10, [[1, 1, 1]]),
])
def test_executors_batches_keep_order_within_budget(items, budget, expected):
    assert list(batches(items, budget, weight=int)) == expected


def test_executors_merge_keeps_the_most_confident_and_the_judges_order():
    from factcheck.records import Discrepancy, Kind, Sentence

    def flag(i, conf):
        a = Sentence(id=f"a{i}", article_id="x", index=0, start=0, end=1, text="a")
        b = Sentence(id=f"b{i}", article_id="y", index=0, start=0, end=1, text="b")
        return Discrepancy(id=f"d{i}", kind=Kind.NUMBER, confidence=conf, a=a, b=b, a_value=None, b_value=None,
                           explanation="")

    parts = [Judged([], None, {}, {"nli_pairs": 2, "nli_pairs_cached": 1}, [flag(1, 0.6), flag(2, 0.9)]),
             Judged([], None, {}, {"nli_pairs": 3, "nli_pairs_cached": 0}, [flag(1, 0.8), flag(3, 0.6)])]
    merged = merge_judged(parts)
    assert [(d.id, d.confidence) for d in merged.found] == [("d2", 0.9), ("d1", 0.8), ("d3", 0.6)]
    assert merged.nli_stats == {"nli_pairs": 5, "nli_pairs_cached": 1}
    assert merged.nli_probs is None


def test_executors_missing_ray_is_one_line_and_exit_2(make_corpus, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "ray", None)  # import ray -> ImportError, as without the extra
    result = _run("run", make_corpus(STORIES), "--executor", "ray", "--db", tmp_path / "fc.sqlite",
                  "--nli-model", "none", "--out", tmp_path / "out")
    assert result.exit_code == 2
    assert result.output == "error: --executor ray needs Ray: pip install 'factcheck[ray]'\n"
    assert not (tmp_path / "fc.sqlite").exists()  # failed before the store was opened


def test_executors_unknown_executor_is_a_usage_error(make_corpus):
    result = _run("run", make_corpus(STORIES), "--executor", "spark", "--no-db")
    assert result.exit_code == 2 and "'spark' is not one of local, ray" in result.output
    result = _run("run", make_corpus(STORIES), "--ray-address", "127.0.0.1:6379", "--no-db")
    assert result.exit_code == 2 and "--ray-address needs --executor ray" in result.output


def test_executors_unreachable_cluster_is_one_line(make_corpus, tmp_path):
    pytest.importorskip("ray")
    import ray

    assert not ray.is_initialized()  # runs before the module's Ray instance starts
    with pytest.raises(ExecutorError, match="cannot reach a Ray cluster at 127.0.0.1:1"):
        RayExecutor(Settings(nli_model=None), Checker, address="127.0.0.1:1")


@pytest.fixture(scope="module")
def ray_cluster():
    """A local two-CPU Ray instance for the module (no network: it listens on this machine only).
    ``address="local"``: a new instance even when a Ray cluster is already running on the machine."""
    ray = pytest.importorskip("ray")
    ray.init(address="local", num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False)
    yield ray
    ray.shutdown()


@pytest.mark.slow
def test_executors_ray_report_equals_local(make_corpus, tmp_path, ray_cluster, tiny_nli_dir):
    """Same discrepancies (id, kind, both sentences, confidence, story) in the same order, a store each, NLI on
    (the tests' tiny model: fast, and its scores go through the workers and the store's cache); small Ray
    tasks so that the stories really are spread over both workers in several batches."""
    corpus = make_corpus(STORIES)
    common = ("--nli-model", tiny_nli_dir, "--format", "json")
    local = _run("run", corpus, "--db", tmp_path / "local.sqlite", "--out", tmp_path / "local", *common)
    assert local.exit_code == 0, local.output
    expected = _flags(tmp_path / "local")
    report = json.loads((tmp_path / "local" / "report.json").read_text(encoding="utf-8"))
    assert len({d[5] for d in expected}) >= 2 and report["stats"]["stories"] >= 3  # flags in several stories
    assert report["stats"]["nli_pairs"] > 0

    checker = Checker(Settings(nli_model=str(tiny_nli_dir), executor="ray"))
    checker._executor = RayExecutor(checker.settings, Checker, batch_budget=300)
    from factcheck.store import Store

    with Store.open(tmp_path / "ray.sqlite") as store:
        result = checker.run([corpus], out=tmp_path / "ray", store=store, formats=("json",))
        assert _flags(tmp_path / "ray") == expected
        assert set(checker.executor.worker_seconds) >= {"segment", "extract", "embed", "pair", "nli", "judge"}
        assert result.stats["worker_seconds"] == checker.executor.worker_seconds
        # The second run reads analyses, vectors and NLI scores from the driver's store: workers get no new work.
        again = checker.run([corpus], out=tmp_path / "ray2", store=store, formats=("json",))
    checker.close()
    assert _flags(tmp_path / "ray2") == expected
    assert result.stats["articles_analysed"] == len(STORIES) and again.stats["articles_analysed"] == 0
    assert again.stats["nli_directions_scored"] == 0 and again.stats["nli_pairs_cached"] == result.stats["nli_pairs"]
    assert "embed" not in again.stats["worker_seconds"]  # every vector came from the store

    via_cli = _run("run", corpus, "--executor", "ray", "--db", tmp_path / "cli.sqlite", "--out", tmp_path / "cli", *common)
    assert via_cli.exit_code == 0, via_cli.output
    assert _flags(tmp_path / "cli") == expected


@pytest.mark.slow
def test_executors_ray_worker_error_is_the_same_one_line(make_corpus, tmp_path, ray_cluster):
    """A missing NLI model fails on the workers, where it loads: the user sees the local run's line and exit code."""
    corpus = make_corpus(STORIES)
    missing = tmp_path / "no-such-model"
    results = [_run("run", corpus, "--executor", executor, "--no-db", "--out", tmp_path / executor,
                    "--nli-model", missing, "--quiet") for executor in ("local", "ray")]
    assert [r.exit_code for r in results] == [4, 4]
    assert results[1].output == results[0].output
    assert results[1].output.startswith(f"error: {missing}: NLI model directory not found")


def test_executors_worker_processes_give_the_one_process_report(make_corpus, tmp_path, tiny_nli_dir):
    """Analysis in two forked worker processes (its batches spread over both) gives the report of one
    process, in the same order; the workers' seconds and CPU are reported."""
    corpus = make_corpus(STORIES)
    reports = {}
    for workers in (1, 2):
        checker = Checker(Settings(nli_model=str(tiny_nli_dir), workers=workers, parallel_min_chars=0, quiet=True))
        result = checker.run([corpus], out=tmp_path / f"w{workers}", formats=("json",))
        pooled = checker.executor._pool is not None
        checker.close()
        reports[workers] = _flags(tmp_path / f"w{workers}")
        assert pooled == (workers == 2)
        if workers == 2:
            assert set(result.stats["worker_seconds"]) == {"segment", "extract", "cpu"}
            assert {"analyse", "nli", "judge"} <= set(result.stats["seconds"]) and "segment" not in result.stats["seconds"]
        else:
            assert "worker_seconds" not in result.stats
    assert reports[2] == reports[1] and reports[1]


def test_executors_small_corpus_or_one_worker_stays_in_this_process():
    checker = Checker(Settings(nli_model=None))  # workers=0: automatic, 300,000 characters before forking
    executor = checker.executor
    same = executor.map(lambda c, batch, timer: (c, batch), ["short", "texts"], "analyse", weight=len)
    assert same == [(checker, ["short", "texts"])] and executor._pool is None
    executor.workers = 1
    executor.min_chars = 0
    assert executor.map(lambda c, batch, timer: c, ["a", "b"], "analyse", weight=len) == [checker]
    assert executor._pool is None


def test_executors_worker_checker_loads_its_own_models(make_corpus):
    """A forked worker reuses the inherited spaCy pipeline but never the inherited onnxruntime/torch
    sessions (their threads did not survive the fork): it loads its own, with one thread."""
    from factcheck.executors import _fork_safe

    parent = Checker(Settings(nli_model=None, threads=2))
    parent.extractor.nlp_  # noqa: B018 - as ProcessPool loads both before forking
    parent._nli = object()  # stands for a loaded session
    child = _fork_safe(parent)
    assert child.segmenter is parent.segmenter and child.extractor is parent.extractor
    assert not hasattr(child, "_nli") and not hasattr(child, "_embedder")
    assert child.settings.threads == 1 and child.settings.workers == 1


def test_executors_worker_does_not_hang_on_an_earlier_runs_garbage(make_corpus, tmp_path):
    """An earlier run's Checker, kept by a reference cycle until a collection, holds model sessions with
    thread pools. Collected in a forked worker, a session's destructor waited forever for threads that
    did not survive the fork (a hung test run): it must be collected before the fork, or never in the
    worker. In a fresh interpreter, killed (and failed) after a timeout."""
    import os
    import signal

    corpus = make_corpus(STORIES)
    code = (
        "import gc\n"
        "from factcheck.pipeline import Checker\n"
        "from factcheck.settings import Settings\n"
        "def first_run():\n"
        f"    Checker(Settings(quiet=True, workers=1, threads=2)).run([{str(corpus)!r}], out=None)\n"
        "first_run()  # its Checker, models included, is now garbage that only a collection frees\n"
        "def collect(checker, batch, timer):\n"
        "    gc.collect()  # a worker collecting what it inherited\n"
        "    return len(batch)\n"
        "checker = Checker(Settings(nli_model=None, quiet=True, workers=2, parallel_min_chars=0))\n"
        "print(sum(checker.executor.map(collect, list(range(8)), 'analyse')))\n"
        "checker.close()\n")
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, start_new_session=True)
    try:
        out, err = proc.communicate(timeout=120)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        pytest.fail("a forked worker hung collecting the earlier run's model sessions")
    assert proc.returncode == 0, err[-2000:]
    assert out.split()[-1] == "8"
