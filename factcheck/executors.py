"""Who runs the per-article and per-story work: this process (``local``, the default) or a Ray cluster.

Why: a night's corpus fits one machine, an archive or a wire aggregator's day does not. The
pipeline hands an executor a picklable function ``fn(checker, batch, timer)`` and a list of
items (articles, sentences or stories); the executor cuts the items into batches, runs ``fn``
on each where models are loaded, and returns the batch results in item order. The stage order
stays in ``pipeline.py``; only its driver reads and writes the store.

``LocalExecutor`` passes all items as one batch to the run's own ``Checker`` (the run is what
it was before executors existed), except the per-article analysis of a large corpus: spaCy runs
on one core, so with idle cores it is cut into batches for forked worker processes that inherit
the loaded pipeline (``ProcessPool``). ``RayExecutor`` keeps a pool of actors, each holding one
``Checker`` (spaCy, the embedder and the NLI model load once per worker, not per task), and
maps batches over them in order. This module imports nothing of Ray until a Ray executor is made.
"""

from __future__ import annotations

import gc
import logging
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, Protocol, TypeVar

from .errors import FactcheckError
from .results import Timer
from .settings import Settings

T = TypeVar("T")
BatchFn = Callable[[Any, list, Timer], Any]  # (checker, batch of items, timer) -> one batch's result
Advance = Callable[[str, int, int], None]  # (stage, batches done, batches in all)
EXECUTORS = ("local", "ray")
CONNECT_TIMEOUT_S = 5.0  # how long --ray-address may take to accept a connection


class ExecutorError(FactcheckError):
    """The executor cannot start: Ray missing, or no cluster at the address."""

    exit_code = 2


class Executor(Protocol):
    """Runs ``fn`` over batches of items and returns the batches' results in item order."""

    name: str
    worker_seconds: dict[str, float]  # stage -> seconds summed over workers (wall on the driver is the run's)
    timer: Timer | None  # the run's timer, set by the pipeline before its first map

    def map(self, fn: BatchFn, items: Sequence[T], stage: str, weight: Callable[[T], int] | None = None,
            advance: Advance | None = None) -> list: ...

    def close(self) -> None: ...


class LocalExecutor:
    """This machine: everything in this process as one batch, except the stages in ``pooled_stages``
    of a corpus with at least ``min_chars`` characters, which go to a pool of ``workers`` forked
    processes (0: one per idle core). Results are those of one batch (a batch's output does not
    depend on its batch-mates; a test checks the reports are identical).

    Only analysis (spaCy: plain Python and numpy) is pooled by default. Judging was tried: a torch
    NLI model hung in a forked worker once the parent had run torch (OpenMP's threads do not survive
    a fork), and NLI is a small share of a run (88 of 741 s at 10,000 articles)."""

    name = "local"

    def __init__(self, checker: Any, workers: int = 0, min_chars: int = 300_000,
                 pooled_stages: Sequence[str] = ("analyse",)) -> None:
        self.checker = checker
        self.workers = workers
        self.min_chars = min_chars
        self.pooled_stages = tuple(pooled_stages)
        self.worker_seconds: dict[str, float] = {}
        self.timer: Timer | None = None  # the run's timer: local batches time their stages into it
        self._pool: ProcessPool | None = None

    def map(self, fn: BatchFn, items: Sequence[T], stage: str, weight: Callable[[T], int] | None = None,
            advance: Advance | None = None) -> list:
        workers, total = self._workers_for(items, stage, weight)
        if workers < 2:
            # Called even with no items, so that the stage shows in the run's timings as it always did.
            return [fn(self.checker, list(items), self.timer or Timer(None))]
        if self._pool is None or self._pool.workers != workers:
            self.close()
            self._pool = ProcessPool(self.checker, workers)
        # A few batches per worker: they finish at about the same time, and each is big enough for
        # spaCy's batching (extraction parses a batch's sentences in one nlp.pipe).
        chunks = list(batches(items, -(-total // (workers * BATCHES_PER_WORKER)), weight))
        with (self.timer or Timer(None)).stage(stage):
            return self._pool.map(fn, chunks, stage, self.worker_seconds, advance)

    def _workers_for(self, items: Sequence[T], stage: str, weight: Callable[[T], int] | None) -> tuple[int, int]:
        """How many processes run ``stage`` on ``items`` (1: this one), and the items' summed weight
        (0 where it is not needed: the stage stays here)."""
        if stage not in self.pooled_stages or len(items) < 2 or self.workers == 1 or not ProcessPool.available():
            return 1, 0
        total = sum(max(1, weight(x)) for x in items) if weight is not None else len(items)
        if self.workers:
            return min(self.workers, len(items)), total
        if total < self.min_chars:
            return 1, total  # a nightly handful: forking and pickling would cost more than they save
        from .common import idle_cores

        return min(idle_cores(), len(items)), total

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()
            self._pool = None


BATCHES_PER_WORKER = 4
_POOL_CHECKER: Any = None  # the Checker a forked worker inherited (set in the parent just before forking)


class ProcessPool:
    """Worker processes forked from this one, so they start with its loaded models (spaCy) and need
    no pickled ``Checker``; only batches and their results cross. Fork only (Linux): other start
    methods re-import the caller's main module, which an unguarded script cannot survive."""

    def __init__(self, checker: Any, workers: int) -> None:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        global _POOL_CHECKER
        checker.segmenter.nlp_  # noqa: B018 - load spaCy once here; every worker inherits it
        checker.extractor.nlp_  # noqa: B018
        _POOL_CHECKER = checker
        self.workers = workers
        self.pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork"))
        self._forked = False

    @staticmethod
    def available() -> bool:
        import multiprocessing
        import sys

        return sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()

    def map(self, fn: BatchFn, chunks: list[list], stage: str, worker_seconds: dict[str, float],
            advance: Advance | None) -> list:
        from concurrent.futures.process import BrokenProcessPool

        out = []
        try:
            with _collected_and_frozen(first=not self._forked):
                results = self.pool.map(_run_forked, [(fn, c) for c in chunks])  # forks on the first submit
            self._forked = True
            for done, (result, seconds) in enumerate(results, start=1):
                out.append(result)
                for name, value in seconds.items():
                    worker_seconds[name] = round(worker_seconds.get(name, 0.0) + value, 3)
                if advance is not None:
                    advance(stage, done, len(chunks))
        except BrokenProcessPool as exc:
            raise ExecutorError(f"a worker process of the {stage} stage died (out of memory?); "
                                "rerun with --workers 1") from exc
        return out

    def close(self) -> None:
        self.pool.shutdown(cancel_futures=True)


@contextmanager
def _collected_and_frozen(first: bool) -> Iterator[None]:
    """Around the fork: collect garbage in this process, and freeze what the workers inherit.

    Why: garbage that holds a model session (an earlier run's ``Checker``, kept by a reference
    cycle until a collection) must not be collected in a worker: there the session's destructor
    waits forever for thread-pool threads that did not survive the fork (seen as a hung worker in
    the test suite). ``gc.freeze`` moves every object this process has into a generation that the
    forked copy never collects; this process unfreezes once the workers exist."""
    if not first:
        yield
        return
    gc.collect()
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


_WORKER_CHECKER: Any = None  # this worker's own Checker, made from the inherited one on its first batch


def _run_forked(task: tuple[BatchFn, list]) -> tuple[Any, dict[str, float]]:
    """One batch in a forked worker; CPU seconds ride along with the stages."""
    import time

    global _WORKER_CHECKER
    fn, batch = task
    cpu = time.process_time()
    if _WORKER_CHECKER is None:
        _WORKER_CHECKER = _fork_safe(_POOL_CHECKER)
    result, seconds = _run_batch(_WORKER_CHECKER, fn, batch)
    return result, {**seconds, "cpu": time.process_time() - cpu}


def _fork_safe(inherited: Any) -> Any:
    """A Checker for this worker: the inherited spaCy pipeline (plain Python and numpy), but its own
    NLI and embedding models, loaded here on first use with one thread each. Inherited onnxruntime
    or torch sessions must not run: their thread pools' threads did not survive the fork."""
    checker = type(inherited)(inherited.settings.replace(threads=1, quiet=True, workers=1))
    for name in ("_segmenter", "_extractor"):
        if hasattr(inherited, name):
            setattr(checker, name, getattr(inherited, name))
    return checker


def batches(items: Sequence[T], budget: int, weight: Callable[[T], int] | None = None) -> Iterator[list[T]]:
    """Consecutive runs of ``items`` whose summed weight stays within ``budget`` (at least one item each).

    >>> list(batches([3, 1, 1, 5, 2], 4, weight=int))
    [[3, 1], [1], [5], [2]]
    """
    batch: list[T] = []
    total = 0
    for item in items:
        w = max(1, weight(item)) if weight is not None else 1
        if batch and total + w > budget:
            yield batch
            batch, total = [], 0
        batch.append(item)
        total += w
    if batch:
        yield batch


def _refuse_unreachable(address: str | None) -> None:
    """Fail in seconds, not after Ray's minutes of retries, when nothing listens at ``HOST:PORT``."""
    import socket

    host, sep, port = (address or "").rpartition(":")
    if not sep or not port.isdigit():
        return  # None, "auto", "ray://...": Ray resolves them itself
    try:
        socket.create_connection((host, int(port)), timeout=CONNECT_TIMEOUT_S).close()
    except OSError as exc:
        raise ExecutorError(f"cannot reach a Ray cluster at {address}: {exc.strerror or exc} "
                            "(start one with `ray start --head`)") from exc


def _reason(exc: BaseException) -> str:
    """Ray's first line, or what to do when the real cause (token authentication) hides in the chain."""
    chain, seen = [], exc
    while seen is not None:
        chain.append(f"{type(seen).__name__}: {seen}")
        seen = seen.__cause__ or seen.__context__
    if any("InvalidAuthToken" in text for text in chain):
        return ("the cluster uses token authentication: set RAY_AUTH_MODE=token (the token is read from "
                "~/.ray/auth_token or RAY_AUTH_TOKEN)")
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__


def _run_batch(checker: Any, fn: BatchFn, batch: list) -> tuple[Any, dict[str, float]]:
    """One batch on a worker, with the worker's own stage timings."""
    timer = Timer(None)
    return fn(checker, batch, timer), dict(timer.seconds)


class RayExecutor:
    """A pool of Ray actors, one ``Checker`` each; batches go to whichever actor is free, results come back in order.

    ``address``: None starts (or joins, with ``RAY_ADDRESS`` set) a Ray instance on this machine;
    ``"auto"`` or ``HOST:PORT`` joins a running cluster (``ray start --head``). Every node needs
    factcheck with its models installed at the same path as the driver's.
    """

    name = "ray"

    def __init__(self, settings: Settings, checker_class: type, address: str | None = None, workers: int = 0,
                 cpus_per_worker: int = 1, batch_budget: int = 0) -> None:
        try:
            import ray
            from ray.util import ActorPool
        except ImportError as exc:
            raise ExecutorError("--executor ray needs Ray: pip install 'factcheck[ray]'") from exc
        self._ray = ray
        self.timer: Timer | None = None  # the run's timer: each map is one driver stage in it
        self._started = not ray.is_initialized()  # a Ray instance this executor started, it also shuts down
        if self._started:
            _refuse_unreachable(address)
            try:
                ray.init(address=address, include_dashboard=False, log_to_driver=False,
                         logging_level=logging.ERROR)
            except (ConnectionError, RuntimeError, ValueError) as exc:
                raise ExecutorError(f"cannot reach a Ray cluster at {address or 'this machine'}: "
                                    f"{_reason(exc)}") from exc
        cpus = int(ray.cluster_resources().get("CPU", 1))
        count = workers or max(1, cpus // cpus_per_worker)
        # Each worker's models use the cores Ray gives it, not the machine's idle cores.
        worker_settings = settings.replace(threads=settings.threads or cpus_per_worker, quiet=True)
        actor = ray.remote(num_cpus=cpus_per_worker)(_Worker)
        self.actors = [actor.remote(checker_class, worker_settings) for _ in range(count)]
        self.pool = ActorPool(self.actors)
        self.batch_budget = batch_budget or settings.ray_batch
        self.worker_seconds: dict[str, float] = {}

    def map(self, fn: BatchFn, items: Sequence[T], stage: str, weight: Callable[[T], int] | None = None,
            advance: Advance | None = None) -> list:
        chunks = list(batches(items, self.batch_budget, weight))
        out = []
        with (self.timer or Timer(None)).stage(stage), self._worker_errors():
            for done, (result, seconds) in enumerate(
                    self.pool.map(lambda a, chunk: a.run.remote(fn, chunk), chunks), start=1):
                out.append(result)
                for name, value in seconds.items():
                    self.worker_seconds[name] = round(self.worker_seconds.get(name, 0.0) + value, 3)
                if advance is not None:
                    advance(stage, done, len(chunks))
        return out

    @contextmanager
    def _worker_errors(self) -> Iterator[None]:
        """A worker's FactcheckError (a missing model, say) as itself: the same one line and exit code as locally."""
        try:
            yield
        except self._ray.exceptions.RayTaskError as exc:
            cause = getattr(exc, "cause", None)
            if isinstance(cause, FactcheckError):
                raise cause from None
            raise

    def worker_usage(self) -> list[dict[str, Any]]:
        """Each worker's CPU seconds and peak memory so far, as the worker itself reads them (any node)."""
        return self._ray.get([actor.usage.remote() for actor in self.actors])

    def close(self) -> None:
        for actor in self.actors:
            self._ray.kill(actor)
        self.actors = []
        if self._started and self._ray.is_initialized():
            self._ray.shutdown()


class _Worker:
    """A Ray actor: one ``Checker`` whose models load on the first batch and stay for the next."""

    def __init__(self, checker_class: type, settings: Settings) -> None:
        self.checker = checker_class(settings)

    def run(self, fn: BatchFn, batch: list) -> tuple[Any, dict[str, float]]:
        return _run_batch(self.checker, fn, batch)

    def usage(self) -> dict[str, Any]:
        import resource

        import ray

        own = resource.getrusage(resource.RUSAGE_SELF)
        return {"cpu_s": own.ru_utime + own.ru_stime, "peak_rss_mb": own.ru_maxrss / 1024,
                "node": ray.get_runtime_context().get_node_id()}


def make_executor(settings: Settings, checker: Any) -> Executor:
    """The executor ``settings.executor`` names; an unknown name is an error, not a silent local run."""
    if settings.executor == "local":
        return LocalExecutor(checker, workers=settings.workers, min_chars=settings.parallel_min_chars)
    if settings.executor == "ray":
        return RayExecutor(settings, type(checker), address=settings.ray_address or None)
    raise ExecutorError(f"unknown executor {settings.executor!r}: use one of {', '.join(EXECUTORS)}")
