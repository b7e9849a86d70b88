"""Where a figure is a figure *of*: the place scope the parse attaches to the measured noun.

"The IMF kept its global growth projection at 4.9%" and "... slashed its growth forecast for the
United States ... to 6%" share a unit, an event and most words, yet measure two things: the world's
growth and one country's. The words that tell them apart are places (GPE, LOC and country NORP
entities: "the United States", "U.S.", "American") and scope adjectives ("global", "nationwide",
"local") that modify the measured noun or hang off it ("forecast for the United States", "U.S.
adults", "deaths in Italy"). The measured noun is the value's own noun ("500,000 Americans", "2,000
deaths"), or, for a value in a verb's prepositional phrase ("slashed its forecast to 6%", "product
will grow by 5.9%"), that verb's object or subject. Places elsewhere in the sentence (where the
speaker spoke, "died in the fire in Paris") are not read, nor the place of a happening the figure
measures ("a 4.6 magnitude California earthquake"): they say where something happened, not which
population or territory the figure is of.

Scopes are compared loosely (``scopes_apart``): names with names, nested ones overlapping ("Gaza" /
"Gaza City") and "U.S." = "United States" = "American"; level words with level words ("national" /
"local"); the world alone is apart from any named place, but another level word and a name are not
(which level a name is, nothing here knows). A figure with no stated scope compares with anything.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from factcheck.records import Entity

from .complements import COUNTED_NOUN_CHAIN, counted_noun

PLACE_LABELS = ("GPE", "LOC", "NORP")
WORLD = "@world"
INTERNATIONAL = "@international"
# Scope adjectives -> the level of the territory they name. Two different levels are two measures
# ("global" growth / "national" growth, "international" / "domestic" flights). "International" more often
# names a kind ("international telephone services in Egypt") than the world: it is apart only from the
# other levels, not from a named place, nor from the world.
SCOPE_LEVELS = {
    "global": WORLD, "globally": WORLD, "world": WORLD, "worldwide": WORLD, "international": INTERNATIONAL,
    "national": "@national", "nationwide": "@national", "domestic": "@national", "countrywide": "@national",
    "statewide": "@state", "local": "@local",
}
# One name for each of the commonest countries' spellings and demonyms (an unlisted NORP, "Republicans",
# "Muslims", is no place and is not read).
_ALIASES = {
    "us": "united states", "usa": "united states", "america": "united states", "united states of america":
    "united states", "american": "united states", "uk": "united kingdom", "britain": "united kingdom",
    "great britain": "united kingdom", "british": "united kingdom", "briton": "united kingdom",
    "chinese": "china", "russian": "russia", "ukrainian": "ukraine", "french": "france", "german": "germany",
    "italian": "italy", "spanish": "spain", "japanese": "japan", "indian": "india", "canadian": "canada",
    "mexican": "mexico", "israeli": "israel", "palestinian": "palestine", "iranian": "iran", "iraqi": "iraq",
    "syrian": "syria", "afghan": "afghanistan", "pakistani": "pakistan", "korean": "korea", "brazilian": "brazil",
    "australian": "australia", "turkish": "turkey", "saudi": "saudi arabia", "egyptian": "egypt",
    "european": "europe", "african": "africa", "asian": "asia", "venezuelan": "venezuela", "cuban": "cuba",
    "greek": "greece", "polish": "poland", "dutch": "netherlands", "swedish": "sweden", "irish": "ireland",
    "scottish": "scotland", "nigerian": "nigeria", "taiwanese": "taiwan", "lebanese": "lebanon",
    "yemeni": "yemen", "haitian": "haiti", "colombian": "colombia", "argentine": "argentina",
}
# Gross domestic (national) product is a measure's name, not a scope.
_FIXED_TERMS = {("domestic", "product"), ("national", "product")}
_MODIFIER_DEPS = ("amod", "compound", "nmod", "poss")
_SCOPE_PREPOSITIONS = ("for", "in", "of", "across", "throughout", "among", "within")
# Happenings: a place on one says where it happened ("a 4.6 magnitude California earthquake", "the 1,000-acre
# fire in Plumas County"), and outlets name that place at any grain (the county, the state): it is no population
# or territory the figure is of.
_HAPPENINGS = set("earthquake earthquakes quake quakes tremor aftershock fire fires blaze wildfire wildfires storm "
                  "hurricane typhoon cyclone tornado flood floods eruption explosion blast crash attack attacks "
                  "bombing shooting".split())
# complements.py's chain, and "nmod": "the two-week French lockdown"
_NOUN_CHAIN = (*COUNTED_NOUN_CHAIN, "nmod")
# The units of a rate ("grew 6%", "rose 5 points"): the figure measures the verb's subject.
_RATE_WORDS = ("%", "percent", "cent", "point", "points")


def scope(doc: Any, start: int, end: int, entities: Sequence[Entity] = (),
          through_verb: bool = True) -> tuple[str, ...]:
    """The places and scope levels of the figure at ``start:end``, normalised; () without a parse or scope.

    ``through_verb=False`` (durations): only the value's own noun ("a two-week lockdown in France"); the
    verb's subject of "In the past two weeks, cases in the U.S. rose" is not what the weeks measure.
    """
    if doc is None:
        return ()
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return ()
    places = [e for e in entities if e.label in PLACE_LABELS]
    others = [e for e in entities if e.label not in PLACE_LABELS]
    found: set[str] = set()
    for holder in measured_nouns(span.root, through_verb):
        if holder.lower_ in _HAPPENINGS:
            continue
        for token in _scope_tokens(holder):
            key = _token_scope(token, places, others)
            if key:
                found.add(key)
    return tuple(sorted(found))


def measured_nouns(token: Any, through_verb: bool = True) -> list[Any]:
    """The noun a value measures: its own ("2,000 deaths", "the 6% growth forecast"), and for a value in a
    verb's prepositional phrase ("cut its forecast to 6%", "product will grow by 5.9%") or a rate the verb
    takes ("the economy grew 6%"), the verb's object or subject; for one in a noun's phrase ("growth of 5.9%")
    that noun."""
    noun = counted_noun(token, _NOUN_CHAIN)
    holders = [noun]
    verb = None
    if noun.dep_ == "pobj" and noun.head.dep_ == "prep":
        head = noun.head.head
        if head.pos_ in ("NOUN", "PROPN"):
            holders.append(head)
        elif head.pos_ in ("VERB", "AUX"):
            verb = head
    elif noun.dep_ == "attr" and noun.head.pos_ in ("VERB", "AUX"):
        verb = noun.head  # "unemployment in Texas was 5%"
    elif noun.dep_ in ("dobj", "npadvmod") and noun.lower_ in _RATE_WORDS and noun.head.pos_ in ("VERB", "AUX"):
        verb = noun.head  # "the U.S. economy grew 6%"
    if verb is not None and through_verb:
        measured = _child(verb, ("dobj",)) or _child(verb, ("nsubj", "nsubjpass"))
        if measured is not None and measured is not noun and measured.pos_ in ("NOUN", "PROPN"):
            holders.append(measured)
    return holders


def _child(token: Any, deps: Iterable[str]) -> Any:
    return next((c for c in token.children if c.dep_ in deps), None)


def _scope_tokens(holder: Any, part_of: bool = True) -> list[Any]:
    """The holder, its modifiers ("global", "U.S.", "Italy's") and the heads of its for/in/of phrases with
    their modifiers and conjuncts ("for the United States", "in Italy and Spain", "of U.S. adults"); for a
    share of something, that something's own phrases too ("8.5% of gas stations in North Carolina")."""
    out = [holder] + [c for c in holder.children if c.dep_ in _MODIFIER_DEPS]
    for prep in holder.children:
        if prep.dep_ == "prep" and prep.lower_ in _SCOPE_PREPOSITIONS:
            for obj in prep.children:
                if obj.dep_ == "pobj":
                    heads = [obj] + [c for c in obj.children if c.dep_ == "conj"]
                    out += heads + [c for h in heads for c in h.children if c.dep_ in _MODIFIER_DEPS]
                    if part_of and prep.lower_ == "of":
                        out += [t for h in heads for t in _scope_tokens(h, part_of=False)]
    return out


def _token_scope(token: Any, places: Sequence[Entity], others: Sequence[Entity]) -> str | None:
    """A place's normalised name, a scope level ("@world"), or None."""
    inside = lambda spans: next((e for e in spans if e.start <= token.idx < e.end), None)  # noqa: E731
    place = inside(places)
    if place is not None:
        return place_key(place.text, place.label)
    if inside(others) is not None:
        return None  # "World Bank", "World Economic Outlook", "International Monetary Fund": a name, no scope
    word = token.lower_
    if word in SCOPE_LEVELS:
        if (word, token.head.lower_) in _FIXED_TERMS or (word, token.head.lemma_.lower()) in _FIXED_TERMS:
            return None
        return SCOPE_LEVELS[word]
    return place_key(token.text, "")


def place_key(text: str, label: str) -> str | None:
    """"the United States" / "U.S." / "Americans" -> "united states"; an unlisted nationality or group -> None
    when ``label`` is NORP or empty (NER found no place: only the table's names count)."""
    name = " ".join(re.sub(r"['’]s$|\.", "", text.lower().strip()).removeprefix("the ").split())
    singular = name[:-1] if name.endswith("s") and name[:-1] in _ALIASES else name
    if singular in _ALIASES:
        return _ALIASES[singular]
    if name in SCOPE_LEVELS:
        return SCOPE_LEVELS[name]
    if label in ("GPE", "LOC") and name:
        return name
    return None


def places_overlap(a: str, b: str) -> bool:
    """One place, or nested names ("gaza" / "gaza city")."""
    wa, wb = set(a.split()), set(b.split())
    return wa <= wb or wb <= wa


def levels_overlap(a: str, b: str) -> bool:
    """One level; "international" is also the world's."""
    return a == b or {a, b} == {WORLD, INTERNATIONAL}


def scopes_apart(a: Sequence[str], b: Sequence[str]) -> bool:
    """Two measures: both figures name places and none of one overlaps one of the other ("in Egypt" /
    "in India", whatever level words stand beside them), or both name levels and none overlaps ("national"
    / "local"), or one is the world's alone and the other a named place's ("global growth" / "growth for the
    United States"). A level word and a name alone ("national" / "the United States") do not: which level a
    name is, nothing here knows."""
    names_a, names_b = [x for x in a if not x.startswith("@")], [x for x in b if not x.startswith("@")]
    levels_a, levels_b = [x for x in a if x.startswith("@")], [x for x in b if x.startswith("@")]
    if names_a and names_b:
        return not any(places_overlap(x, y) for x in names_a for y in names_b)
    if levels_a and levels_b:
        return not any(levels_overlap(x, y) for x in levels_a for y in levels_b)
    return (WORLD in levels_a and not names_a and bool(names_b)) or (WORLD in levels_b and not names_b and bool(names_a))
