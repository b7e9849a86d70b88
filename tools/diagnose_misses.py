"""List the labelled discrepancies a checker run misses and, for each, where it is lost.

Why: a miss can be lost at segmentation (the entry text spans two sentences), extraction (no fact
on one side), claims (the two sentences share no claim group / candidate pair) or judging (paired
but not flagged). Usage: python tools/diagnose_misses.py CORPORA_DIR REPORTS_DIR [hard|soft] [--nli]
where CORPORA_DIR is the ``_corpora`` folder ``factcheck eval --labelled --reports DIR`` writes.
"""

from __future__ import annotations

import sys
from pathlib import Path

from factcheck.pipeline import Checker
from factcheck.settings import Settings
from factcheck.tools.eval_labelled import (DEFAULT_LABELLED, _norm, load_labelled, matches, read_flags)


def sentence_of(sentences, text):
    want = _norm(text)
    return [s for s in sentences if want in _norm(s.text)]


def main(corpora: Path, reports: Path, severity: str = "hard", nli: bool = False) -> None:
    labelled = load_labelled(DEFAULT_LABELLED)
    checker = Checker(Settings(quiet=True) if nli else Settings(quiet=True, nli_model=None))
    for dataset, entries in labelled.items():
        cluster_of = {}
        for e in entries["discrepancies"]:
            cluster_of[e.a_article] = cluster_of[e.b_article] = e.cluster
        flags = read_flags(reports, dataset, cluster_of)
        for e in entries["discrepancies"]:
            if e.severity != severity or any(f.cluster == e.cluster and matches(f, e) for f in flags):
                continue
            print(f"\n=== {dataset} {e.cluster} [{e.kind}] MISSED")
            corpus = corpora / dataset / (e.cluster.replace(":", "_") + ".jsonl")
            if not corpus.exists():
                corpus = next((p for p in (corpora / dataset).glob("*.jsonl") if e.cluster.split(":")[-1] in p.name))
            result = checker.run([corpus], out=None, formats=())
            an = result.analysis
            sides = []
            for art, text in ((e.a_article, e.a_text), (e.b_article, e.b_text)):
                found = sentence_of(an.sentences.get(art, []), text)
                print(f"  [{art}] text={text!r}: {'segmented in ' + str(len(found)) + ' sentence(s)' if found else 'NOT in one sentence'}")
                for s in found:
                    print(f"     S: {s.text[:300]!r}")
                    for f in an.facts.get(s.id, []):
                        print(f"       fact {f.kind.value}: {f.text!r} -> {f.value} unit/of={getattr(f.value, 'unit', None)} "
                              f"event={f.attrs.event} of={f.attrs.of} participants={f.attrs.participants}")
                sides.append({s.id for s in found})
            if len(sides) == 2 and sides[0] and sides[1]:
                groups = [g for g in (an.claim_groups or []) if set(g.sentence_ids) & sides[0] and set(g.sentence_ids) & sides[1]]
                print(f"  claim groups holding both: {[(g.id, g.kind and g.kind.value, len(g.members)) for g in groups]}")
                pairs = [p for p in an.pairs if {p.a.id, p.b.id} & sides[0] and {p.a.id, p.b.id} & sides[1]]
                for p in pairs:
                    print(f"  candidate pair sim={p.similarity:.3f} claim={p.claim} links={sorted(p.links)[:4]}")
                if not pairs:
                    vec = {s.id: i for i, s in enumerate(an.all_sentences)}
                    for a in sides[0]:
                        for b in sides[1]:
                            print(f"  NOT paired; cosine={float(an.vectors[vec[a]] @ an.vectors[vec[b]]):.3f}")
                ds = [d for d in an.discrepancies if {d.a.id, d.b.id} & sides[0] and {d.a.id, d.b.id} & sides[1]]
                for d in ds:
                    print(f"  judge: {d.kind.value} conf={d.confidence:.2f} {d.explanation}")
            print(f"  why: {getattr(e, 'why', '')}")


if __name__ == "__main__":
    if len(sys.argv) < 3 or sys.argv[1] in ("-h", "--help"):
        print("usage: python tools/diagnose_misses.py CORPORA_DIR REPORTS_DIR [hard|soft] [--nli]", file=sys.stderr)
        sys.exit(2)
    main(Path(sys.argv[1]), Path(sys.argv[2]), *(a for a in sys.argv[3:] if not a.startswith("--")), nli="--nli" in sys.argv)
