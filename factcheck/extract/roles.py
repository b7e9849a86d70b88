"""Titles attached to people in one sentence -> Role(person, title) values.

Input: a sentence's text, its NER spans (PERSON, plus GPE/NORP/ORG to tell qualifiers from
titles) and optionally its spaCy Doc (part-of-speech and apposition). Output: ``RoleMention``
records for three shapes: a title before the name ("Chinese Foreign Minister Qin Gang",
"Microsoft co-founder Bill Gates"), an apposition after it ("Qin Gang, the Chinese foreign
minister,") and one before it ("the foreign minister, Qin Gang,"). Honorifics (Mr, Dr) are not
titles. ``attrs["core"]`` is the title without nationality/place qualifiers and determiners
("microsoft co-founder", "foreign minister"): what the comparator weighs.

>>> [str(m.role) for m in find_roles("Microsoft co-founder Bill Gates spoke.",
...                                  [Entity("ORG", 0, 9, "Microsoft"), Entity("PERSON", 21, 31, "Bill Gates")])]
['Bill Gates: Microsoft co-founder']
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from factcheck.records import Entity, Role

from ._text import clean

_HONORIFICS = {"mr", "mrs", "ms", "miss", "mx", "dr", "sir", "dame", "lord", "lady", "prof", "rev", "mr.", "mrs.",
               "ms.", "dr.", "prof.", "rev.", "st", "st."}
_STOP = set("the a an and or but with by to for from at in on as said says told met meets meet was is were are has "
            "have had will would who whom that which when while after before since between alongside including "
            "under over than into onto about against among during like then also not new its his her their our "
            "your my this these those".split())
_ROLEISH = re.compile(
    r"(?:er|or|ist|ian|ent|ant|man|woman|person|chief|head|founder|secretary|minister|chair|diplomat|envoy|leader"
    r"|boss|official|aide|adviser|advisor|ceo|cfo|coo|cto|general|governor|mayor|king|queen|prince|princess|senator"
    r"|judge|premier|pope|cardinal|bishop|captain|coach|star|actress|actor|economist|lawmaker|chancellor|mp"
    r"|spokesperson|director|commissioner|ambassador|attorney|prosecutor|sheriff|colonel|lieutenant|sergeant"
    r"|marshal|admiral|emir|sultan|sheikh|president|counsel|deputy|editor|founder|owner)s?$", re.I)
# Words that are titles whatever their ending (first names like "Ian" or "Hunter" are not).
_TITLE_WORDS = set("president minister secretary premier chancellor governor mayor senator judge ceo chairman "
                   "chairwoman chair spokesman spokeswoman spokesperson ambassador general admiral colonel captain "
                   "director commissioner envoy founder co-founder cofounder king queen prince princess pope cardinal "
                   "bishop sheriff prosecutor coach congressman congresswoman representative lawmaker deputy "
                   "vice-president leader chief".split())
# Lower-case words that rank a title and open it ("acting Attorney General Matthew Whitaker"): the parse tags
# "acting" a verb, and a title read without it ("Attorney General") contradicts "Acting Attorney General".
_RANK_OPENERS = frozenset("acting interim former outgoing deputy".split())
# AP-style abbreviated titles before a name, and the words they stand for: "Sen. Ted Cruz" is a senator, "Dep.
# Chief" a deputy chief, "Lt. Gov." a lieutenant governor (not a governor). Read with or without the stop.
TITLE_ABBREVIATIONS = {
    "sen": "senator", "sens": "senators", "rep": "representative", "reps": "representatives", "gov": "governor",
    "govs": "governors", "lt": "lieutenant", "col": "colonel", "gen": "general", "maj": "major", "capt": "captain",
    "cmdr": "commander", "cmdt": "commandant", "sgt": "sergeant", "cpl": "corporal", "pvt": "private",
    "adm": "admiral", "brig": "brigadier", "det": "detective", "insp": "inspector", "supt": "superintendent",
    "dep": "deputy", "asst": "assistant", "assoc": "associate", "atty": "attorney", "amb": "ambassador",
    "pres": "president", "secy": "secretary", "sec": "secretary", "comm": "commissioner",
}
_QUALIFIER_LABELS = frozenset({"GPE", "NORP", "ORG", "LOC", "FAC"})
# Stripped from the core title: nationality and place. Organisations stay ("Microsoft co-founder"
# vs "Apple co-founder" differ); the comparator treats an extra organisation word as a qualifier.
_PLACE_LABELS = frozenset({"GPE", "NORP", "LOC"})
_TOKEN = re.compile(r"[A-Za-z][A-Za-z.'-]*[A-Za-z.]|[A-Za-z]|\d+|[^\sA-Za-z\d]")
# Title text: no clause punctuation, but dots inside abbreviations ("U.S.") are fine.
_TITLE_TEXT = r"(?:[^,;:.()\"“”]|\.(?=[A-Za-z])|(?<=\b[A-Z])\.)"
_APPOS_AFTER = re.compile(
    rf"\s*,\s+(?!(?:who|which|that|whose|where|when)\b)(?P<det>(?:the|a|an)\s+)?(?P<title>{_TITLE_TEXT}{{2,90}}?)"
    r"\s*(?=,|(?<!\b[A-Z])\.(?![A-Za-z])|;|$|\)|\s+(?:who|said|says|told))", re.I)
_APPOS_BEFORE = re.compile(rf"(?:^|[\s,(])(?:the|a|an)\s+(?P<title>{_TITLE_TEXT}{{2,60}}),\s*$", re.I)
_CUT = re.compile(r"\s+(?:as well as|and|who|which|that|since|from|after|before|during)\s+.*$", re.I)


@dataclass(frozen=True, slots=True)
class RoleMention:
    start: int
    end: int
    text: str
    role: Role
    attrs: dict[str, Any] = field(default_factory=dict)


def find_roles(text: str, entities: Sequence[Entity] = (), doc: Any = None) -> list[RoleMention]:
    """One RoleMention per (person, title) pair found in ``text``."""
    cleaned = clean(text)
    qualifiers = [(e.start, e.end) for e in entities if e.label in _PLACE_LABELS]
    blocked = [(e.start, e.end) for e in entities if e.label not in _QUALIFIER_LABELS and e.label != "PERSON"]
    named = [(e.start, e.end) for e in entities if e.label in _QUALIFIER_LABELS]
    found: list[RoleMention] = []
    for entity in (e for e in entities if e.label == "PERSON"):
        if not (0 <= entity.start < entity.end <= len(text)):
            continue
        person, inside = _split_title(cleaned, entity)
        name = _clean_name(text[person.start:person.end])
        if not name:
            continue
        before = inside or _before(cleaned, person, doc, blocked, named)
        for title_span in (before, _appos_after(cleaned, person, doc), _appos_before(cleaned, person)):
            if title_span is None:
                continue
            t_start, t_end = title_span
            title = _trim(text[t_start:t_end])
            core = core_title(cleaned, t_start, t_end, qualifiers)
            if not title or not core:
                continue
            start, end = min(t_start, person.start), max(t_end, person.end)
            attrs = {"core": core, "title_span": (t_start, t_end), "person_span": (person.start, person.end)}
            found.append(RoleMention(start, end, text[start:end], Role(name, title), attrs))
    return found


def repair_person_entities(text: str, entities: Sequence[Entity]) -> tuple[Entity, ...]:
    """Names the small NER model mislabels after a title ("Governor Eli Marsh" as ORG) become PERSON."""
    repaired = []
    for e in entities:
        if e.label in ("ORG", "GPE", "NORP", "FAC") and 2 <= len(e.text.split()) <= 3 and e.text.istitle():
            before = text[max(0, e.start - 30):e.start].split()
            if before and before[-1].lower().strip(".,") in _TITLE_WORDS:
                e = Entity("PERSON", e.start, e.end, e.text)
        repaired.append(e)
    return tuple(repaired)


def core_title(text: str, start: int, end: int, qualifiers: Sequence[tuple[int, int]] = ()) -> str:
    """The title without nationality/organisation words, determiners or case: 'co founder', 'foreign minister'."""
    words = []
    for match in re.finditer(r"[A-Za-z][A-Za-z.']*", text[start:end]):
        s, e = start + match.start(), start + match.end()
        if any(qs <= s and e <= qe for qs, qe in qualifiers):
            continue
        word = match.group().lower().replace(".", "").removesuffix("'s")  # "U.S." = "US"
        word = TITLE_ABBREVIATIONS.get(word, word)  # "Dep. Chief" = "deputy chief"
        if word in ("the", "a", "an", "its", "his", "her", "their", "then"):
            continue  # "then speaker" and "speaker ... at the time" say the same thing
        words.append(word)
    if words[-3:] == ["at", "time"] or words[-2:] == ["at", "time"]:
        words = words[:-2]
    while words and words[-1] in ("of", "for", "to", "at", "in"):
        words.pop()
    while words and words[0] in ("of", "for", "to", "at", "in"):
        words.pop(0)
    return " ".join(words)


def _split_title(text: str, person: Entity) -> tuple[Entity, tuple[int, int] | None]:
    """NER sometimes puts the title inside the PERSON span ("Spokeswoman Clara Benn"): split it off."""
    words = list(re.finditer(r"[A-Za-z][A-Za-z.'-]*", text[person.start:person.end]))
    last_title = None
    for i, word in enumerate(words[:-1]):
        if not word.group()[0].isupper():
            break
        lower = word.group().lower()
        if lower in _HONORIFICS:
            last_title = ("honorific", i)
        elif lower in _TITLE_WORDS or _abbreviated_title(word.group()):
            last_title = ("title", i)
    if last_title is None:
        return person, None
    kind, i = last_title
    start = person.start + words[i + 1].start()
    trimmed = Entity(person.label, start, person.end, text[start:person.end])
    title = None
    if kind == "title" and words[0].group().lower() not in _HONORIFICS:
        title = (person.start, person.start + words[i].end())
    return trimmed, title


def _before(text: str, person: Entity, doc: Any, blocked: list[tuple[int, int]],
            named: Sequence[tuple[int, int]] = ()) -> tuple[int, int] | None:
    """Title words right before the name: 'Chinese Foreign Minister Qin Gang'. ``named``: spans of places,
    nationalities and organisations, read whole ("New York Lt. Gov.", though "new" is a stop word)."""
    tokens = _tokens_before(text, person.start, doc)
    kept: list[tuple[int, int, str, str]] = []
    for start, end, word, pos in tokens:
        lower = word.lower()
        if lower in _HONORIFICS:
            return None
        if _abbreviated_title(word):
            kept.append((start, end, word, "PROPN"))  # the small model tags "Det." a name, "Asst." an organisation
            continue
        if any(bs <= start < be for bs, be in blocked) or word.endswith("'s") or word == "'":
            break
        if word == "-" or (lower == "of" and kept):
            kept.append((start, end, word, pos))
            continue
        if lower in _RANK_OPENERS and kept:
            kept.append((start, end, word, pos))
            continue
        if not word[0].isalpha() or (lower in _STOP and not any(ns <= start < ne for ns, ne in named)):
            break
        if pos:
            if pos not in ("NOUN", "PROPN", "ADJ"):
                break
        elif not (word[0].isupper() or _ROLEISH.search(word) or (kept and kept[-1][2] == "-")):
            break
        kept.append((start, end, word, pos))
        if len(kept) >= 7:
            break
    owned = next((k for k, token in enumerate(kept) if token[2].lower() == "of"), 0)
    if owned and _is_title_word(kept[0][2]) and text[person.end:person.end + 2] in ("'s", "’s"):
        # "co-chairman of President Barack Obama's campaign": the words before "of" are another person's
        # job ("Secretary of State Mike Pompeo's trip" keeps its title: "State" is no title of its own)
        kept = kept[:owned]
    while kept and kept[-1][2].lower() in ("of", "-"):
        kept.pop()
    if not kept:
        return None
    head = kept[0]
    for k, token in enumerate(kept):  # kept runs from the name backwards: "State of Secretary"
        if token[2].lower() == "of" and k + 1 < len(kept):
            head = kept[k + 1]
            break
    if not _is_title_word(head[2]) and head[3] not in ("NOUN",):
        return None
    return kept[-1][0], kept[0][1]


def _is_title_word(word: str) -> bool:
    """'Minister', 'co-founder', 'Gov.': a word that names a job."""
    word = _expanded(word).split("-")[-1]
    return bool(_ROLEISH.search(word)) or word.lower() in _TITLE_WORDS


def _abbreviated_title(word: str) -> bool:
    """'Sen.', 'Dep.', 'Lt.': a capitalised abbreviation of a title, with its stop."""
    return word.endswith(".") and word[:1].isupper() and word[:-1].lower() in TITLE_ABBREVIATIONS


def _expanded(word: str) -> str:
    """The title word an abbreviation stands for ('Gov.' -> 'governor'); other words unchanged."""
    return TITLE_ABBREVIATIONS.get(word.lower().rstrip("."), word)


def _tokens_before(text: str, position: int, doc: Any) -> list[tuple[int, int, str, str]]:
    """Tokens before ``position``, nearest first, with their part of speech when a Doc is given."""
    if doc is not None:
        out: list[tuple[int, int, str, str]] = []
        for token in doc:
            if token.idx + len(token.text) > position:
                continue
            if (token.text == "." and out and out[-1][1] == token.idx
                    and _abbreviated_title(out[-1][2] + ".")):  # "Dep" "." -> "Dep."
                out[-1] = (out[-1][0], token.idx + 1, out[-1][2] + ".", out[-1][3])
                continue
            out.append((token.idx, token.idx + len(token.text), token.text, token.pos_))
        return out[::-1][:12]
    tokens = [(m.start(), m.end(), m.group(), "") for m in _TOKEN.finditer(text, max(0, position - 120), position)]
    return tokens[::-1][:12]


def _appos_after(text: str, person: Entity, doc: Any) -> tuple[int, int] | None:
    """'Qin Gang, the Chinese foreign minister, said ...'."""
    match = _APPOS_AFTER.match(text, person.end)
    if match is None:
        return None
    start, end = match.span("title")
    cut = _CUT.search(text, start, end)
    if cut:
        end = cut.start()
    words = text[start:end].split()
    if not words or len(words) > 12 or not any(_ROLEISH.search(w) for w in words):
        return None
    if doc is not None:
        span = doc.char_span(start, end, alignment_mode="expand")
        # A verb or a pronoun means a clause, not a title ("US" tagged PRON is a country, not "us").
        if span is None or any(t.pos_ in ("VERB", "AUX") or (t.pos_ == "PRON" and t.text.islower()) for t in span):
            return None
        if not any(t.dep_ == "appos" or (t.pos_ in ("NOUN", "PROPN") and _ROLEISH.search(t.text)) for t in span):
            return None
    elif words[0][0].isdigit() or not (match.group("det") or words[0][0].isupper()):
        return None  # without a parse, "X, met reporters" must not read as a title
    return start, end


def _appos_before(text: str, person: Entity) -> tuple[int, int] | None:
    """'the Chinese foreign minister, Qin Gang, ...'."""
    after = text[person.end:person.end + 2]
    if after and after[0] not in ",.;)" and after.strip():
        return None
    match = _APPOS_BEFORE.search(text, 0, person.start)
    if match is None:
        return None
    start, end = match.span("title")
    words = text[start:end].split()
    if not words or len(words) > 6 or not _ROLEISH.search(words[-1]):
        return None
    return start, end


def _clean_name(name: str) -> str:
    name = name.strip().strip(",.;:")
    for suffix in ("'s", "’s", "'", "’"):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
    return name.strip()


def _trim(title: str) -> str:
    title = title.strip(" ,;:-")
    return re.sub(r"^(?:the|a|an)\s+", "", title, flags=re.I)
