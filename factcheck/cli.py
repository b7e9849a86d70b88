"""The thin typer CLI: each command parses options, calls one library function and renders it.

Library code raises FactcheckError subclasses; this module alone turns them into one
``error: …`` line on stderr and an exit code. Anything unexpected becomes one line with a
hint to rerun with --debug, never a traceback in an editor's terminal.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from contextlib import closing, nullcontext
from pathlib import Path
from typing import Optional

import typer

from .console import Command, _err, _errors, progress
from .embed import BACKENDS as EMBEDDING_BACKENDS
from .errors import FactcheckError, InputError
from .executors import EXECUTORS
from .records import Kind
from .settings import Settings
from .store import STATUSES
from .tools.commands import register as register_tool_commands

app = typer.Typer(help="Cross-article fact-consistency checker for newsrooms.", no_args_is_help=True,
                  add_completion=False, pretty_exceptions_enable=False)
review_app = typer.Typer(help="Review flagged discrepancies: list, confirm, dismiss, reopen, export.",
                         no_args_is_help=True)
app.add_typer(review_app, name="review")
story_app = typer.Typer(help="Correct how articles are grouped into stories: list, merge, move, split.",
                        no_args_is_help=True)
app.add_typer(story_app, name="story")

DEFAULTS = Settings()
HELP = Settings.documented()
EXIT_NEW_FOUND = 1  # --fail-on-new: findings exit 1, errors exit >= 2, like linters
# The one store run, review and serve share unless --db (or FACTCHECK_DB) says otherwise.
DEFAULT_DB = Path("reports") / "factcheck.sqlite"
DB_ENV = "FACTCHECK_DB"
DB_HELP = f"SQLite store (default: {DEFAULT_DB}, or ${DB_ENV})"


def _db_option():
    return typer.Option(DEFAULT_DB, "--db", envvar=DB_ENV, show_default=False, help=DB_HELP)


def _choice(allowed: tuple[str, ...]):
    """A typer callback: an unknown value is a usage error (exit 2), like any other bad option."""

    def check(value: Optional[str]) -> Optional[str]:
        if value is not None and value not in allowed:
            raise typer.BadParameter(f"{value!r} is not one of {', '.join(allowed)}")
        return value

    return check


def _parse_published(values: list[str], sidecar: Optional[Path]) -> dict[str, str]:
    out: dict[str, str] = {}
    if sidecar is not None:
        if not sidecar.exists():
            raise InputError(f"--published-file {sidecar}: no such file")
        if sidecar.suffix.lower() == ".json":
            try:
                loaded = json.loads(sidecar.read_text(encoding="utf-8"))
            except (UnicodeDecodeError, json.JSONDecodeError) as exc:
                raise InputError(f"--published-file {sidecar}: not a JSON object of id -> date ({exc})") from exc
            if not isinstance(loaded, dict):
                raise InputError(f"--published-file {sidecar}: not a JSON object of id -> date")
            out.update({str(k): str(v) for k, v in loaded.items()})
        else:
            import pandas as pd

            try:
                frame = pd.read_csv(sidecar, dtype=str)
            except Exception as exc:  # noqa: BLE001 - pandas raises many kinds on bad CSV
                raise InputError(f"--published-file {sidecar}: unreadable CSV ({exc})") from exc
            if not {"id", "published"} <= set(frame.columns):
                raise InputError(f"--published-file {sidecar}: needs columns 'id' and 'published'")
            out.update(dict(zip(frame["id"], frame["published"])))
    for value in values:
        article_id, sep, date = value.partition("=")
        if not sep or not article_id or not date:
            raise InputError(f"--published {value!r}: expected ID=YYYY-MM-DD")
        try:
            dt.date.fromisoformat(date)
        except ValueError as exc:
            raise InputError(f"--published {value!r}: '{date}' is not a YYYY-MM-DD date") from exc
        out[article_id] = date
    return out


@app.command("run", cls=Command)
def run_cli(
    corpus: list[Path] = typer.Argument(..., help="article files (.txt .md .jsonl .csv .html .xml .docx .pdf ...) or folders"),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="report folder (default: reports/YYYY-MM-DD)"),
    db: Path = _db_option(),
    no_db: bool = typer.Option(False, "--no-db", help="one-shot run: no store, no review state, no caches"),
    nli_model: str = typer.Option(DEFAULTS.nli_model, help=HELP["nli_model"]),
    nli_calibration: str = typer.Option(DEFAULTS.nli_calibration, help=HELP["nli_calibration"]),
    published: list[str] = typer.Option([], "--published", help="ID=YYYY-MM-DD publication date override (repeatable)"),
    published_file: Optional[Path] = typer.Option(None, help="CSV (id,published) or JSON {id: date} of publication dates"),
    fields: Optional[str] = typer.Option(None, "--fields", help="CMS export field names: id=guid,text=body,published=pub_date or a YAML file"),
    batch: bool = typer.Option(False, "--batch", help="each CORPUS is its own corpus with its own report, plus an index"),
    fmt: str = typer.Option("md,json,html", "--format", help="report formats, comma-separated: md,json,html"),
    min_confidence: float = typer.Option(DEFAULTS.min_confidence, help=HELP["min_confidence"]),
    top_k: int = typer.Option(DEFAULTS.top_k, help=HELP["top_k"]),
    across_stories: bool = typer.Option(DEFAULTS.across_stories, "--across-stories", help=HELP["across_stories"]),
    lock_timeout: float = typer.Option(DEFAULTS.lock_timeout, help=HELP["lock_timeout"]),
    threads: int = typer.Option(DEFAULTS.threads, min=0, help=HELP["threads"]),
    executor: str = typer.Option(DEFAULTS.executor, "--executor", help=HELP["executor"],
                                 callback=_choice(EXECUTORS)),
    ray_address: Optional[str] = typer.Option(DEFAULTS.ray_address, "--ray-address", help=HELP["ray_address"]),
    workers: int = typer.Option(DEFAULTS.workers, "--workers", min=0, help=HELP["workers"]),
    embedding_backend: str = typer.Option(DEFAULTS.embedding_backend, help=HELP["embedding_backend"],
                                          callback=_choice(EMBEDDING_BACKENDS)),
    fail_on_new: bool = typer.Option(False, "--fail-on-new", help=f"exit {EXIT_NEW_FOUND} when the run found new discrepancies"),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="no progress output"),
    debug: bool = typer.Option(False, "--debug", help="show tracebacks"),
) -> None:
    """Check a corpus and write report.md, report.json and report.html."""
    from .ingest import parse_fields
    from .pipeline import Checker, corpus_label

    if ray_address and executor != "ray":
        raise typer.BadParameter("--ray-address needs --executor ray", param_hint="--ray-address")
    with _errors(debug):
        settings = DEFAULTS.replace(
            nli_model=nli_model, nli_calibration=nli_calibration,
            published=_parse_published(published, published_file), fields=parse_fields(fields),
            min_confidence=min_confidence, top_k=top_k, lock_timeout=lock_timeout, quiet=quiet,
            across_stories=across_stories, threads=threads, executor=executor, ray_address=ray_address,
            workers=workers, embedding_backend=embedding_backend,
        )
        formats = tuple(f.strip() for f in fmt.split(",") if f.strip())
        dated = out is None
        out_root = out or Path("reports") / dt.date.today().isoformat()
        corpora = [[c] for c in corpus] if batch else [list(corpus)]
        _refuse_missing(corpus)
        checker = Checker(settings)
        checker.executor  # noqa: B018 - start (or fail to reach) Ray before the store records a run
        store_cm = nullcontext(None)
        if not no_db:
            from .store import Store

            store_cm = Store.open(db)
        new_total = 0
        with closing(checker), store_cm as store, (store.run_lock(settings.lock_timeout) if store else nullcontext()):
            results = []
            with progress(quiet) as bars:
                notify = bars.stage if bars else None
                advance = bars.advance if bars else None
                for group in corpora:
                    name = corpus_label(group)
                    target = out_root / name if batch else out_root
                    try:
                        result = checker.run(group, out=target, store=store, notify=notify, formats=formats,
                                             progress=advance)
                    except InputError as exc:
                        for skip in exc.skipped:
                            _err(f"warning: {skip}")
                        if not batch:
                            raise
                        _err(f"error: {exc}")
                        continue
                    results.append((name, target, result))
            for name, target, result in results:
                for skip in result.skipped:
                    _err(f"warning: {skip}")
                stats = result.stats
                if stats.get("nothing_to_compare"):
                    _err(f"warning: {name}: only one usable article, so nothing to compare across articles; "
                         "the report lists no discrepancies")
                new_total += stats["new"]
                if not quiet:
                    typer.echo(f"{target / 'report.md'}: {stats['discrepancies']} discrepancies "
                               f"({stats['new']} new) in {stats['articles']} articles, {stats['sentences']} sentences; "
                               f"NLI {stats['nli_pairs']} pairs ({stats.get('nli_pairs_cached', 0)} cached) of "
                               f"{stats['exhaustive_pairs']:,} cross-article pairs; "
                               f"{sum(stats['seconds'].values()):.1f} s")
            if batch:
                if not results:
                    raise InputError(f"no usable articles in any of the {len(corpora)} corpora")
                from .report.index import write_index

                index = write_index(out_root, [(n, t, r.report) for n, t, r in results])
                if not quiet:
                    typer.echo(f"{index}: {len(results)} corpora")
        if dated:
            _point_latest(out_root)
        if fail_on_new and new_total:
            raise typer.Exit(EXIT_NEW_FOUND)


def _refuse_missing(corpus: list[Path]) -> None:
    """Fail before the store is created (or its lock taken) when no input path exists at all."""
    if any(path.exists() for path in corpus):
        return
    from .records import Skipped

    skipped = [Skipped(str(path), "no such file or directory") for path in corpus]
    for skip in skipped:
        _err(f"warning: {skip}")
    raise InputError(f"no usable articles in {', '.join(map(str, corpus))} ({len(skipped)} skipped)", skipped)


def _point_latest(out_root: Path) -> None:
    """reports/latest -> the newest dated report folder."""
    link = out_root.parent / "latest"
    try:
        if link.is_symlink() or link.exists():
            link.unlink()
        link.symlink_to(out_root.name, target_is_directory=True)
    except OSError:
        (out_root.parent / "LATEST").write_text(f"{out_root.name}\n", encoding="utf-8")


def _open_store(db: Path):
    from .store import Store

    if not db.exists():
        raise FactcheckError(f"no store at {db}; run `factcheck run` first or pass --db")
    return Store.open(db)


KINDS = tuple(str(kind) for kind in Kind)
REVIEWER_HELP = "who decides, for the review history (default: the OS user)"


@review_app.command("list", cls=Command)
def review_list_cli(
    status: Optional[str] = typer.Option(None, help=" | ".join(STATUSES), callback=_choice(STATUSES)),
    kind: Optional[str] = typer.Option(None, help=" | ".join(KINDS), callback=_choice(KINDS)),
    db: Path = _db_option(),
    debug: bool = typer.Option(False, "--debug", help="show tracebacks"),
) -> None:
    """List discrepancies in the store."""
    with _errors(debug), _open_store(db) as store:
        frame = store.list_discrepancies(status=status, kind=kind)
        if frame.empty:
            typer.echo("no discrepancies match")
            return
        for row in frame.itertuples(index=False):
            typer.echo(f"{row.id}  {row.status:<9} {row.kind:<13} {row.confidence:.2f}  {row.explanation}")


def _decide(db: Path, discrepancy_id: str, decision: str, note: Optional[str], reviewer: Optional[str],
            debug: bool, said: str) -> None:
    with _errors(debug), _open_store(db) as store:
        store.review(discrepancy_id, decision, note, reviewer=reviewer)
        typer.echo(f"{said} {discrepancy_id}")


@review_app.command("confirm", cls=Command)
def review_confirm_cli(
    discrepancy_id: str = typer.Argument(..., help="id shown in the report"),
    note: Optional[str] = typer.Option(None, help="why it is a real discrepancy"),
    reviewer: Optional[str] = typer.Option(None, help=REVIEWER_HELP),
    db: Path = _db_option(),
    debug: bool = typer.Option(False, "--debug", help="show tracebacks"),
) -> None:
    """Mark a discrepancy as confirmed: it stays in later reports under 'Confirmed'."""
    _decide(db, discrepancy_id, "confirmed", note, reviewer, debug, "confirmed")


@review_app.command("dismiss", cls=Command)
def review_dismiss_cli(
    discrepancy_id: str = typer.Argument(..., help="id shown in the report"),
    note: str = typer.Option(..., help="why it is not a discrepancy (required)"),
    reviewer: Optional[str] = typer.Option(None, help=REVIEWER_HELP),
    db: Path = _db_option(),
    debug: bool = typer.Option(False, "--debug", help="show tracebacks"),
) -> None:
    """Dismiss a discrepancy: it never returns while both sentences are unchanged."""
    _decide(db, discrepancy_id, "dismissed", note, reviewer, debug, "dismissed")


@review_app.command("reopen", cls=Command)
def review_reopen_cli(
    discrepancy_id: str = typer.Argument(..., help="id shown in the report"),
    note: Optional[str] = typer.Option(None, help="why the earlier decision is undone"),
    reviewer: Optional[str] = typer.Option(None, help=REVIEWER_HELP),
    db: Path = _db_option(),
    debug: bool = typer.Option(False, "--debug", help="show tracebacks"),
) -> None:
    """Undo a confirmation or dismissal: the discrepancy is open again."""
    _decide(db, discrepancy_id, "open", note, reviewer, debug, "reopened")


@review_app.command("export", cls=Command)
def review_export_cli(
    csv: str = typer.Option(..., "--csv", metavar="FILE", help="CSV file to write; '-' for standard output"),
    db: Path = _db_option(),
    debug: bool = typer.Option(False, "--debug", help="show tracebacks"),
) -> None:
    """Export every discrepancy with its review state (note, reviewer) to CSV."""
    with _errors(debug), _open_store(db) as store:
        if csv == "-":
            store.list_discrepancies().to_csv(sys.stdout, index=False)
            sys.stdout.flush()
            return
        path = store.export_csv(Path(csv))
        typer.echo(f"wrote {path}")


@app.command("serve", cls=Command)
def serve_cli(
    db: Path = _db_option(),
    host: str = typer.Option("127.0.0.1", help="address to listen on: 127.0.0.1 is this machine only; 0.0.0.0 lets other machines in (there is no login)"),
    port: int = typer.Option(8000, help="TCP port"),
    reviewer: Optional[str] = typer.Option(None, help=REVIEWER_HELP),
    debug: bool = typer.Option(False, "--debug", help="show tracebacks"),
) -> None:
    """Review discrepancies in the browser: read both sentences, confirm or dismiss, move on."""
    with _errors(debug):
        _open_store(db).close()  # a missing or newer store fails here, as one line
        try:
            from .serve import serve
        except ImportError as exc:
            raise FactcheckError(f"factcheck serve needs the serve extra ({exc}); "
                                 "pip install 'factcheck[serve]'") from exc

        serve(db, host=host, port=port, reviewer=reviewer, announce=_err)


@story_app.command("list", cls=Command)
def story_list_cli(
    db: Path = _db_option(),
    debug: bool = typer.Option(False, "--debug", help="show tracebacks"),
) -> None:
    """List stories with their articles (an editor-placed article is marked *)."""
    with _errors(debug), _open_store(db) as store:
        stories = store.list_stories()
        if not stories:
            typer.echo("no stories yet; run `factcheck run` first")
            return
        for story in stories:
            typer.echo(f"{story['id']}  {len(story['articles']):>3} articles  first seen {story['first_seen']}  "
                       f"{story['title'] or ''}")
            for article in story["articles"]:
                typer.echo(f"    {article['id']}{' *' if article['pinned'] else ''}")


@story_app.command("merge", cls=Command)
def story_merge_cli(
    keep: str = typer.Argument(..., help="story that stays (its id is kept)"),
    other: str = typer.Argument(..., help="story whose articles move into KEEP"),
    note: Optional[str] = typer.Option(None, help="why"),
    db: Path = _db_option(),
    debug: bool = typer.Option(False, "--debug", help="show tracebacks"),
) -> None:
    """Merge story OTHER into KEEP; later runs keep them together."""
    with _errors(debug), _open_store(db) as store:
        moved = store.merge_stories(keep, other, note)
        typer.echo(f"merged {other} into {keep} ({moved} articles)")


@story_app.command("move", cls=Command)
def story_move_cli(
    article: str = typer.Argument(..., help="article id"),
    story: str = typer.Argument(..., help="story id to put it in"),
    note: Optional[str] = typer.Option(None, help="why"),
    db: Path = _db_option(),
    debug: bool = typer.Option(False, "--debug", help="show tracebacks"),
) -> None:
    """Move one article into another story; later runs leave it there."""
    with _errors(debug), _open_store(db) as store:
        left = store.move_article(article, story, note)
        typer.echo(f"moved {article} from {left} to {story}")


@story_app.command("split", cls=Command)
def story_split_cli(
    story: str = typer.Argument(..., help="story id to split"),
    articles: list[str] = typer.Argument(..., help="article ids that leave it for a new story of their own"),
    note: Optional[str] = typer.Option(None, help="why"),
    db: Path = _db_option(),
    debug: bool = typer.Option(False, "--debug", help="show tracebacks"),
) -> None:
    """Split the listed articles off STORY into a new story; later runs keep them apart."""
    with _errors(debug), _open_store(db) as store:
        new_id = store.split_story(story, articles, note)
        typer.echo(f"split {len(articles)} articles off {story} into {new_id}")


register_tool_commands(app)


def main() -> None:  # console-script entry point
    app()


if __name__ == "__main__":
    main()
