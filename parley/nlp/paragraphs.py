"""Paragraph breaks are sentence breaks.

The statistical parser sometimes runs one sentence across a blank line (a headline into
its first paragraph, one paragraph into the next), and every later layer reads facts
sentence by sentence. Running before the parser, this component marks the first token
after a line break as a sentence start; the parser keeps preset boundaries.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("parley_paragraphs_v1", assigns=["token.is_sent_start"])
def mark_paragraph_starts(doc: Doc) -> Doc:
    after_break = False
    for token in doc:
        if token.is_space:
            after_break = after_break or "\n" in token.text
        elif after_break:
            token.is_sent_start = True
            after_break = False
    return doc
