"""A headline in title case, parsed again in sentence case.

"Hillary Clinton Speaks 'Directly To White People'", "Obama Sees 'Personal Insult' ...":
the tagger reads capitalised words as names, so the cue verb of a title-case headline is
lost. The headline is rewritten in sentence case (a word keeps its capital only when the
article's body writes it so: names, acronyms) and parsed alone by the statistical
components of the pipeline; the rewrite changes no character offsets (only case), so the
candidates read off it are mapped back onto the article's tokens by position.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

MAX_WORDS = 30
_WORD = re.compile(r"[A-Za-z][A-Za-z'\u2019.-]*")
# components that parse; ours (parley_*) read layers a lone headline has not got
_STATISTICAL = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")


def headline_end(text: str) -> int | None:
    """The end of the first line when it is a title-case headline: at most ``MAX_WORDS``
    words, and at least three of its longer words, and four in five of them, capitalised."""
    end = text.find("\n")
    if end <= 0:
        return None
    words = _WORD.findall(text[:end])
    if not 3 <= len(words) <= MAX_WORDS:
        return None
    long_words = [w for w in words if len(w) >= 4]
    capital = [w for w in long_words if w[0].isupper()]
    if len(capital) < 3 or len(capital) < 0.8 * len(long_words):
        return None
    return end


def sentence_case(text: str, end: int) -> str:
    """The headline ``text[:end]`` with the capital of each word but the first lowered,
    unless the body writes the word capitalised more often than not; same length."""
    body = text[end:]
    upper: dict[str, int] = {}
    lower: dict[str, int] = {}
    for w in _WORD.findall(body):
        key = _key(w)
        if w[0].isupper():
            upper[key] = upper.get(key, 0) + 1
        else:
            lower[key] = lower.get(key, 0) + 1
    out = []
    last = 0
    for k, m in enumerate(_WORD.finditer(text[:end])):
        w = m.group()
        key = _key(w)
        keep = k == 0 or w.isupper() and len(w) > 1 or sum(c.isupper() for c in w[1:]) > 0 \
            or upper.get(key, 0) > lower.get(key, 0)
        out.append(text[last:m.start()])
        out.append(w if keep else w[0].lower() + w[1:])
        last = m.end()
    out.append(text[last:end])
    return "".join(out)


def _key(word: str) -> str:
    """A word as compared between headline and body: lower case, no closing period."""
    return word.lower().rstrip(".'\u2019-")


def parse_headline(nlp: Language, doc: Doc) -> Doc | None:
    """The doc's title-case headline parsed in sentence case, or None when it has none."""
    text = doc.text
    end = headline_end(text)
    if end is None:
        return None
    head = nlp.make_doc(sentence_case(text, end))
    for name, proc in nlp.pipeline:
        if name in _STATISTICAL:
            head = proc(head)
    return head
