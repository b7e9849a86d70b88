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

from .errors import FactcheckError, InputError
from .settings import Settings

app = typer.Typer(help="Cross-article fact-consistency checker for newsrooms.", no_args_is_help=True,
                  add_completion=False, pretty_exceptions_enable=False)
review_app = typer.Typer(help="Review flagged discrepancies: list, confirm, dismiss, export.", no_args_is_help=True)
app.add_typer(review_app, name="review")

DEFAULTS = Settings()
HELP = Settings.documented()
LABELLED_DIR = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "labelled"  # ../shared beside the checkout
EXIT_NEW_FOUND = 1  # --fail-on-new: findings exit 1, errors exit >= 2, like linters


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


def _progress(quiet: bool):
    """Progress bars on a terminal; silent in CI, in pipes and with --quiet."""
    if quiet or not sys.stderr.isatty() or os.environ.get("CI"):
        return nullcontext(None)
    return _Bars()


@app.command("run")
def run_cli(
    corpus: list[Path] = typer.Argument(..., help="article files (.txt, .md, .jsonl) or folders of them"),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="report folder (default: reports/YYYY-MM-DD)"),
    db: Optional[Path] = typer.Option(None, help="SQLite store (default: factcheck.sqlite beside the report folder)"),
    no_db: bool = typer.Option(False, "--no-db", help="one-shot run: no store, no review state, no caches"),
    nli_model: str = typer.Option(DEFAULTS.nli_model, help=HELP["nli_model"] + "; 'none' to switch NLI off"),
    published: list[str] = typer.Option([], "--published", help="ID=YYYY-MM-DD publication date override (repeatable)"),
    published_file: Optional[Path] = typer.Option(None, help="CSV (id,published) or JSON {id: date} of publication dates"),
    batch: bool = typer.Option(False, "--batch", help="each CORPUS is its own corpus with its own report, plus an index"),
    fmt: str = typer.Option("md,json,html", "--format", help="report formats, comma-separated: md,json,html"),
    min_confidence: float = typer.Option(DEFAULTS.min_confidence, help=HELP["min_confidence"]),
    top_k: int = typer.Option(DEFAULTS.top_k, help=HELP["top_k"]),
    lock_timeout: float = typer.Option(DEFAULTS.lock_timeout, help=HELP["lock_timeout"]),
    fail_on_new: bool = typer.Option(False, "--fail-on-new", help=f"exit {EXIT_NEW_FOUND} when the run found new discrepancies"),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="no progress output"),
    debug: bool = typer.Option(False, "--debug", help="show tracebacks"),
) -> None:
    """Check a corpus and write report.md, report.json and report.html."""
    from .pipeline import Checker, corpus_label

    with _errors(debug):
        settings = DEFAULTS.replace(
            nli_model=None if nli_model.lower() in ("none", "off", "") else nli_model,
            published=_parse_published(published, published_file),
            min_confidence=min_confidence, top_k=top_k, lock_timeout=lock_timeout, quiet=quiet,
        )
        formats = tuple(f.strip() for f in fmt.split(",") if f.strip())
        dated = out is None
        out_root = out or Path("reports") / dt.date.today().isoformat()
        corpora = [[c] for c in corpus] if batch else [list(corpus)]
        checker = Checker(settings)
        store_cm = nullcontext(None)
        if not no_db:
            from .store import Store

            store_cm = Store.open(db or out_root.parent / "factcheck.sqlite")
        new_total = 0
        with store_cm as store, (store.run_lock(settings.lock_timeout) if store else nullcontext()):
            results = []
            with _progress(quiet) as bars:
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


DEFAULT_DB = Path("reports") / "factcheck.sqlite"


@review_app.command("list")
def review_list_cli(
    status: Optional[str] = typer.Option(None, help="new | open | confirmed | dismissed | retired"),
    kind: Optional[str] = typer.Option(None, help="date | number | duration | since | role | quote | contradiction"),
    db: Path = typer.Option(DEFAULT_DB, help="SQLite store"),
    debug: bool = typer.Option(False, "--debug"),
) -> None:
    """List discrepancies in the store."""
    with _errors(debug), _open_store(db) as store:
        frame = store.list_discrepancies(status=status, kind=kind)
        if frame.empty:
            typer.echo("no discrepancies match")
            return
        for row in frame.itertuples(index=False):
            typer.echo(f"{row.id}  {row.status:<9} {row.kind:<13} {row.confidence:.2f}  {row.explanation}")


@review_app.command("confirm")
def review_confirm_cli(
    discrepancy_id: str = typer.Argument(..., help="id shown in the report"),
    note: Optional[str] = typer.Option(None, help="why it is a real discrepancy"),
    db: Path = typer.Option(DEFAULT_DB, help="SQLite store"),
    debug: bool = typer.Option(False, "--debug"),
) -> None:
    """Mark a discrepancy as confirmed: it stays in later reports under 'Confirmed'."""
    with _errors(debug), _open_store(db) as store:
        store.review(discrepancy_id, "confirmed", note)
        typer.echo(f"confirmed {discrepancy_id}")


@review_app.command("dismiss")
def review_dismiss_cli(
    discrepancy_id: str = typer.Argument(..., help="id shown in the report"),
    note: str = typer.Option(..., help="why it is not a discrepancy (required)"),
    db: Path = typer.Option(DEFAULT_DB, help="SQLite store"),
    debug: bool = typer.Option(False, "--debug"),
) -> None:
    """Dismiss a discrepancy: it never returns while both sentences are unchanged."""
    with _errors(debug), _open_store(db) as store:
        store.review(discrepancy_id, "dismissed", note)
        typer.echo(f"dismissed {discrepancy_id}")


@review_app.command("export")
def review_export_cli(
    csv: Path = typer.Option(..., "--csv", help="CSV file to write"),
    db: Path = typer.Option(DEFAULT_DB, help="SQLite store"),
    debug: bool = typer.Option(False, "--debug"),
) -> None:
    """Export every discrepancy with its review state to CSV."""
    with _errors(debug), _open_store(db) as store:
        path = store.export_csv(csv)
        typer.echo(f"wrote {path}")


@app.command("train-nli")
def train_nli_cli(
    data: Path = typer.Argument(..., help="folder of NLI .jsonl.gz files (e.g. ../shared/data/nli)"),
    out: Path = typer.Option(..., "--out", help="model folder to write, e.g. models/my-nli"),
    base: Optional[str] = typer.Option(None, help="base encoder path or id (default: all-MiniLM-L6-v2)"),
    max_pairs: int = typer.Option(60_000, help="training pairs drawn from the mix"),
    epochs: int = typer.Option(1),
    seed: int = typer.Option(0),
    debug: bool = typer.Option(False, "--debug"),
) -> None:
    """Fine-tune a three-way NLI cross-encoder (entailment / neutral / contradiction)."""
    from .train_nli import TrainConfig, train

    with _errors(debug):
        if not data.is_dir():
            raise InputError(f"{data}: no such folder of NLI data")
        result = train(TrainConfig(data_dir=data, out=out, base=base, max_pairs=max_pairs, epochs=epochs, seed=seed))
        typer.echo(f"wrote {out}: {result['steps']} steps on {result['pairs']} pairs in {result['seconds']:.0f} s")


@app.command("bench")
def bench_cli(
    corpus_file: Optional[Path] = typer.Argument(None, help="JSON Lines corpus (default: ../shared/data/news/reuters21578.jsonl.gz)"),
    sizes: Optional[str] = typer.Option(None, help="article counts, comma-separated (default 100,300,1000 unless only other sections are asked for)"),
    clusters: bool = typer.Option(False, "--clusters", help="check every same-event cluster as its own corpus"),
    incremental: bool = typer.Option(False, "--incremental", help="first / unchanged / +10 % runs with a store"),
    recall: bool = typer.Option(False, "--recall", help="candidate-pair recall against exhaustive scoring"),
    robustness: bool = typer.Option(False, "--robustness", help="10,000 tiny generated articles: time and peak RSS"),
    max_clusters: Optional[int] = typer.Option(None, help="at most this many clusters per dataset (seeded sample)"),
    nli_model: str = typer.Option(DEFAULTS.nli_model, help=HELP["nli_model"] + "; 'none' to switch NLI off"),
    out: Path = typer.Option(Path("reports/bench.md"), "--out", help="report file (bench.json and bench_scaling.png beside it)"),
    seed: int = typer.Option(0),
    debug: bool = typer.Option(False, "--debug", help="show tracebacks"),
) -> None:
    """Time the whole pipeline on growing samples of a real corpus and write reports/bench.md."""
    from .bench import render_markdown, run_bench

    with _errors(debug):
        settings = DEFAULTS.replace(nli_model=None if nli_model.lower() in ("none", "off", "") else nli_model, quiet=True)
        others = clusters or incremental or recall or robustness
        counts = [int(x) for x in sizes.split(",") if x.strip()] if sizes is not None else ([] if others else [100, 300, 1000])
        result = run_bench(corpus_file, counts, settings, out, seed, clusters=clusters, incremental=incremental,
                           recall=recall, robustness=robustness, max_clusters=max_clusters, notify=_err)
        typer.echo(render_markdown(result))
        typer.echo(f"wrote {out}")


@app.command("eval")
def eval_cli(
    facts: bool = typer.Option(False, "--facts", help="only the fact extractors' labelled set (plus any other flag given)"),
    nli: Optional[str] = typer.Option(None, "--nli", help="only the NLI model per dataset: 'default', a path or a hub id"),
    claimdiff: bool = typer.Option(False, "--claimdiff", help="only the ClaimDiff flag rate by label"),
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
    debug: bool = typer.Option(False, "--debug", help="show tracebacks"),
) -> None:
    """Print every accuracy figure: fact extractors, NLI per dataset, ClaimDiff flag rate (all when no flag is given)."""
    from .evaluate import evaluate_all, render_evaluation

    with _errors(debug):
        if labelled or planted:
            model = DEFAULTS.nli_model if nli_model is None else (None if nli_model.lower() in ("none", "off", "") else nli_model)
            settings = DEFAULTS.replace(nli_model=model, quiet=True)
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
        everything = not (facts or nli or claimdiff)
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
