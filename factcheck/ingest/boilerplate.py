"""Page clutter out of an article's text: lines a reader never reads as part of the story.

A page saved or pasted from a news site carries interface text between its paragraphs:
"Loading", "Advertisement", "Share this article", a newsletter sign-up prompt, a cookie
notice. Left in, such lines become "sentences": they dilute the article's vector (the story
stage then misses that two pages tell one story) and take part in pairing. Only whole lines
go, and only lines that are interface text by their form, never by their topic:

* a line that is nothing but an interface label (``UI_LABELS``: "Loading...", "Share",
  "Advertisement", "Read more"), case and trailing dots aside;
* a call to action addressed to the reader: subscribe / sign up / newsletter wording in a line
  that says "you" or opens a sentence with the imperative ("Sign up for the weekly ...
  newsletter here."), a cookie notice,
  "click here", "download our app", "follow us on", a copyright line.

Lines repeated across many articles of a corpus are **not** removed on that ground alone: in
the project's corpora the lines repeated most are results-table labels ("Year", "Nine mths")
in Reuters and wire sentences shared by several outlets ("He was 77.") in ECB+, which are
content (measured in the README, "Boilerplate").

>>> strip_boilerplate("Talks resumed.\\nLoading...\\nSign up for our free newsletter here.\\nBoth sides spoke.")
'Talks resumed.\\nBoth sides spoke.'
"""

from __future__ import annotations

import re

# Interface labels that stand alone on a line of a saved page; compared lower-cased, without
# surrounding punctuation. Kept to words no headline or table label is made of alone.
UI_LABELS = frozenset({
    "loading", "loading video", "advertisement", "advertisements", "sponsored", "sponsored content",
    "share", "share this", "share this article", "share this story", "share on facebook", "share on twitter",
    "share via email", "copy link", "link copied", "tweet", "print", "print this article", "email this article",
    "read more", "see more", "show more", "continue reading", "read full article", "read the full story",
    "skip to content", "skip to main content", "back to top", "toggle navigation", "open menu", "close menu",
    "related articles", "related stories", "related content", "recommended", "more stories", "most read",
    "most popular", "subscribe", "subscribe now", "sign in", "sign up", "log in", "register", "play video",
    "watch video", "listen to this article", "audio", "enlarge this image", "image", "comments", "view comments",
})
MAX_PROMPT_WORDS = 45  # a call to action is one short line; a long paragraph that mentions a newsletter is prose

_EDGE_PUNCTUATION = re.compile(r"^[\W_]+|[\W_]+$")
_SPACES = re.compile(r"\s+")
# Subscribe / sign-up wording addressed to the reader: "you"/"your", or a sentence that opens with
# the imperative ("Sign up for ...", "Get our ... newsletter"). Third-person news about a newsletter
# or a share subscription ("the Oil World newsletter said") has neither.
_SUBSCRIBE = re.compile(r"\b(?:subscribe|subscription|sign[ -]up|newsletters?)\b", re.I)
_TO_THE_READER = re.compile(r"\b(?:you|your)\b|(?:^|[.!?]\s+)(?:sign up|subscribe|get|join|receive|register"
                            r"|enter|don['’]t miss|never miss)\b", re.I)
# '"If you sign up, you lose," he said.': a quoted or reported remark is the story, not a prompt.
_REPORTED_SPEECH = re.compile(r"[\"“”]|\b(?:said|says|told)\b", re.I)
_PROMPTS = re.compile(
    r"\b(?:we use cookies|(?:this|our) (?:web)?site uses cookies|accept (?:all )?cookies|cookie (?:policy|settings)"
    r"|click here|tap here|download (?:our|the \w+) app|follow us on|all rights reserved)\b"
    r"|^(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:19|20)\d\d\b", re.I)


def is_boilerplate(line: str) -> bool:
    """True for a line that is interface text: a bare label or a prompt addressed to the reader."""
    label = _SPACES.sub(" ", _EDGE_PUNCTUATION.sub("", line.strip().lower()))
    if label in UI_LABELS:
        return True
    if len(line.split()) > MAX_PROMPT_WORDS:
        return False
    if _PROMPTS.search(line.strip()):
        return True
    return bool(_SUBSCRIBE.search(line) and _TO_THE_READER.search(line) and not _REPORTED_SPEECH.search(line))


def strip_boilerplate(text: str) -> str:
    """The text without its interface lines; every other line and its line breaks kept as they were."""
    lines = text.split("\n")
    kept = [line for line in lines if not (line.strip() and is_boilerplate(line))]
    return text if len(kept) == len(lines) else "\n".join(kept)
