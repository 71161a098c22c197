"""Attribution errors counted by kind, on a hand-built annotation."""

from parley.eval.polnear import PredictedAttribution
from parley.eval.polnear_errors import error_kinds
from parley.data.polnear import AnnotatedText, GoldAttribution

TEXT = "Kowal said that the talks would resume. Lena Berg denied it. The weather was fine, he wrote."


def _span(words: str) -> tuple[int, int]:
    start = TEXT.index(words)
    return start, start + len(words)


def test_errors_are_counted_by_kind():
    gold = [
        GoldAttribution(content=[_span("that the talks would resume")], cue=[_span("said")], source=[_span("Kowal")]),
        GoldAttribution(content=[_span("it")], cue=[_span("denied")], source=[_span("Lena Berg")]),
    ]
    pred = [
        # one word too few at the start, and the right source
        PredictedAttribution(content=[_span("the talks would resume")], cue=_span("said"), source=_span("Kowal"),
                             rule="clause"),
        # the right content, no source
        PredictedAttribution(content=[_span("it")], cue=_span("denied"), source=None, rule="object"),
        # nothing annotated there
        PredictedAttribution(content=[_span("The weather was fine")], cue=_span("wrote"), source=_span("he"),
                             rule="parataxis"),
    ]
    item = AnnotatedText(name="t", text=TEXT, annotations={"a": gold})
    kinds = error_kinds([(item, pred)])
    assert kinds["boundary"] == {"start_late clause": 1}
    assert kinds["source"] == {"none_predicted": 1}
    assert kinds["spurious"] == {"wrote parataxis": 1}
    assert not kinds["missed"]
