"""Comparison rules for facts made of words: titles (Kind.ROLE), quotations (Kind.QUOTE), prospects (Kind.PROSPECT).

Input: the ROLE, QUOTE or PROSPECT facts of each side of a sentence pair. Output: ``Finding``s.
Titles are matched per person (by surname and compatible first names); synonymous titles
("foreign minister" / "top diplomat") and a title with or without its qualifiers are not
conflicts, but a rank word on one side only ("co-founder" / "founder", "deputy minister" /
"minister") is. Quotations are matched per speaker; the same quote rendered with different
words is a conflict with a word-level diff (difflib), a shorter excerpt of it is not.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..extract.prospects import same_prospect
from ..records import Fact, Kind, Prospect, Quote, Role
from .fact_rules import Finding, Related, same_surname, surname
from .quote_edges import anchor_runs, cut_edges, edge_effect
from .weights import (PROSPECT_CONFLICT, QUOTE_MAX_CONFIDENCE, QUOTE_SMALL_WORDS_CONFIDENCE, QUOTE_SPELLING_SIMILARITY,
                      TITLE_RANK_CONFLICT)

TITLE_SAME_TIME_DAYS = 60  # articles further apart than this may see a title change ("former")

if TYPE_CHECKING:
    from .sides import Side

# Titles that name the same job; each group maps to its first entry.
_SYNONYMS = [
    ("foreign minister", "top diplomat", "chief diplomat", "foreign secretary", "secretary of state",
     "foreign affairs minister", "minister of foreign affairs", "minister for foreign affairs"),
    ("prime minister", "premier", "pm", "head of government"),
    ("president", "head of state"),
    ("chief executive", "chief executive officer", "ceo", "boss", "chief exec"),
    ("spokesperson", "spokesman", "spokeswoman", "press secretary"),
    ("defence minister", "defense minister", "defence secretary", "defense secretary", "secretary of defense",
     "minister of defence", "minister of defense", "pentagon chief"),
    ("lawmaker", "legislator", "congressman", "congresswoman", "representative", "mp", "member of parliament"),
    ("adviser", "advisor", "aide"),
    ("chair", "chairman", "chairwoman", "chairperson", "chairs"),
    ("finance minister", "treasury secretary", "chancellor of the exchequer", "minister of finance"),
    ("lawyer", "attorney", "counsel", "legal counsel", "counselor", "solicitor"),
    ("republican", "gop"), ("senator", "sen"), ("governor", "gov"), ("representative", "rep"), ("general", "gen"),
]
_CANON = {title: group[0] for group in _SYNONYMS for title in group}
# One-word synonyms also count inside longer titles ("chairman of the panel" / "panel chair").
_WORD_CANON = {title: group[0] for group in _SYNONYMS for title in group if " " not in title and " " not in group[0]}
# Titles too vague to contradict another ("leader Xi" vs "President Xi").
_GENERIC = {"leader", "official", "head", "chief", "politician", "executive", "diplomat", "figure", "member",
            "senior official", "top official", "envoy"}
# Words that change the job itself when only one side has them.
_RANK = {"co", "deputy", "vice", "assistant", "acting", "interim", "former", "ex", "associate", "junior", "under",
         "late", "shadow", "honorary", "emeritus", "outgoing", "incoming", "elect", "designate", "second", "lieutenant"}
# Rank words that, before these heads, are dropped in address or name another post than the rank: "Lt. Gen.
# McMaster" / "Gen. McMaster" (a lieutenant general is addressed "General"), "Deputy Sgt. Teasley" / "Sgt. Teasley,
# a sheriff's deputy" (a deputy sheriff holding a sergeant's rank). Before other heads they are another job
# ("lieutenant governor", "deputy chief", "deputy commander").
_GRADES = {"lieutenant": {"general", "colonel", "commander"},
           "deputy": {"sergeant", "corporal", "detective", "constable", "trooper"}}
_LINKS = {"of", "for", "at", "to", "the", "and", "in"}
_PRINCIPAL = re.compile(r"\s(?:for|to)\s")  # "chief of staff for/to X": X is whose, not the job
# Rank words that change with time, not with the job: "President" in 2017, "former President" in 2019;
# "outgoing national security adviser" on her last day, "former" a year later.
_TIMED = {"former", "ex", "then", "outgoing", "late"}  # "the late Sen. Kennedy" / "Sen. Kennedy's widow"
# Words that order or own a title without changing the job: "the president's second secretary of state".
_ORDINALS = set("first second third fourth fifth last next new top senior longtime onetime".split())
# The head word of a real title. A noun phrase whose head is none of these ("the separate meetings
# Trump held", "his elder daughter") was misread as a title and contradicts nothing.
_JOBS = set("""president secretary minister senator representative congressman congresswoman lawmaker legislator governor
mayor chairman chairwoman chair chairperson director attorney lawyer counsel counselor solicitor judge justice
spokesman spokeswoman spokesperson adviser advisor aide ambassador envoy general admiral officer chief ceo cfo coo
founder cofounder leader speaker whip commissioner prosecutor agent analyst economist professor candidate nominee
head manager executive king queen prince princess pope bishop premier chancellor diplomat deputy administrator
superintendent sheriff commander colonel captain lieutenant sergeant marshal inspector auditor treasurer clerk
editor publisher reporter correspondent columnist anchor host producer owner partner president-elect
senator-elect strategist pollster consultant coordinator negotiator chairmanship emir sultan monarch dictator
mp pm vp gov sen rep gen adm lt col sgt""".split())
_CONTRACTIONS = [(re.compile(p, re.I), r) for p, r in (
    (r"\bcan['’]t\b", "can not"), (r"\bcannot\b", "can not"), (r"\bwon['’]t\b", "will not"),
    (r"\bshan['’]t\b", "shall not"), (r"n['’]t\b", " not"), (r"['’]ll\b", " will"), (r"['’]re\b", " are"),
    (r"['’]ve\b", " have"), (r"['’]m\b", " am"), (r"['’]d\b", " would"),
    (r"\b(it|that|there|what|he|she|who|here|where)['’]s\b", r"\1 is"))]


def compare_roles(a: Sequence[tuple[Fact, Side]], b: Sequence[tuple[Fact, Side]]) -> list[Finding]:
    """Per person: a conflict only when none of one side's titles fits any of the other's.

    Titles of articles published apart may differ by a word that time changes ("former"), and
    are then not compared on it.
    """
    findings: list[Finding] = []
    people_a = _by_person(a)
    people_b = _by_person(b)
    published_a = next((side.published for _, side in a), None)
    published_b = next((side.published for _, side in b), None)
    apart = (published_a is not None and published_b is not None
             and abs((published_a - published_b).days) > TITLE_SAME_TIME_DAYS)
    for key, facts_a in people_a.items():
        for name_b, facts_b in people_b.items():
            if not _same_person(key, name_b):
                continue
            verdicts = [(fa, fb, title_conflict(_core(fa), _core(fb), apart)) for fa in facts_a for fb in facts_b]
            if any(v is None for _, _, v in verdicts):
                continue  # some pair of titles agrees: the others are extra roles, not contradictions
            for fa, fb, confidence in verdicts:
                ra, rb = fa.value, fb.value
                assert isinstance(ra, Role) and isinstance(rb, Role) and confidence is not None
                explanation = f'titles differ for {ra.person}: "{ra.title}" vs "{rb.title}"'
                findings.append(Finding(Kind.ROLE, fa, fb, str(ra), str(rb), explanation, confidence))
    return findings


def compare_prospects(a: Sequence[tuple[Fact, Side]], b: Sequence[tuple[Fact, Side]],
                      related: Related, min_related: float) -> list[Finding]:
    """One act that one side says will happen and the other says will not ("is expected to meet the queen" /
    "is unlikely to meet Queen Elizabeth II"). Two wordings of one outlook ("will meet" / "is set to meet") agree."""
    findings = []
    for fa, _ in a:
        for fb, _ in b:
            pa, pb = fa.value, fb.value
            if not (isinstance(pa, Prospect) and isinstance(pb, Prospect)) or pa.happens == pb.happens:
                continue
            relatedness = related(fa, fb)
            if relatedness < min_related or not same_prospect(pa, pb):
                continue
            explanation = f'one says it will happen, the other that it will not: "{fa.text}" vs "{fb.text}"'
            findings.append(Finding(Kind.PROSPECT, fa, fb, str(pa), str(pb), explanation, PROSPECT_CONFLICT,
                                    relatedness))
    return findings


def title_conflict(core_a: str, core_b: str, apart: bool = False) -> float | None:
    """None when two titles can both be true of one person, else a confidence that they conflict.

    ``apart``: the two articles were published far apart, so a title may have changed ("former").
    Two different jobs ("president" and "party chief") can both be held: not a conflict.
    """
    ca, cb = _canon(_singular_head(core_a)), _canon(_singular_head(core_b))
    if not ca or not cb or ca == cb:
        return None
    if not _is_job(ca) or not _is_job(cb):
        return None  # a noun phrase misread as a title
    if _expands(ca, cb) or _expands(cb, ca):
        return None  # "FBI director" / "Federal Bureau of Investigation director"
    # "former", "ex-": courtesy keeps a former official's title ("President Clinton", "Director Comey"),
    # and titles change between publication dates; possessives and ordinals ("the president's second
    # secretary of state") describe, they do not rank.
    wa = {w for w in set(ca.split()) - _LINKS - _TIMED if "'" not in w and "’" not in w and w not in _ORDINALS}
    wb = {w for w in set(cb.split()) - _LINKS - _TIMED if "'" not in w and "’" not in w and w not in _ORDINALS}
    if wa <= wb or wb <= wa:
        # Rank words count in the job itself, not in whose job it is ("chief of staff for Vice President
        # Harris" is a chief of staff, not a vice anything).
        ja, jb = (w & set(_PRINCIPAL.split(c, maxsplit=1)[0].split()) for w, c in ((wa, ca), (wb, cb)))
        ranked = (ja ^ jb) & _RANK
        if ranked and all(_head(ca) in _GRADES.get(word, ()) for word in ranked):
            return None  # "Lt. Col. Vindman" / "Col. Vindman": a lieutenant colonel is addressed "Colonel"
        return TITLE_RANK_CONFLICT if ranked else None
    if ca in _GENERIC or cb in _GENERIC or _head(ca) in _GENERIC or _head(cb) in _GENERIC:
        return None
    if _without_rank(ca) == _without_rank(cb):
        return TITLE_RANK_CONFLICT  # "deputy foreign minister" vs "top diplomat"
    # Same head, other words ("counterintelligence agent" / "special agent", "trade minister" / "finance
    # minister"), longer descriptions ("former national security adviser" / "Trump's first national security adviser") or
    # different jobs ("president" / "party chief"): on the tuning stories these were two descriptions of one
    # person far more often than a misstatement.
    return None


def _is_job(title: str) -> bool:
    return _head(title).replace(".", "") in _JOBS


def _singular_head(core: str) -> str:
    """"Presidents Biden and Xi" -> "President": a plural title is the same title."""
    words = core.split()
    if words and len(words[-1]) > 4 and words[-1].lower().endswith("s") and words[-1].lower()[:-1] in _JOBS:
        words[-1] = words[-1][:-1]
    return " ".join(words)


def _expands(short: str, long: str) -> bool:
    """An acronym in one title spells out words of the other ("fbi" / "federal bureau of investigation")."""
    long_words = [w for w in long.split() if w not in _LINKS]
    initials = "".join(w[0] for w in long_words if w)
    for word in short.split():
        bare = word.replace(".", "")
        if len(bare) >= 2 and bare in initials and bare not in _JOBS:
            rest = [w for w in short.split() if w != word]
            return all(w in long.split() for w in rest)
    return False


def _canon(core: str) -> str:
    core = " ".join(core.lower().replace("-", " ").split())
    if core in _CANON:
        return _CANON[core]
    words = [_WORD_CANON.get(w, w) for w in core.split()]
    core = " ".join(words)
    if core in _CANON:
        return _CANON[core]
    # Longest synonym phrase at the end ("Chinese top diplomat" was already stripped of "Chinese").
    for size in range(len(words) - 1, 0, -1):
        tail = " ".join(words[-size:])
        if tail in _CANON:
            head = [w for w in words[:-size] if w not in ("top", "senior", "chief")]
            return " ".join(head + [_CANON[tail]])
    return core


def _without_rank(title: str) -> str:
    return _canon(" ".join(w for w in title.split() if w not in _RANK))


def _head(title: str) -> str:
    """The job word: before 'of' ('head of the party' -> 'head'), else the last word."""
    words = title.split()
    for i, word in enumerate(words):
        if word in ("of", "for", "at") and i:
            return words[i - 1]
    return words[-1] if words else ""


def _core(fact: Fact) -> str:
    core = fact.attrs.core
    if core:
        return str(core)
    role = fact.value
    return role.title if isinstance(role, Role) else ""


def _by_person(side: Sequence[tuple[Fact, Side]]) -> dict[str, list[Fact]]:
    people: dict[str, list[Fact]] = {}
    for fact, _ in side:
        if isinstance(fact.value, Role):
            people.setdefault(fact.value.person, []).append(fact)
    return people


def _same_person(a: str, b: str) -> bool:
    if not same_surname(surname(a), surname(b)):
        return False
    first_a, first_b = a.split()[0].lower(), b.split()[0].lower()
    if len(a.split()) == 1 or len(b.split()) == 1 or first_a == first_b:
        return True
    return first_a[0] == first_b[0] and (len(first_a) <= 2 or len(first_b) <= 2)  # "B. Gates"


# --- quotations ---------------------------------------------------------------------------------


def compare_quotes(a: Sequence[tuple[Fact, Side]], b: Sequence[tuple[Fact, Side]]) -> list[Finding]:
    """The same speaker's quotation worded differently inside quotation marks."""
    findings: list[Finding] = []
    for fa, side_a in a:
        for fb, side_b in b:
            qa, qb = fa.value, fb.value
            if not isinstance(qa, Quote) or not isinstance(qb, Quote):
                continue
            verdict = quote_verdict(qa, qb, cut_edges(fa, side_a.sentence.text), cut_edges(fb, side_b.sentence.text))
            if verdict is None:
                continue
            confidence, light = verdict
            who = qa.speaker or qb.speaker
            diff = word_changes(qa.content, qb.content)
            shown_a, shown_b = aligned(qa.content, qb.content)
            explanation = (f'quote differs{f" ({who})" if who else ""}: "{_short(shown_a)}" vs '
                           f'"{_short(shown_b)}": {diff}{" (small words only)" if light else ""}')
            findings.append(Finding(Kind.QUOTE, fa, fb, str(qa), str(qb), explanation, confidence))
    return findings


def quote_conflict(qa: Quote, qb: Quote, cut_a: tuple[bool, bool] = (False, False),
                   cut_b: tuple[bool, bool] = (False, False)) -> float | None:
    """None for different quotes, the same words, or an excerpt; else how sure a misquote is.

    ``cut_a``/``cut_b``: whether each quote was cut by the sentence splitter at its start / end.
    """
    verdict = quote_verdict(qa, qb, cut_a, cut_b)
    return None if verdict is None else verdict[0]


def quote_verdict(qa: Quote, qb: Quote, cut_a: tuple[bool, bool] = (False, False),
                  cut_b: tuple[bool, bool] = (False, False)) -> tuple[float, bool] | None:
    """``quote_conflict``'s confidence, and whether only small words differ (then it ranks low)."""
    ka, kb = surname(qa.speaker or ""), surname(qb.speaker or "")
    if ka and kb and not same_surname(ka, kb):
        return None
    wa, wb = quote_words(_EDITORIAL.sub(" ", qa.content)), quote_words(_EDITORIAL.sub(" ", qb.content))
    wa, wb = [_TRIVIAL_SWAPS.get(w, w) for w in wa], [_TRIVIAL_SWAPS.get(w, w) for w in wb]
    if _same_or_excerpt(wa, wb):
        return None  # the same words (case, punctuation, hyphens aside) or an excerpt
    wa, wb = _undistributed(wa), _undistributed(wb)
    if _same_or_excerpt(wa, wb):
        return None  # ... once a word said again after "and" is left out of both
    if len(wa) >= EXCERPT_WINDOW_RATIO * len(wb):  # a short excerpt: compare it with the stretch it renders
        wa, cut_a = _excerpt_window(wa, wb, cut_a)
    elif len(wb) >= EXCERPT_WINDOW_RATIO * len(wa):
        wb, cut_b = _excerpt_window(wb, wa, cut_b)
    matcher = difflib.SequenceMatcher(a=wa, b=wb, autojunk=False)
    elided = any(mark in text for text in (qa.content, qb.content) for mark in ("…", "...", "["))
    changed = _reworded(matcher, wa, wb, elided, cut_a, cut_b)
    if changed is None:
        return None  # words only left out or added around or inside: an excerpt or an elision, not a misquote
    matched = sum(block.size for block in matcher.get_matching_blocks())
    similarity = max(matcher.ratio(), 0.85 * matched / min(len(wa), len(wb)))
    needed = 0.6 if not (ka and kb) else 0.5
    if similarity < needed:
        return None
    confidence = min(QUOTE_MAX_CONFIDENCE, 0.45 + 0.5 * similarity)
    if not ka or not kb:
        confidence *= 0.8 if not ka and not kb else 0.9
    light = all(word in _SMALL_WORDS for word in changed)
    if light:
        confidence = min(confidence, QUOTE_SMALL_WORDS_CONFIDENCE)
    return confidence, light


def _reworded(matcher: difflib.SequenceMatcher, wa: list[str], wb: list[str], elided: bool = False,
              cut_a: tuple[bool, bool] = (False, False), cut_b: tuple[bool, bool] = (False, False)) -> set[str] | None:
    """The words changed when one rendering has different words than the other, not only fewer at its
    ends; None when it has not.

    ``elided``: a quote marks a cut ("…", "[...]"), so words missing mid-quote are not a rewording.
    Changes at a quote's edge (a cut fragment, an excerpt's seam: ``quote_edges``) are not either.
    """
    anchors = anchor_runs(matcher.get_matching_blocks())
    reworded = False
    moved_old: Counter[str] = Counter()
    moved_new: Counter[str] = Counter()
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal" or "".join(wa[i1:i2]) == "".join(wb[j1:j2]):
            continue
        if anchors is not None and edge_effect(tag, i1, i2, j1, j2, anchors, cut_a, cut_b):
            continue
        if tag == "delete" and _redundant(wa, i1, i2) or tag == "insert" and _redundant(wb, j1, j2):
            continue  # "we will not, we will not stand" / "we will not stand": the speaker's repeat left out
        old = [w for w in wa[i1:i2] if w not in _FUNCTION_WORDS and w not in _EMPHASIS_WORDS]
        new = [w for w in wb[j1:j2] if w not in _FUNCTION_WORDS and w not in _EMPHASIS_WORDS]
        if not old and not new or _censored(old, new) or _variant(old, new):
            continue
        moved_old.update(old)
        moved_new.update(new)
        inside = 0 < i1 and i2 < len(wa) and 0 < j1 and j2 < len(wb)
        # A replacement, or a word added or dropped mid-quote with no "…": a different wording, not an excerpt.
        reworded = reworded or tag == "replace" or inside and not elided
    # The same words in another order ("should have never been" / "should never have been") say the same.
    return set(moved_old) | set(moved_new) if reworded and moved_old != moved_new else None


EXCERPT_WINDOW_RATIO = 2  # a quote this many times longer than the other is compared stretch by stretch
_WINDOW_SLACK = 2  # words a rendering may add inside the stretch it shares


def _excerpt_window(long: list[str], short: list[str], cut: tuple[bool, bool]) -> tuple[list[str], tuple[bool, bool]]:
    """The stretch of ``long`` that ``short`` renders ("... and we'll win at the Supreme Court --" for "And we'll
    win in the Supreme Court"), and its cut flags: aligning a short excerpt with the start of a long remark
    pairs words of two different clauses."""
    start, end = _window(long, short)
    # A few words of context either side, so that an excerpt's seam still reads as one (``quote_edges``).
    start, end = max(0, start - _WINDOW_SLACK), min(len(long), end + _WINDOW_SLACK)
    return long[start:end], (cut[0] or start > 0, cut[1] or end < len(long))


def _window(long: Sequence[str], short: Sequence[str]) -> tuple[int, int]:
    """Start and end of the stretch of ``long`` (a little longer than ``short``) sharing most words with it."""
    size = min(len(long), len(short) + _WINDOW_SLACK)
    best: list = []
    best_start = 0
    for start in range(len(long) - size + 1):
        matcher = difflib.SequenceMatcher(a=long[start:start + size], b=short, autojunk=False)
        blocks = [block for block in matcher.get_matching_blocks() if block.size]
        if sum(block.size for block in blocks) > sum(block.size for block in best):
            best, best_start = blocks, start
    if not best:
        return 0, len(long)
    first, last = best[0], best[-1]  # trimmed to the words the short one spans
    lo = best_start + max(0, first.a - first.b)
    hi = min(len(long), best_start + last.a + last.size + len(short) - last.b - last.size)
    return lo, hi


def _redundant(words: list[str], start: int, end: int) -> bool:
    """``words[start:end]`` repeats the words just before or just after it: leaving it out says the same."""
    run = words[start:end]
    return run == words[max(0, start - len(run)):start] or run == words[end:end + len(run)]


def _same_or_excerpt(wa: list[str], wb: list[str]) -> bool:
    return not wa or not wb or wa == wb or _contains(wa, wb) or _contains(wb, wa) or "".join(wa) == "".join(wb)


def _undistributed(words: list[str]) -> list[str]:
    """A word said again after "and"/"or" left out ("all speed and all urgency" -> "all speed and urgency"):
    it distributes over both either way. A negation is kept ("not raise taxes and not cut" says more)."""
    return [w for i, w in enumerate(words)
            if not (i >= 3 and words[i - 1] in ("and", "or") and w not in _NEGATIONS and w in words[i - 4:i - 2])]


_NEGATIONS = frozenset({"not", "no", "never", "nor", "neither", "nothing", "none"})


# Words whose swap does not change what was said ("the president" / "president", "&" / "and",
# "said that the" / "said the").
_FUNCTION_WORDS = set("a an the and amp that".split())
# Interjections and intensifiers an outlet drops or a speaker adds on repeating a line ("Oh, ...", "never, ever",
# "I feel very badly" / "I feel badly"): with nothing else changed, the remark says the same. A replacement by a
# word of content ("really" -> "people") is still a change.
_EMPHASIS_WORDS = set("oh ah well um uh very ever really truly totally absolutely".split())
# Words whose change leaves a remark's content as it was, though the wording differs ("in a couple weeks" /
# "in a couple of weeks", "is people" / "are people", "It's" / "It was"): still a misquote, so still
# reported, but ranked below changes of content. Not here: negations, modals, quantifiers ("all" / "some"),
# pronouns ("they destroyed his life" / "it destroyed his life" names another agent).
_SMALL_WORDS = set("""this these those of in on at to for from with by about into onto upon as there is are was
were be been being am has have had do does did so""".split())
# Renderings an outlet's style or translation changes without changing the remark: "threats to Israel" /
# "threats towards Israel", "details will be set out" / "would be set out" (reported speech).
_TRIVIAL_SWAPS = {"towards": "to", "toward": "to", "would": "will", "shall": "will"}


# "(Libyan strongman Muammar)", "[the department]": words an outlet added inside a quote, not the speaker's.
_DOTTED_ACRONYM = re.compile(r"(?<=\b[A-Za-z])\.(?=[A-Za-z]\.)|(?<=\b[A-Z])\.(?=[A-Z]\b)")
_EDITORIAL = re.compile(r"\([^)]*\)|\[[^\]]*\]|^[^\[\]]*\]|\[[^\]]*$")  # also a bracket the splitter cut
_PARTICLES = {"al", "el"}  # "al-Qaddafi" / "Gadhafi"


def _variant(old: list[str], new: list[str]) -> bool:
    """"Gen." / "General", "Qaddafi" / "Gadhafi", "environmentalist" / "environmentalists": the same word."""
    old, new = [w for w in old if w not in _PARTICLES], [w for w in new if w not in _PARTICLES]
    if len(old) != 1 or len(new) != 1:
        return False
    a, b = old[0], new[0]
    if min(len(a), len(b)) >= 3 and (a.startswith(b) or b.startswith(a)) and not (a.endswith("ing") ^ b.endswith("ing")):
        return True
    return min(len(a), len(b)) >= 5 and difflib.SequenceMatcher(a=a, b=b).ratio() >= QUOTE_SPELLING_SIMILARITY


def _censored(old: list[str], new: list[str]) -> bool:
    """"f***ing" / "fucking": an outlet's asterisks (dropped by the tokenizer as a split word) are not a misquote."""
    return (bool(old) and bool(new) and len(old) <= 2 and len(new) <= 2 and old[0][:1] == new[0][:1]
            and (len(old) == 2 or len(new) == 2))


def quote_words(text: str) -> list[str]:
    """Lower-cased words with contractions expanded and numbers in figures: "can't" and "cannot", "a 1 in 3
    chance" and "a one-in-three chance", "this eleventh-hour regulation" and "this 11th hour regulation", "OK" and
    "okay", "per cent" and "percent" (house style decides how a number or such a word is printed) are the same
    quote."""
    text = _DOTTED_ACRONYM.sub("", text)  # "F.B.I." / "FBI"
    for pattern, replacement in _CONTRACTIONS:
        text = pattern.sub(replacement, text)
    text = text.replace("&", " and ").replace("%", " percent ")
    text = re.sub(r"\bper cent\b", "percent", text, flags=re.I)
    return _in_figures([_SPELLINGS.get(w, w) for w in re.findall(r"[a-z0-9]+", text.lower().replace("’", "'"))])


_UNITS = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen " \
         "seventeen eighteen nineteen".split()
_NUMBER_WORDS = {word: n for n, word in enumerate(_UNITS)} | {
    word: 10 * n for n, word in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(), start=2)}
_ORDINALS = {word: n for n, word in enumerate(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth "
    "fifteenth sixteenth seventeenth eighteenth nineteenth".split(), start=1)} | {
    word: 10 * n for n, word in enumerate(
        "twentieth thirtieth fortieth fiftieth sixtieth seventieth eightieth ninetieth".split(), start=2)}
# One word spelt two ways by two house styles: "OK" / "okay" ("O.K." loses its stops first).
_SPELLINGS = {"ok": "okay"}


def _in_figures(words: list[str]) -> list[str]:
    """Number words as figures: "twenty five" -> "25", "third" -> "3rd", "twenty-first" -> "21st"."""
    out: list[str] = []
    tens = False  # the last word was "twenty" ... "ninety"
    for word in words:
        n, nth = _NUMBER_WORDS.get(word), _ORDINALS.get(word)
        units = n if n is not None else nth
        if tens and units is not None and 0 < units < 10:
            total = int(out[-1]) + units  # "twenty" "five" -> "25", "twenty" "first" -> "21st"
            out[-1], tens = str(total) if n is not None else _figure(total), False
            continue
        tens = n is not None and n >= 20
        out.append(str(n) if n is not None else _figure(nth) if nth else word)
    return out


def _figure(nth: int) -> str:
    """An ordinal in figures: 1 -> "1st", 12 -> "12th", 21 -> "21st"."""
    suffix = "th" if 10 <= nth % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(nth % 10, "th")
    return f"{nth}{suffix}"


def _norm(word: str) -> str:
    return re.sub(r"[^\w]", "", word.lower())


def aligned(a: str, b: str) -> tuple[str, str]:
    """When one quotation is an excerpt of a longer one, the longer cut to the stretch the excerpt covers."""
    wa, wb = a.split(), b.split()
    if min(len(wa), len(wb)) >= 0.6 * max(len(wa), len(wb)):
        return a, b
    flip = len(wa) < len(wb)
    long, short = (wb, wa) if flip else (wa, wb)
    lo, hi = _window([_norm(w) for w in long], [_norm(w) for w in short])
    cut = ("…" if lo else "") + " ".join(long[lo:hi]) + ("…" if hi < len(long) else "")
    return (b, cut) if flip else (cut, b)


def word_changes(a: str, b: str, limit: int = 4) -> str:
    """'"will not" → "shall never"; +"ever"' from a word-level difflib diff."""
    a, b = aligned(a, b)
    wa, wb = a.replace("…", " ").split(), b.replace("…", " ").split()
    matcher = difflib.SequenceMatcher(a=[_norm(w) for w in wa], b=[_norm(w) for w in wb], autojunk=False)
    changes = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        old, new = " ".join(wa[i1:i2]), " ".join(wb[j1:j2])
        if tag == "replace":
            changes.append(f'"{old}" → "{new}"')
        elif tag == "delete":
            changes.append(f'−"{old}"')
        elif tag == "insert":
            changes.append(f'+"{new}"')
    more = f" (+{len(changes) - limit} more)" if len(changes) > limit else ""
    return "; ".join(changes[:limit]) + more if changes else "punctuation only"


def _contains(long: list[str], short: list[str]) -> bool:
    n = len(short)
    return n < len(long) and any(long[i:i + n] == short for i in range(len(long) - n + 1))


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
