"""Write the English articles of the SemEval-2022 Task 8 sample pairs as one JSON Lines corpus.

Why: a corpus no rule of the checker was built on, of many outlets and topics, to read what an editor
would get. The pairs file (``../shared/data/news/semeval2022t8_pairs.jsonl.gz``) holds two article texts per
row (title and body run together, cut at about 1,300 characters, no dates); every English article of an
English pair becomes one undated, untitled article ``semeval:<id>``. The pair labels (``very_similar`` ...)
are written beside it so flags can be looked up against them.

    python tools/semeval_corpus.py ../shared/data/news/semeval2022t8_pairs.jsonl.gz /tmp/semeval_en.jsonl
"""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[-1].strip(), file=sys.stderr)
        return 2
    source, out = Path(argv[0]), Path(argv[1])
    articles: dict[str, str] = {}
    pairs = []
    with gzip.open(source, "rt", encoding="utf-8") as rows:
        for line in rows:
            row = json.loads(line)
            if row["lang_a"] != "en" or row["lang_b"] != "en":
                continue
            id_a, id_b = row["pair_id"].split("_")
            articles.setdefault(id_a, row["a"].strip())
            articles.setdefault(id_b, row["b"].strip())
            pairs.append({"a": f"semeval:{id_a}", "b": f"semeval:{id_b}", "label": row["label"],
                          "overall": row["overall"]})
    with out.open("w", encoding="utf-8") as f:
        for article_id, text in articles.items():
            f.write(json.dumps({"id": f"semeval:{article_id}", "title": "", "text": text}) + "\n")
    out.with_suffix(".pairs.json").write_text(json.dumps(pairs, indent=1), encoding="utf-8")
    print(f"{len(articles)} articles, {len(pairs)} pairs -> {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
