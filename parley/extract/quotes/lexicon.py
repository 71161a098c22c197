"""Cue words of reported speech and thought, grouped by the frame they take.

An attribution is a cue (a verb, noun or preposition) linking a source to content. The
frame says where the content is in the parse: a clause (``say that ...``), an object
(``cite the figures``, ``call X a liar``), an infinitive (``vow to ...``) or a
prepositional object (``call for ...``, ``accuse X of ...``). The lists follow the verb
classes of communication, cognition, judgement and intention (Levin 1993; the PARC
attribution scheme that PolNeAR adopts), not any one text.
"""

from __future__ import annotations

# Verbs of saying: report words, take a clause, a quote, or stand after a quote.
SPEECH_VERBS = frozenset("""
say tell add note argue claim state declare announce explain insist warn acknowledge admit
concede confirm deny report write tweet post reply respond answer ask comment remark stress
emphasise emphasize reiterate repeat assert contend maintain suggest predict promise pledge
vow threaten recall reveal disclose testify allege charge complain boast brag joke quip
caution urge reaffirm affirm indicate signal mention conclude propose recommend demand
instruct advise counter retort rebut dispute object protest lament inform notify assure
reassure shout yell scream whisper chant sing cry muse wonder speculate estimate forecast
project calculate read proclaim hint imply blog text email specify clarify elaborate continue
summarize summarise describe characterize characterise concur acknowledge underscore
underline highlight point explain recount relate recite preach plead beg pray thunder
grumble mutter murmur snap growl groan sigh exclaim gush rave rant vent marvel scoff sneer
tout trumpet advertise campaign pitch question challenge decry deplore
denounce condemn criticize criticise attack blast slam accuse blame praise applaud hail
welcome thank congratulate reassert restate add pronounce decree order rule
""".split())

# Verbs of thinking and knowing: PolNeAR counts beliefs and findings as attributions.
BELIEF_VERBS = frozenset("""
think believe feel know expect hope fear worry doubt suspect assume understand realize
realise recognize recognise consider figure guess reckon imagine suppose trust learn sense
notice observe perceive decide anticipate presume bet conclude judge deem find determine discover
show prove demonstrate indicate reveal suggest confirm establish estimate calculate project
acknowledge accept remember forget wish regret agree disagree concur
""".split())

# Verbs whose object is what was said, judged or wanted (``cited the figures``).
OBJECT_VERBS = frozenset("""
say call cite attack mention endorse urge criticize criticise describe discuss question support
encourage demand express back reference note reject report oppose defend suggest blast
propose highlight identify announce acknowledge condemn praise examine ignore view mock
promise publish address unveil detail chant stress admire compare reveal advocate blame
invoke echo paint document deny denounce declare indicate downplay tout despise bemoan
dismiss welcome debate challenge liken label dub brand term characterize characterise
applaud hail slam decry deplore accuse recommend predict warn recount quote tweet post
laud tout lament emphasize emphasise underscore reiterate repeat dispute contest refute
rebut concede admit confirm explain outline spell float floated raise answer ask request
celebrate champion favor favour prefer reaffirm affirm claim allege blame fault thank
congratulate recall cite rate rank grade
""".split())

# Verbs that attribute their object when a record is the subject ("the poll shows X").
EVIDENCE_VERBS = frozenset("show reveal indicate suggest find confirm document demonstrate illustrate put".split())

# Records whose findings are attributed to them (sources of "shows", "finds").
EVIDENCE_NOUNS = frozenset("""
poll polls survey surveys study studies data figure figures number numbers result results
record records document documents report reports analysis research investigation audit
video footage photo photos image images tape recording chart graph map evidence review
filing filings return returns transcript email emails memo census estimate estimates average
averages tally count model forecast projection index
""".split())

# Records whose findings are reported "in" them ("in the latest poll, X leads").
FINDING_NOUNS = frozenset("poll polls survey surveys study studies analysis report reports".split())

# Verbs directed at an addressee, who may be their object ("told reporters", "urged him").
# Not "accuse", "thank", "challenge", "address": the person accused or thanked is part of
# what is attributed ("accused [him of lying]"; PolNeAR train: 94%, 79%, 71%, 75% of their
# person objects inside the content, against 2% for "tell").
ADDRESSEE_VERBS = frozenset("""
ask tell urge encourage invite remind warn inform assure reassure persuade
convince implore beg advise instruct order notify brief press push
""".split())

# Addressees: an object that is whom a cue is directed at, not what was said.
AUDIENCE_NOUNS = frozenset("""
crowd audience reporter reporters journalist journalists supporter supporters voter voters
people americans viewers listeners readers colleague colleagues member members students
congress committee lawmakers senators delegates attendees followers fans interviewer
""".split())

# Verbs with an infinitive of intention or request (``vowed to ...``, ``urged X to ...``).
XCOMP_VERBS = frozenset("""
want plan vow refuse promise agree pledge seek propose decline ask urge encourage intend
threaten aim hope persuade convince implore tell warn call order demand expect wish
offer push press beg plead advise instruct invite challenge dare determine resolve
""".split())

# Verbs of appearance (Levin's "seem" class): "X seems to Y", "X appeared unperturbed",
# "it appears that ..." attribute an impression (PolNeAR marks them, mostly with no source;
# train: about half of all their uses).
SEEM_VERBS = frozenset("seem appear".split())

# Verbs that cue an "as"-aside besides those of saying and thinking ("as X put it").
AS_PUT_VERBS = frozenset("put".split())

# Verbs whose passive subject belongs to the content ("[X] is expected [to win]"):
# the belief or report is about the subject, not held by it.
RAISING_VERBS = frozenset("expect believe think say report rumor rumour consider know understand".split())

# Verbs whose passive is mostly not about speech ("was charged with murder", "was
# admitted to hospital", "a letter addressed to"): no agentless passive attribution.
PASSIVE_OTHER = frozenset("charge admit address".split())

# verb lemma -> prepositions that introduce its content (``call for``, ``talk about``)
PREP_FRAMES: dict[str, frozenset[str]] = {
    lemma: frozenset(preps.split())
    for lemma, preps in {
        "call": "for on", "talk": "about of", "speak": "about of", "ask": "about for",
        "comment": "on", "insist": "on", "argue": "for against", "warn": "of about against",
        "complain": "about of", "respond": "to with", "accuse": "of", "criticize": "for",
        "criticise": "for", "blame": "for on", "praise": "for", "attack": "for over on",
        "boast": "about of", "brag": "about", "joke": "about", "write": "about of",
        "tweet": "about", "testify": "about on", "agree": "on with to", "push": "for",
        "press": "for", "lobby": "for against", "campaign": "for against on", "vote": "for against",
        "rail": "against", "lash": "at", "speak_out": "against", "hint": "at", "allude": "to",
        "refer": "to", "point": "to", "worry": "about", "fear": "for", "care": "about",
        "marvel": "at", "weigh": "in on", "reflect": "on", "elaborate": "on",
        "express": "about", "raise": "about", "question": "about", "liken": "to",
        "compare": "to with", "chastise": "for", "deride": "as", "describe": "as",
        "characterize": "as", "portray": "as", "see": "as", "view": "as", "regard": "as",
        "think": "about of", "dream": "of", "hope": "for", "plead": "for", "beg": "for",
        "pray": "for", "apologize": "for", "apologise": "for", "thank": "for", "fault": "for",
        "slam": "for over", "blast": "for over", "bash": "for over", "knock": "for",
    }.items()
}

# Nouns that carry content in a "that"-clause or an infinitive (``the claim that ...``).
CONTENT_NOUNS = frozenset("""
claim statement assertion argument belief view promise warning message agreement decision
concern charge allegation report readout announcement suggestion prediction assurance
pledge vow threat insistence contention acknowledgment acknowledgement admission denial
accusation criticism determination recognition conclusion notion idea narrative case
emphasis plan proposal eagerness reluctance refusal hope fear expectation demand request
call insistence commitment position stance suspicion theory complaint observation
remark comment reminder explanation finding findings evidence estimate forecast projection
judgment judgement verdict ruling proof sign signs indication representation bet assumption
impression feeling sense perception awareness knowledge premise thesis hypothesis rumor
rumour speculation guarantee pronouncement prediction word news
""".split())

# Nouns of deciding and intending whose infinitive is the content ("her decision to run").
INTENT_NOUNS = frozenset("""
decision plan promise pledge vow threat determination eagerness reluctance refusal
intention intent call demand request offer proposal agreement
commitment desire wish willingness readiness hope ambition goal aim
""".split())

# Nouns of saying, judging or feeling -> prepositions introducing what they are about
# ("criticism of the plan", "questions about his health", "concerns over the deal").
NOUN_PREPS: dict[str, tuple[str, ...]] = {
    noun: tuple(preps.split())
    for nouns, preps in (
        ("criticism critique condemnation denunciation attack attacks", "of on against over"),
        ("question questions doubt doubts concern concerns worry worries fear fears "
         "speculation skepticism scepticism suspicion suspicions", "about over on of"),
        ("claim claims allegation allegations accusation accusations charge charges "
         "report reports account accounts", "of about that"),
        ("comment comments remark remarks statement statements testimony", "on about"),
        ("debate discussion argument arguments talk talks disagreement disagreements "
         "dispute", "about over on"),
        ("praise support opposition endorsement defense defence", "of for"),
        ("supporter supporters opponent opponents critic critics defender defenders "
         "advocate advocates proponent proponents champion", "of"),
        ("protest protests outrage anger frustration", "of over against about"),
        ("assessment assessments view views opinion opinions theory estimate estimates "
         "forecast forecasts prediction predictions", "of on about"),
        ("warning warnings", "about of against"),
        ("call calls demand demands plea pleas", "for"),
    )
    for noun in nouns.split()
}

# Written or spoken channels: a source like "a readout shared by X" or "X's strategy".
CHANNEL_NOUNS = frozenset("""
readout statement strategy report interview memo memorandum letter tweet post release
communique communiqué document transcript briefing speech remarks address resolution
declaration op-ed oped editorial column article blog podcast broadcast video footage
email e-mail message note filing lawsuit complaint testimony affidavit ruling opinion
decision order decree poll survey study analysis review assessment paper plan proposal
program programme doctrine manifesto platform ad advertisement book memoir essay
summary minutes record recording audio
""".split())

# Occasions of speaking, held by whoever speaks there ("at a news conference announcing").
EVENT_NOUNS = frozenset("""
conference briefing rally speech event hearing session meeting interview appearance
address debate forum town hall ceremony summit
""".split())

# Heads of nominal sources that stand for an institution's people, not one person.
OFFICIAL_NOUNS = frozenset("""
official officials spokesman spokeswoman spokesperson spokespeople representative
representatives diplomat diplomats negotiator negotiators minister ministry government
administration aide aides adviser advisers advisor advisors source sources envoy envoys
delegation delegates authorities authority leaders leader leadership officer officers
commander commanders military army forces staff team campaign office department agency
council cabinet
""".split())

# Prepositional cues standing alone, with their source as object.
ACCORDING_TO = ("according", "to")

# Words before a quoted phrase that make it a name or a scare quote, not speech.
SCARE_MARKERS = ("so-called", "so called", "self-styled", "self-described", "known as", "titled",
                 "entitled", "nicknamed", "the term", "the phrase", "the word", "the words", "the slogan",
                 "the hashtag", "the label")

# Channels given as "on X" or "in a/an X" next to the cue.
MEDIA_ON = frozenset("""
twitter x facebook instagram tiktok youtube telegram truth social television tv radio
cnn fox msnbc nbc abc cbs bbc air camera record podcast
""".split())

# -- merged with the cues learned from PolNeAR train (see ``learned``) ---------------------
from parley.extract.quotes.learned import learned_cues as _learned_cues  # noqa: E402

_LEARNED = _learned_cues()
BELIEF_VERBS = BELIEF_VERBS | (_LEARNED.clause - SPEECH_VERBS)
OBJECT_VERBS = (OBJECT_VERBS | _LEARNED.object) - (_LEARNED.rare - SPEECH_VERBS)
XCOMP_VERBS = XCOMP_VERBS | _LEARNED.xcomp
PREP_FRAMES = {**PREP_FRAMES, **{lemma: PREP_FRAMES.get(lemma, frozenset()) | preps
                                 for lemma, preps in _LEARNED.preps.items()}}
