"""Who runs the per-article and per-story work: this process (``local``, the default) or a Ray cluster.

Why: a night's corpus fits one machine, an archive or a wire aggregator's day does not. The
pipeline hands an executor a picklable function ``fn(checker, batch, timer)`` and a list of
items (articles, sentences or stories); the executor cuts the items into batches, runs ``fn``
on each where models are loaded, and returns the batch results in item order. The stage order
stays in ``pipeline.py``; only its driver reads and writes the store.

``LocalExecutor`` passes all items as one batch to the run's own ``Checker`` (the run is what
it was before executors existed). ``RayExecutor`` keeps a pool of actors, each holding one
``Checker`` (spaCy, the embedder and the NLI model load once per worker, not per task), and
maps batches over them in order. This module imports nothing of Ray until a Ray executor is made.
"""

from __future__ import annotations

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
    """Everything in this process, one batch: the local run is unchanged by the executor layer."""

    name = "local"

    def __init__(self, checker: Any) -> None:
        self.checker = checker
        self.worker_seconds: dict[str, float] = {}
        self.timer: Timer | None = None  # the run's timer: local batches time their stages into it

    def map(self, fn: BatchFn, items: Sequence[T], stage: str, weight: Callable[[T], int] | None = None,
            advance: Advance | None = None) -> list:
        # Called even with no items, so that the stage shows in the run's timings as it always did.
        return [fn(self.checker, list(items), self.timer or Timer(None))]

    def close(self) -> None:
        return None


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
        return LocalExecutor(checker)
    if settings.executor == "ray":
        return RayExecutor(settings, type(checker), address=settings.ray_address or None)
    raise ExecutorError(f"unknown executor {settings.executor!r}: use one of {', '.join(EXECUTORS)}")
