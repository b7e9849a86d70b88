"""``factcheck eval --planted``: copy an article, plant one edit per kind, and see which the checker finds.

For developer-part BASIL articles (never the demo seeds), a copy gets one edit per kind, each in
its own sentence and leaving every other sentence identical: a number, a date or weekday, a
negation, a word inside a quotation, a person or place swapped for another of the same kind, an
antonym (rose/fell, won/lost, approved/rejected). The checker runs on original + copy; an edit is
found when a flag pairs the edited sentence with its original. Unchanged copied sentences that
are flagged at all are false alarms. The generator is seeded, so the same edits come back.
"""

from __future__ import annotations

import gzip
import json
import random
import re
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

KINDS = ("number", "date", "negation", "quote", "swap", "antonym")
ANTONYMS = {"rose": "fell", "fell": "rose", "won": "lost", "lost": "won", "approved": "rejected",
            "rejected": "approved", "increased": "decreased", "decreased": "increased", "accepted": "rejected",
            "supports": "opposes", "opposes": "supports", "supported": "opposed", "opposed": "supported",
            "agreed": "refused", "refused": "agreed", "passed": "failed", "rising": "falling", "higher": "lower",
            "lower": "higher", "more": "fewer", "allowed": "banned", "confirmed": "denied", "denied": "confirmed"}
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
_AUX = re.compile(r"\b(is|was|are|were|has|had|will|would|can|could|did|does|should)\b(?! not\b|n['’]t)")
# A count: a number followed by the noun it counts ("47 arrests", "3,000 people"), not a day, rank or age.
_NUMBER = re.compile(r"(?<![\d.,$])(?<!No\. )\b([1-9]\d{0,2}(?:,\d{3})*|[1-9]\d*)\b(?=\s+(?!percent)[a-z]{3,})")
_QUOTE = re.compile(r"[“\"]([^”\"]{25,})[”\"]")
_DATE = re.compile(rf"\b({'|'.join(WEEKDAYS)})\b|\b({'|'.join(MONTHS)})\s+(\d{{1,2}})\b")


@dataclass(frozen=True)
class Edit:
    kind: str
    original: str  # the sentence in the original article
    edited: str  # the same sentence in the copy


def plant(sentences: Sequence[str], names: dict[str, list[str]], rng: random.Random) -> list[Edit]:
    """At most one edit per kind, each in a different sentence; ``names``: label -> entity texts of the article."""
    order = list(range(len(sentences)))
    rng.shuffle(order)
    used: set[int] = set()
    edits = []
    for kind in KINDS:
        for i in order:
            if i in used or len(sentences[i]) < 40:
                continue
            edited = _EDITORS[kind](sentences[i], names, rng)
            if edited and edited != sentences[i]:
                used.add(i)
                edits.append(Edit(kind, sentences[i], edited))
                break
    return edits


def _number(s: str, names, rng: random.Random) -> str | None:
    for m in _NUMBER.finditer(s):
        value = int(m.group(1).replace(",", ""))
        if 1900 <= value <= 2100:
            continue  # a year: the date edit's business
        new = value + max(1, round(value * rng.choice((0.3, 0.5, 0.8))))
        text = f"{new:,}" if "," in m.group(1) else str(new)
        return s[:m.start(1)] + text + s[m.end(1):]
    return None


def _date(s: str, names, rng: random.Random) -> str | None:
    m = _DATE.search(s)
    if not m:
        return None
    if m.group(1):
        other = rng.choice([d for d in WEEKDAYS if d != m.group(1)])
        return s[:m.start(1)] + other + s[m.end(1):]
    day = int(m.group(3))
    new = day + 3 if day <= 25 else day - 3
    return s[:m.start(3)] + str(new) + s[m.end(3):]


def _negation(s: str, names, rng: random.Random) -> str | None:
    if "“" in s or '"' in s:
        return None  # a negated quotation is the quote edit's business
    m = _AUX.search(s)
    return s[:m.end()] + " not" + s[m.end():] if m else None


def _quote(s: str, names, rng: random.Random) -> str | None:
    m = _QUOTE.search(s)
    if not m:
        return None
    words = list(re.finditer(r"\b[a-z]{5,}\b", m.group(1)))
    if len(words) < 2:
        return None
    w = rng.choice(words)
    replacement = _SUBSTITUTES.get(w.group(), None) or rng.choice([x for x in _FILLERS if x != w.group()])
    start = m.start(1) + w.start()
    return s[:start] + replacement + s[start + len(w.group()):]


def _swap(s: str, names: dict[str, list[str]], rng: random.Random) -> str | None:
    for label in ("PERSON", "GPE"):
        present = [n for n in names.get(label, []) if n in s and len(n) > 3]
        others = [n for n in names.get(label, []) if n not in s and len(n) > 3
                  and not any(part in s for part in n.split())]
        if present and others:
            who = rng.choice(present)
            return s.replace(who, rng.choice(others), 1)
    return None


def _antonym(s: str, names, rng: random.Random) -> str | None:
    for m in re.finditer(r"\b[a-z]+\b", s):
        if m.group() in ANTONYMS and "“" not in s[:m.start()]:
            return s[:m.start()] + ANTONYMS[m.group()] + s[m.end():]
    return None


_SUBSTITUTES = {"never": "always", "always": "never", "great": "terrible", "strong": "weak", "right": "wrong",
                "wrong": "right", "better": "worse", "important": "trivial", "believe": "doubt"}
_FILLERS = ("country", "problem", "people", "family", "money", "future", "history", "message")
_EDITORS = {"number": _number, "date": _date, "negation": _negation, "quote": _quote, "swap": _swap,
            "antonym": _antonym}


def planted_cases(news: Path, articles: int, seed: int, segmenter):
    """(original row, copy row, edits) for ``articles`` seeded developer BASIL articles, in id order."""
    from .eval_labelled import DataMissing
    from ..records import Article

    path = Path(news) / "basil_triplets.jsonl.gz"
    if not path.exists():
        raise DataMissing(f"news articles missing: {path}")
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh]
    rng = random.Random(seed)
    rows = sorted(rng.sample(rows, min(articles, len(rows))), key=lambda r: r["id"])
    for row in rows:
        article = Article(id=row["id"], text=row["text"])
        sentences = segmenter.segment([article])[article.id]
        names: dict[str, list[str]] = {}
        for s in sentences:
            for e in s.entities:
                if e.text not in names.setdefault(e.label, []):
                    names[e.label].append(e.text)
        edits = plant([s.text for s in sentences], names, rng)
        copy_text = row["text"]
        for edit in edits:
            copy_text = copy_text.replace(edit.original, edit.edited, 1)
        yield row, dict(row, id=row["id"] + "_copy", text=copy_text), edits, sentences


def write_case(folder: Path, number: int, row: dict, copy: dict) -> Path:
    """The two-article corpus of one planted case."""
    corpus = Path(folder) / f"{number}_{row['id'].replace(':', '_')}.jsonl"
    corpus.write_text(json.dumps(row) + "\n" + json.dumps(copy) + "\n", encoding="utf-8")
    return corpus


def evaluate_planted(news: Path, articles: int = 30, seed: int = 0, settings=None) -> dict:
    """Recall per edit kind and the share of unchanged copied sentences flagged."""
    from ..pipeline import Checker
    from ..settings import Settings

    checker = Checker(settings or Settings(quiet=True))
    planted = {k: 0 for k in KINDS}
    found = {k: 0 for k in KINDS}
    unchanged = flagged_unchanged = 0
    missed: list[Edit] = []
    rows = 0
    with tempfile.TemporaryDirectory(prefix="factcheck-planted-") as tmp:
        for row, copy, edits, sentences in planted_cases(news, articles, seed, checker.segmenter):
            rows += 1
            corpus = write_case(Path(tmp), rows, row, copy)
            result = checker.run([corpus], out=Path(tmp) / "out", formats=("json",))
            pairs = [(d.a, d.b) if d.a.article_id == row["id"] else (d.b, d.a) for d in result.discrepancies]
            for edit in edits:
                planted[edit.kind] += 1
                if any(o.text == edit.original and c.text == edit.edited for o, c in pairs):
                    found[edit.kind] += 1
                else:
                    missed.append(edit)
            edited = {e.edited for e in edits}
            copy_sentences = [s.text for s in sentences if s.text not in {e.original for e in edits}]
            flagged_copy = {c.text for _, c in pairs if c.article_id.endswith("_copy")} - edited
            unchanged += len(copy_sentences)
            flagged_unchanged += len(flagged_copy & set(copy_sentences))
    return {"articles": rows, "seed": seed, "planted": planted, "found": found, "unchanged": unchanged,
            "unchanged_flagged": flagged_unchanged, "missed": missed,
            "nli_model": (settings.nli_model if settings else "default")}


def render_planted(result: dict) -> str:
    lines = [f"## Planted edits ({result['articles']} BASIL articles, seed {result['seed']}, "
             f"NLI: {result['nli_model'] or 'off'})", "", "| edit | planted | found | recall |", "|---|---:|---:|---:|"]
    for kind in KINDS:
        n, k = result["planted"][kind], result["found"][kind]
        lines.append(f"| {kind} | {n} | {k} | {100 * k / n:.0f} % |" if n else f"| {kind} | 0 | 0 | n/a |")
    u, f = result["unchanged"], result["unchanged_flagged"]
    lines.append(f"\nUnchanged copied sentences flagged: {f} of {u} ({100 * f / u:.1f} %)" if u else "")
    return "\n".join(lines)

