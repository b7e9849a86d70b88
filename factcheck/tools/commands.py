"""The tooling commands of the CLI: ``factcheck eval``, ``bench``, ``train-nli``, registered on its app.

Why here: evaluation, benchmarks and training are tooling, never imported by the runtime path
(``pipeline`` and the stages); the runtime CLI only calls ``register(app)``. Each command parses
options, calls one tool and renders it; data paths are options whose defaults point at the
project's shared data beside the checkout, with a one-line message when it is missing.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer

from ..console import Command, _err, _errors
from ..errors import InputError
from ..settings import Settings
from .paths import NEWS_DIR, SHARED_DATA, require

DEFAULTS = Settings()
HELP = Settings.documented()
LABELLED_DIR = SHARED_DATA / "labelled"


def _require_bench_extra() -> None:
    """The benchmarks read memory with psutil and plot with matplotlib: the ``bench`` extra."""
    import importlib.util

    missing = [name for name in ("psutil", "matplotlib") if importlib.util.find_spec(name) is None]
    if missing:
        raise InputError(f"benchmarks need the 'bench' extra ({', '.join(missing)} missing): "
                         "pip install 'factcheck[bench]'")


def register(app: typer.Typer) -> None:
    """Add the tooling commands to the CLI's app."""

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
        from .eval_labelled import DataMissing
        from .fit_nli_calibration import DEFAULT_OUT, calibrate

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
        basil: bool = typer.Option(False, "--basil", help="the first 90 BASIL triplet articles (30 stories) checked as one corpus (time, flags)"),
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
            _require_bench_extra()
            settings = DEFAULTS.replace(nli_model=nli_model, quiet=True)
            others = basil or clusters or incremental or recall or robustness
            counts = [int(x) for x in sizes.split(",") if x.strip()] if sizes is not None else ([] if others else [100, 300, 1000])
            if corpus_file is None and (counts or incremental or recall) and not DEFAULT_CORPUS.is_file():
                raise InputError(f"bench needs a JSON Lines corpus and the default, {DEFAULT_CORPUS}, is not in this "
                                 "checkout; pass CORPUS_FILE (one article per line: id, title, text, published), "
                                 "or run `factcheck bench --robustness`, which generates its own articles")
            if (clusters or basil) and not NEWS_DIR.is_dir():
                raise InputError(f"--clusters and --basil read the project's cluster corpora from {NEWS_DIR}, which is not in this checkout")
            result = run_bench(corpus_file, counts, settings, out, seed, basil=basil, clusters=clusters, incremental=incremental,
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
                    from .eval_labelled import DataMissing
                    from .eval_planted import evaluate_planted, render_planted

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

    @app.command("bench-ray", cls=Command)
    def bench_ray_cli(
        corpus_file: Optional[Path] = typer.Argument(None, help="JSON Lines corpus (default: reuters21578.jsonl.gz in ../shared/data/news)"),
        sizes: str = typer.Option("300", help="article counts, comma-separated"),
        ray_address: Optional[str] = typer.Option(None, "--ray-address", help=HELP["ray_address"]),
        nli_model: str = typer.Option(DEFAULTS.nli_model, help=HELP["nli_model"]),
        out: Optional[Path] = typer.Option(None, "--out", help="also write the table (and a .json beside it) here"),
        seed: int = typer.Option(0, help="random seed for the article samples"),
        debug: bool = typer.Option(False, "--debug", help="show tracebacks"),
    ) -> None:
        """The same samples through the local and the Ray executor: wall, CPU, memory, overhead, same report."""
        from .bench_ray import bench_ray, render
        from .corpora import DEFAULT_CORPUS

        with _errors(debug):
            counts = [int(x) for x in sizes.split(",") if x.strip()]
            settings = DEFAULTS.replace(nli_model=nli_model, ray_address=ray_address, quiet=True)
            result = bench_ray(corpus_file or DEFAULT_CORPUS, counts, settings, seed, notify=_err)
            table = render(result)
            typer.echo(table)
            if out is not None:
                out.parent.mkdir(parents=True, exist_ok=True)
                out.write_text(table, encoding="utf-8")
                out.with_suffix(".json").write_text(json.dumps(result, indent=1), encoding="utf-8")
                typer.echo(f"wrote {out}")

    @app.command("bench-demo", cls=Command)
    def bench_demo_cli(
        corpus: Path = typer.Argument(Path("seeds"), help="the corpus to time (default: the demo corpus seeds/)"),
        repeats: int = typer.Option(3, help="cold runs, each in a fresh process"),
        debug: bool = typer.Option(False, "--debug", help="show tracebacks"),
    ) -> None:
        """Wall time per stage of cold `factcheck run`s on the demo corpus, model loading included."""
        from .bench_demo import main as bench_demo_main

        with _errors(debug):
            if not corpus.exists():
                raise InputError(f"{corpus}: no such corpus; pass CORPUS (a folder or file of articles)")
            bench_demo_main([str(corpus), "--repeats", str(repeats)])

    @app.command("bench-nli", cls=Command)
    def bench_nli_cli(
        model: str = typer.Option("default", help="NLI model: 'default', a path or a hub id"),
        backends: str = typer.Option("torch,onnx", help="backends to time, comma-separated: torch,onnx"),
        pairs: int = typer.Option(2000, help="news sentence pairs to score"),
        batch_size: int = typer.Option(32, help="pairs per model call"),
        news_file: Path = typer.Option(NEWS_DIR / "bbc_news.jsonl.gz", help="JSON Lines news corpus the sentence pairs are drawn from"),
        json_out: Optional[Path] = typer.Option(None, "--json", help="also write the results here"),
        debug: bool = typer.Option(False, "--debug", help="show tracebacks"),
    ) -> None:
        """NLI scoring speed (pairs/s, memory) per backend on pairs of real news sentences."""
        from .bench_nli import main as bench_nli_main

        with _errors(debug):
            _require_bench_extra()
            require(news_file, "news corpus for the sentence pairs", "--news-file FILE")
            bench_nli_main(["--model", model, "--backends", backends, "--pairs", str(pairs), "--batch-size",
                            str(batch_size), "--news-file", str(news_file), *(["--json", str(json_out)] if json_out else [])])


def _eval_labelled(data: Path, reports: Optional[Path], score_only: bool, corpora: Optional[Path], tune: bool,
                   unlabelled: Optional[Path], settings) -> None:
    from . import eval_labelled as ev

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
