"""What the CLI prints besides results: progress (bars on a terminal, lines in a log) and --help
that names value types as click does (TEXT, PATH) rather than as Python does (<bool>, <list[Path]>).
"""

from __future__ import annotations

import functools
import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext

import typer
from typer.core import TyperCommand

from .errors import FactcheckError


def _err(message: str) -> None:
    typer.echo(message, err=True)


@contextmanager
def _errors(debug: bool = False) -> Iterator[None]:
    try:
        yield
    except FactcheckError as exc:
        if debug:
            raise
        _err(f"error: {exc}")
        raise typer.Exit(exc.exit_code)
    except KeyboardInterrupt:
        _err("error: interrupted; reports and the store are unchanged")
        raise typer.Exit(130)
    except BrokenPipeError:
        # `factcheck review list | head -1`: the reader left; stop quietly, as other CLIs do.
        # Python would complain again flushing stdout at exit, so point it at /dev/null first.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        raise typer.Exit(0)
    except (typer.Exit, typer.Abort):
        raise
    except Exception as exc:  # noqa: BLE001 - the one place that turns surprises into one line
        if debug:
            raise
        _err(f"error: unexpected {type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''} "
             f"(rerun with --debug for the traceback)")
        raise typer.Exit(1)


_PLAIN_TYPES = {"int": "INTEGER", "float": "FLOAT", "str": "TEXT", "path": "PATH", "Path": "PATH"}


def _type_label(param, ctx) -> str | None:
    """click's plain words (TEXT, PATH, INTEGER) instead of typer's Python types (<bool>, <list[Path]>)."""
    if param.param_type_name == "argument" or getattr(param, "is_flag", False):
        return None  # an argument's name says it; a flag takes no value
    if param.metavar is not None:
        return param.metavar
    label = type(param).display_type(param, ctx).strip("<>")
    if label.startswith("list[") and label.endswith("]"):
        label = label[5:-1]
    return _PLAIN_TYPES.get(label, label)


class Command(TyperCommand):
    """A typer command whose --help names value types as click does, for editors rather than programmers."""

    def get_params(self, ctx):
        params = super().get_params(ctx)
        for param in params:
            param.display_type_rich = functools.partial(_type_label, param)
        return params


class _Bars:
    """Rich progress on stderr: one line per stage, a bar where the stage knows its total."""

    def __init__(self) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        self.bars = Progress(SpinnerColumn(), TextColumn("{task.description:<8}"), BarColumn(), MofNCompleteColumn(),
                             TimeElapsedColumn(), console=Console(stderr=True), transient=True)
        self.task = None

    def __enter__(self) -> "_Bars":
        self.bars.__enter__()
        return self

    def __exit__(self, *exc) -> None:
        self.bars.__exit__(*exc)

    def stage(self, name: str) -> None:
        if self.task is not None:
            self.bars.update(self.task, visible=False)
        self.task = self.bars.add_task(name, total=None)

    def advance(self, name: str, done: int, total: int) -> None:
        if self.task is not None:
            self.bars.update(self.task, completed=done, total=total)


class _Lines:
    """Progress for a log (stderr not a terminal, or CI): a line per stage, NLI every tenth of the way."""

    def __init__(self) -> None:
        self.started = time.monotonic()
        self.tenths: dict[str, int] = {}

    def __enter__(self) -> "_Lines":
        return self

    def __exit__(self, *exc) -> None:
        return None

    def stage(self, name: str) -> None:
        _err(f"progress: {name} (at {time.monotonic() - self.started:.0f} s)")

    def advance(self, name: str, done: int, total: int) -> None:
        tenth = 10 * done // max(total, 1)
        if tenth > self.tenths.get(name, 0):
            self.tenths[name] = tenth
            _err(f"progress: {name} {done:,}/{total:,} (at {time.monotonic() - self.started:.0f} s)")


def progress(quiet: bool):
    """Progress bars on a terminal, plain progress lines in a log or CI; nothing with --quiet."""
    if quiet:
        return nullcontext(None)
    if not sys.stderr.isatty() or os.environ.get("CI"):
        return _Lines()
    return _Bars()
