"""Event status from the clause around a trigger: occurred, ongoing, planned,
hypothetical, negated or claimed, with the cue words that decided it.

Order of precedence: negated > hypothetical > planned > claimed > ongoing > occurred.
"Russia said it hit ..." is claimed (the doer reports its own act); "Zelenskyy said
Russia fired ..." stays occurred (a third party reports it, and the quote layer keeps
the attribution).
"""

from __future__ import annotations

from spacy.tokens import Token

from parley.extract.events.syntax import is_verbal, subject_of
from parley.extract.events.triggers import Candidate
from parley.records import ArgRule, CueKind, StatusCue

FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
HYPOTHETICAL_AUX = frozenset({"would", "could", "might", "may", "should", "'d"})
PLANNING_VERBS = frozenset({
    "plan", "prepare", "intend", "schedule", "expect", "aim", "set", "due", "poise", "seek",
    "hope", "want", "agree", "promise", "pledge", "vow", "offer", "propose", "mean",
})
PLANNING_ADJS = frozenset({"willing", "ready", "prepared", "set", "due", "poised", "scheduled",
                           "expected", "likely", "determined", "eager", "keen"})
PLANNED_NOUN_ADJS = frozenset({"planned", "upcoming", "scheduled", "forthcoming", "proposed", "future",
                               "expected", "next"})
HYPOTHETICAL_NOUN_ADJS = frozenset({"potential", "possible", "hypothetical", "eventual", "prospective",
                                    "would-be", "any"})
ONGOING_VERBS = frozenset({"continue", "keep", "remain", "resume", "enter", "persist", "extend"})
ONGOING_ADJS = frozenset({"ongoing", "continuing", "long-standing", "longstanding", "protracted",
                          "current", "continued", "persistent", "sustained"})
NEGATING_VERBS = frozenset({"fail", "refuse", "decline", "deny", "avoid", "cancel", "reject"})
CLAIM_ADVS = frozenset({"reportedly", "allegedly", "purportedly", "supposedly", "apparently"})
CLAIM_VERBS = frozenset({"claim", "allege"})
REPORT_VERBS = frozenset({"say", "state", "announce", "tell", "report", "confirm", "add", "insist", "quote",
                          "assert", "declare", "boast", "acknowledge", "admit", "write", "post"})
CONDITION_MARKS = frozenset({"if", "unless", "whether", "provided", "lest"})
CONDITION_KINDS = {"if": CueKind.CONDITIONAL_IF, "unless": CueKind.CONDITIONAL_UNLESS}
# event types whose complement is not (yet) a fact
CONTENT_STATUS = {"REQUEST": "hypothetical", "THREATEN": "hypothetical", "AGREE": "planned",
                  "REJECT": "negated", "ACCUSE": "claimed"}
COMPLEMENT_DEPS = frozenset({"xcomp", "ccomp", "acl", "dobj", "pobj", "prep", "pcomp", "relcl", "advcl"})
# prepositions that bring in background facts, not the content of a speech act
BACKGROUND_PREPS = frozenset({"despite", "after", "before", "since", "amid", "following", "during",
                              "until", "as", "because", "over", "in", "on", "at"})


def _chain(anchor: Token, limit: int = 5) -> list[tuple[Token, str]]:
    """The anchor and the heads it is a complement of, with the dependency walked."""
    out = [(anchor, "self")]
    node = anchor
    for _ in range(limit):
        dep = node.dep_
        if node.head is node or dep not in ("xcomp", "ccomp", "acomp", "conj", "pcomp", "pobj", "prep",
                                              "dobj", "advcl", "acl", "nsubjpass", "auxpass", "attr"):
            break
        node = node.head
        out.append((node, dep))
    return out


def _has_aux(verb: Token, words: frozenset[str]) -> str | None:
    for c in verb.children:
        if c.dep_ in ("aux", "auxpass") and c.lower_ in words:
            return c.lower_
    return None


def decide_status(c: Candidate, source_keys: set[str], actor_keys_of) -> None:
    """Set ``c.status``, ``c.status_cues`` (each a ``StatusCue`` of a ``CueKind``, the
    deciding status's cues first) and, for a claim, ``c.claim_subject`` (who claims it).
    ``actor_keys_of(token)`` gives the actor ids and countries a subject stands for (to
    tell self-reports from third-party ones)."""
    cues: dict[str, list[StatusCue]] = {}
    claimers: list[Token] = []

    def cue(status: str, kind: CueKind, word: str = "", head: str | None = None) -> None:
        cues.setdefault(status, []).append(StatusCue(status=status, kind=kind, word=word, head=head))

    chain = _chain(c.anchor)
    if c.head is not c.anchor and c.kind != "reversal":  # "cancelled a planned visit" happened
        chain = _chain(c.head, 1)[:1] + chain
    # "said it would allow": reported speech turns "will" into "would"
    reported = any(dep == "ccomp" and tok.lemma_.lower() in REPORT_VERBS | {"promise", "warn", "pledge", "vow"}
                   for tok, dep in chain[1:])
    for i, (tok, dep) in enumerate(chain):
        near = i <= 1 or dep in ("xcomp", "acomp", "conj")
        if is_verbal(tok) or tok.pos_ == "ADJ":
            for ch in tok.children:
                if ch.dep_ == "neg" and (near or i == 0):
                    cue("negated", CueKind.NEGATION, ch.text, tok.text)
                if ch.dep_ == "mark" and ch.lower_ in CONDITION_MARKS:
                    cue("hypothetical", CONDITION_KINDS.get(ch.lower_, CueKind.CONDITIONAL), ch.text)
                if ch.dep_ == "advcl" and near:  # "will withdraw ... unless X arranged ..."
                    for m in ch.children:
                        if m.dep_ == "mark" and m.lower_ in CONDITION_MARKS:
                            cue("hypothetical", CONDITION_KINDS.get(m.lower_, CueKind.CONDITIONAL), m.text)
                if ch.dep_ == "advmod" and ch.lower_ in CLAIM_ADVS:
                    cue("claimed", CueKind.CLAIM_ADVERB, ch.text)
                if ch.dep_ == "advmod" and ch.lower_ == "still":
                    cue("ongoing", CueKind.STILL, "still")
            aux = _has_aux(tok, FUTURE_AUX)
            if aux and near:
                cue("planned", CueKind.FUTURE, aux, tok.text)
            aux = _has_aux(tok, HYPOTHETICAL_AUX)
            if aux and near:
                if aux == "would" and reported and tok.lemma_.lower() not in ("like", "love", "prefer", "want"):
                    cue("planned", CueKind.REPORTED_WOULD, aux, tok.text)
                elif i == 0 and c.found_by(ArgRule.INSTRUMENT_OWNER):
                    # "a proposal that would require X": the modal is the plan's content,
                    # the plan itself is on the table
                    cue("ongoing", CueKind.STANDING_PLAN, c.anchor.text)
                else:
                    cue("hypothetical", CueKind.MODAL, aux, tok.text)
            lemma = tok.lemma_.lower()
            if i > 0 and dep in ("xcomp", "acomp"):
                if lemma in PLANNING_VERBS or lemma in PLANNING_ADJS:
                    cue("planned", CueKind.PLANNING, tok.text)
                if lemma in ONGOING_VERBS:
                    cue("ongoing", CueKind.ONGOING_VERB, tok.text)
                if lemma in NEGATING_VERBS:
                    cue("negated", CueKind.NEGATING_VERB, tok.text)
                if lemma in CLAIM_VERBS:
                    cue("claimed", CueKind.CLAIM_VERB, tok.text)
                    claimers.append(tok)
            if tok is c.anchor and c.kind == "light" and lemma in ONGOING_VERBS:
                cue("ongoing", CueKind.ONGOING_LIGHT_VERB, tok.text)
            if i > 0 and dep == "ccomp" and lemma in CLAIM_VERBS:
                cue("claimed", CueKind.CLAIM_THAT, tok.text)
                claimers.append(tok)
            if i > 0 and dep == "ccomp" and lemma in REPORT_VERBS:
                subj = next((ch for ch in tok.children if ch.dep_ == "nsubj"), None)
                if subj is not None and actor_keys_of(subj) & source_keys:
                    cue("claimed", CueKind.SELF_REPORT, tok.text, subj.text)
                    claimers.append(tok)
            if tok.lemma_ == "be" and any(ch.dep_ == "xcomp" and ch.i > tok.i for ch in tok.children) and i > 0 \
                    and dep == "xcomp":
                cue("planned", CueKind.BE_TO, tok.text)
            if i == 0 and tok.tag_ == "VBG" and _has_aux(tok, frozenset({"is", "are", "am", "'re", "'s"})):
                cue("ongoing", CueKind.PROGRESSIVE, tok.text)
            if i > 0 and dep == "advcl" and tok.tag_ == "VB" and any(ch.dep_ == "aux" and ch.lower_ == "to"
                                                                      for ch in chain[i - 1][0].children):
                cue("hypothetical", CueKind.PURPOSE)
        if tok.pos_ in ("NOUN", "PROPN"):
            left_text = " ".join(t.lower_ for t in tok.lefts for t in t.subtree).replace(" - ", "-")
            for word in left_text.split():
                if word in ONGOING_ADJS:
                    cue("ongoing", CueKind.ONGOING_MODIFIER, word)
            for ch in tok.children:
                low = ch.lower_
                if ch.dep_ == "det" and low == "no" and i == 0:
                    cue("negated", CueKind.NEGATION, "no")
                if ch.dep_ in ("amod", "compound"):
                    if low in PLANNED_NOUN_ADJS:
                        cue("planned", CueKind.PLANNED_MODIFIER, ch.text)
                    if low in HYPOTHETICAL_NOUN_ADJS:
                        cue("hypothetical", CueKind.HYPOTHETICAL_MODIFIER, ch.text)
                    if low in ONGOING_ADJS:
                        cue("ongoing", CueKind.ONGOING_MODIFIER, ch.text)
    # "entered a third day of negotiations", "their third round of talks"
    if c.kind == "light" and c.anchor.lemma_.lower() == "enter":
        cue("ongoing", CueKind.ENTERED_DAY, "entered")
    if c.embedded_in is not None:
        status = CONTENT_STATUS.get(c.embedded_in.type)
        if status:
            cue(status, CueKind.CONTENT_OF, c.embedded_in.head.text, c.embedded_in.type)
    for status in ("negated", "hypothetical", "planned", "claimed", "ongoing"):
        if status in cues:
            c.status = status
            c.status_cues = cues[status] + [w for s, ws in cues.items() if s != status for w in ws]
            c.claim_subject = _claimant(claimers) if status == "claimed" else None
            return
    c.status = "occurred"
    c.status_cues = []
    c.claim_subject = None


def _claimant(claim_verbs: list[Token]) -> Token | None:
    """The subject of the first claim verb that has one ("the Taliban said they ...",
    "Russia claimed to have ...")."""
    for verb in claim_verbs:
        subj, _ = subject_of(verb)
        if subj is not None:
            return subj
    return None


def mark_embedding(cands: list[Candidate]) -> None:
    """A candidate inside the complement of another (the thing demanded, promised,
    threatened, rejected or alleged) is embedded in it."""
    by_token: dict[int, Candidate] = {}
    for c in cands:
        by_token.setdefault(c.anchor.i, c)
        by_token.setdefault(c.head.i, c)
    for c in cands:
        node = c.anchor
        for _ in range(6):
            if node.head is node or node.dep_ not in COMPLEMENT_DEPS:
                break
            node = node.head
            if node.dep_ == "prep" and node.lower_ in BACKGROUND_PREPS:
                break
            outer = by_token.get(node.i)
            if outer is not None and outer is not c and outer.type in CONTENT_STATUS:
                c.embedded_in = outer
                break
