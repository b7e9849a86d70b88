"""The thin typer CLI: each command parses options, calls one library function and renders it.

Library code raises FactcheckError subclasses; this module alone turns them into one
``error: …`` line on stderr and an exit code. Anything unexpected becomes one line with a
hint to rerun with --debug, never a traceback in an editor's terminal.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Optional

import typer

from .console import Command, progress
from .errors import FactcheckError, InputError
from .records import Kind
from .settings import Settings
from .store import STATUSES

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
LABELLED_DIR = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "labelled"  # ../shared beside the checkout
EXIT_NEW_FOUND = 1  # --fail-on-new: findings exit 1, errors exit >= 2, like linters
# The one store run, review and serve share unless --db (or FACTCHECK_DB) says otherwise.
DEFAULT_DB = Path("reports") / "factcheck.sqlite"
DB_ENV = "FACTCHECK_DB"
DB_HELP = f"SQLite store (default: {DEFAULT_DB}, or ${DB_ENV})"


def _db_option():
    return typer.Option(DEFAULT_DB, "--db", envvar=DB_ENV, show_default=False, help=DB_HELP)


def _err(message: str) -> None:
    typer.echo(message, err=True)


def _choice(allowed: tuple[str, ...]):
    """A typer callback: an unknown value is a usage error (exit 2), like any other bad option."""

    def check(value: Optional[str]) -> Optional[str]:
        if value is not None and value not in allowed:
            raise typer.BadParameter(f"{value!r} is not one of {', '.join(allowed)}")
        return value

    return check


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
    fail_on_new: bool = typer.Option(False, "--fail-on-new", help=f"exit {EXIT_NEW_FOUND} when the run found new discrepancies"),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="no progress output"),
    debug: bool = typer.Option(False, "--debug", help="show tracebacks"),
) -> None:
    """Check a corpus and write report.md, report.json and report.html."""
    from .ingest import parse_fields
    from .pipeline import Checker, corpus_label

    with _errors(debug):
        settings = DEFAULTS.replace(
            nli_model=nli_model, nli_calibration=nli_calibration,
            published=_parse_published(published, published_file), fields=parse_fields(fields),
            min_confidence=min_confidence, top_k=top_k, lock_timeout=lock_timeout, quiet=quiet,
            across_stories=across_stories,
        )
        formats = tuple(f.strip() for f in fmt.split(",") if f.strip())
        dated = out is None
        out_root = out or Path("reports") / dt.date.today().isoformat()
        corpora = [[c] for c in corpus] if batch else [list(corpus)]
        _refuse_missing(corpus)
        checker = Checker(settings)
        store_cm = nullcontext(None)
        if not no_db:
            from .store import Store

            store_cm = Store.open(db)
        new_total = 0
        with store_cm as store, (store.run_lock(settings.lock_timeout) if store else nullcontext()):
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


@app.command("train-nli", cls=Command)
def train_nli_cli(
    data: Path = typer.Argument(..., help="folder of NLI .jsonl.gz training files (the project's: ../shared/data/nli beside the repository)"),
    out: Path = typer.Option(..., "--out", help="model folder to write, e.g. models/my-nli"),
    base: Optional[str] = typer.Option(None, help="base encoder path or id (default: all-MiniLM-L6-v2)"),
    max_pairs: int = typer.Option(60_000, help="training pairs drawn from the mix"),
    epochs: int = typer.Option(1, help="passes over the training pairs"),
    seed: int = typer.Option(0, help="random seed for sampling and initialisation"),
    debug: bool = typer.Option(False, "--debug", help="show tracebacks"),
) -> None:
    """Fine-tune a three-way NLI cross-encoder (entailment / neutral / contradiction)."""
    from .train_nli import TrainConfig, train

    with _errors(debug):
        from .train_nli import DEFAULT_MIX

        wanted = ", ".join(f"{stem}.jsonl.gz" for stem in DEFAULT_MIX)
        if not data.is_dir() or not any((data / f"{stem}.jsonl.gz").is_file() for stem in DEFAULT_MIX):
            raise InputError(f"{data}: no NLI training files there (looked for {wanted}); "
                             "pass the folder that holds them, e.g. the project's ../shared/data/nli")
        result = train(TrainConfig(data_dir=data, out=out, base=base, max_pairs=max_pairs, epochs=epochs, seed=seed))
        typer.echo(f"wrote {out}: {result['steps']} steps on {result['pairs']} pairs in {result['seconds']:.0f} s")


@app.command("calibrate-nli", cls=Command)
def calibrate_nli_cli(
    data: Path = typer.Option(LABELLED_DIR, "--data", help="labelled set folder (news articles are read from ../news beside it)"),
    seed: int = typer.Option(0, "--seed", help="seed of the planted edits fitted on (measure on another seed)"),
    articles: int = typer.Option(30, "--articles", help="developer BASIL articles to copy and edit"),
    nli_model: str = typer.Option(DEFAULTS.nli_model, help=HELP["nli_model"]),
    out: Optional[Path] = typer.Option(None, "--out", help="calibration file to write (default: nli_calibration.json of the default model)"),
    debug: bool = typer.Option(False, "--debug", help="show tracebacks"),
) -> None:
    """Refit the NLI calibration on planted edits and the labelled basil_dev_part1 stories."""
    from .tools.eval_labelled import DataMissing
    from .tools.fit_nli_calibration import DEFAULT_OUT, calibrate

    with _errors(debug):
        if not nli_model or nli_model.lower() in ("none", "off"):
            raise InputError("calibrate-nli needs an NLI model")
        target = out or DEFAULT_OUT
        try:
            result = calibrate(data, seed, articles, DEFAULTS.replace(nli_model=nli_model, quiet=True), target)
        except DataMissing as exc:
            raise InputError(str(exc)) from None
        typer.echo(f"wrote {target}: {result.fitted_on['pairs']} pairs ({result.fitted_on['positives']} real); "
                   f"coefficients {dict(zip(result.features, result.coef))}, intercept {result.intercept}")


@app.command("bench", cls=Command)
def bench_cli(
    corpus_file: Optional[Path] = typer.Argument(None, help="JSON Lines corpus (default: reuters21578.jsonl.gz in the project's ../shared/data/news beside the repository, when present)"),
    sizes: Optional[str] = typer.Option(None, help="article counts, comma-separated (default 100,300,1000 unless only other sections are asked for)"),
    clusters: bool = typer.Option(False, "--clusters", help="check every same-event cluster as its own corpus"),
    incremental: bool = typer.Option(False, "--incremental", help="first / unchanged / +10 % runs with a store"),
    recall: bool = typer.Option(False, "--recall", help="candidate-pair recall against exhaustive scoring"),
    robustness: bool = typer.Option(False, "--robustness", help="10,000 tiny generated articles: time and peak RSS"),
    max_clusters: Optional[int] = typer.Option(None, help="at most this many clusters per dataset (seeded sample)"),
    nli_model: str = typer.Option(DEFAULTS.nli_model, help=HELP["nli_model"]),
    out: Path = typer.Option(Path("reports/bench.md"), "--out", help="report file (bench.json and bench_scaling.png beside it)"),
    seed: int = typer.Option(0, help="random seed for the article samples"),
    debug: bool = typer.Option(False, "--debug", help="show tracebacks"),
) -> None:
    """Time the whole pipeline on growing samples of a real corpus and write reports/bench.md."""
    from .bench import DEFAULT_CORPUS, NEWS_DIR, render_markdown, run_bench

    with _errors(debug):
        settings = DEFAULTS.replace(nli_model=nli_model, quiet=True)
        others = clusters or incremental or recall or robustness
        counts = [int(x) for x in sizes.split(",") if x.strip()] if sizes is not None else ([] if others else [100, 300, 1000])
        if corpus_file is None and (counts or incremental or recall) and not DEFAULT_CORPUS.is_file():
            raise InputError(f"bench needs a JSON Lines corpus and the default, {DEFAULT_CORPUS}, is not in this "
                             "checkout; pass CORPUS_FILE (one article per line: id, title, text, published), "
                             "or run `factcheck bench --robustness`, which generates its own articles")
        if clusters and not NEWS_DIR.is_dir():
            raise InputError(f"--clusters reads the project's cluster corpora from {NEWS_DIR}, which is not in this checkout")
        result = run_bench(corpus_file, counts, settings, out, seed, clusters=clusters, incremental=incremental,
                           recall=recall, robustness=robustness, max_clusters=max_clusters, notify=_err)
        typer.echo(render_markdown(result))
        typer.echo(f"wrote {out}")


@app.command("eval", cls=Command)
def eval_cli(
    facts: bool = typer.Option(False, "--facts", help="only the fact extractors' labelled set (plus any other flag given)"),
    nli: Optional[str] = typer.Option(None, "--nli", help="only the NLI model per dataset: 'default', a path or a hub id"),
    claimdiff: bool = typer.Option(False, "--claimdiff", help="only the ClaimDiff flag rate by label"),
    stories: bool = typer.Option(False, "--stories", help="only story clustering: B-cubed P/R/F1 per dataset on the mixed cluster sets"),
    news_dir: Optional[Path] = typer.Option(None, help="folder of the news cluster sets for --stories (default: ../shared/data/news beside the checkout)"),
    retune: bool = typer.Option(False, "--retune", help="with --stories: choose the parameters afresh on the tune half"),
    limit: Optional[int] = typer.Option(None, help="at most N pairs per dataset (quick run)"),
    labelled: bool = typer.Option(False, "--labelled", help="only flags on the labelled real-news stories: recall, traps, precision"),
    data: Path = typer.Option(LABELLED_DIR, "--data", help="labelled set folder (news articles are read from ../news beside it)"),
    reports: Optional[Path] = typer.Option(None, "--reports", help="--labelled: folder of <dataset>/<cluster>/report.json (kept; written first unless --score-only)"),
    score_only: bool = typer.Option(False, "--score-only", help="--labelled: score the report.json files in --reports, run nothing (e.g. another checkout's reports)"),
    corpora: Optional[Path] = typer.Option(None, "--write-corpora", help="--labelled: write one jsonl per labelled cluster here and stop"),
    tune: bool = typer.Option(False, "--tune", help="--labelled: also run the 34 unlabelled BASIL triplets (the tuning part; flags counted only)"),
    unlabelled: Optional[Path] = typer.Option(None, "--unlabelled", help="--labelled: write the flags no label covers to this YAML file"),
    planted: bool = typer.Option(False, "--planted", help="only the planted-edit evaluation: recall per edit kind and unchanged sentences flagged"),
    articles: int = typer.Option(30, "--articles", help="--planted: developer BASIL articles to copy and edit"),
    seed: int = typer.Option(0, "--seed", help="--planted: seed of the edit generator"),
    nli_model: Optional[str] = typer.Option(None, "--nli-model", help="--labelled/--planted: NLI model ('none' = typed facts only; default: the shipped one)"),
    nli_calibration: str = typer.Option(DEFAULTS.nli_calibration, "--nli-calibration", help="--labelled/--planted: " + HELP["nli_calibration"]),
    debug: bool = typer.Option(False, "--debug", help="show tracebacks"),
) -> None:
    """Print every accuracy figure: fact extractors, NLI per dataset, ClaimDiff flag rate, story clustering (--stories)."""
    from .evaluate import evaluate_all, render_evaluation

    with _errors(debug):
        if stories:
            from .eval_stories import NEWS_DIR, evaluate_stories, render_stories

            typer.echo(render_stories(evaluate_stories(DEFAULTS.replace(nli_model=None, quiet=True),
                                                       news_dir or NEWS_DIR, retune=retune, notify=_err)))
            if not (facts or nli or claimdiff or labelled or planted):
                return
        if labelled or planted:
            model = DEFAULTS.nli_model if nli_model is None else (None if nli_model.lower() in ("none", "off", "") else nli_model)
            settings = DEFAULTS.replace(nli_model=model, nli_calibration=nli_calibration, quiet=True)
            if labelled:
                _eval_labelled(data, reports, score_only, corpora, tune, unlabelled, settings)
            if planted:
                from .tools.eval_labelled import DataMissing
                from .tools.eval_planted import evaluate_planted, render_planted

                try:
                    result = evaluate_planted(data.parent / "news", articles, seed, settings)
                except DataMissing as exc:
                    raise InputError(str(exc)) from None
                typer.echo(render_planted(result))
            return
        everything = not (facts or nli or claimdiff or stories)
        model = nli if nli and nli.lower() not in ("none", "off") else (DEFAULTS.nli_model if everything else None)
        result = evaluate_all(facts=facts or everything, nli=model, claimdiff=claimdiff or everything, limit=limit,
                              settings=DEFAULTS.replace(nli_model=model, quiet=True))
        typer.echo(render_evaluation(result))


def _eval_labelled(data: Path, reports: Optional[Path], score_only: bool, corpora: Optional[Path], tune: bool,
                   unlabelled: Optional[Path], settings) -> None:
    from .tools import eval_labelled as ev

    try:
        if corpora is not None:
            labelled = ev.load_labelled(data)
            news = ev.load_articles(data.parent / "news")
            clusters = ev.clusters_of(labelled, news)
            if tune:
                clusters["basil_tune"] = ev.unlabelled_basil_clusters(labelled, news)
            written = ev.write_corpora(clusters, news, corpora)
            typer.echo(f"{corpora}: {sum(len(v) for v in written.values())} cluster files")
            return
        if score_only and reports is None:
            raise InputError("--score-only needs --reports DIR")
        results = ev.evaluate_labelled(data, reports=reports, run=not score_only, settings=settings, tune=tune)
    except ev.DataMissing as exc:
        raise InputError(str(exc)) from None
    how = f"scored from {reports}" if score_only else f"NLI: {settings.nli_model or 'off'}"
    typer.echo(ev.render(results, f"Labelled stories ({how})"))
    if unlabelled is not None:
        import yaml

        items = ev.unlabelled_flags(results)
        unlabelled.write_text(yaml.safe_dump({"flags": items}, sort_keys=False, allow_unicode=True, width=120),
                              encoding="utf-8")
        typer.echo(f"{unlabelled}: {len(items)} flags without a label")


def main() -> None:  # console-script entry point
    app()


if __name__ == "__main__":
    main()
