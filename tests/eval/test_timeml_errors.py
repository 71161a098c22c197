"""Causes of TimeML value errors (parley.eval.timeml_errors)."""

from __future__ import annotations

from datetime import date, datetime

from parley.eval.timeml_errors import ErrorCause, cause_counts, granularity, side_of, value_cause

DCT = datetime(1998, 10, 26, 12, 0)


def test_granularity_of_each_value_shape():
    shapes = {"1998-10-23": "D", "1998-W43": "W", "1998-W43-WE": "WE", "1998-10": "M", "1998-Q3": "Q",
              "1998-H2": "H", "1998-FA": "S", "1998": "Y", "199": "DE", "19": "CE", "1998-10-23T22:00": "T",
              "PAST_REF": "REF", "XXXX-10": "X", "P3Y": "PY", "PT5H": "PH", "P2Y6M": "PMY", "PXM": "PM"}
    assert {v: granularity(v) for v in shapes} == shapes


def test_side_of_the_creation_day():
    day = DCT.date()
    assert side_of("1998-10-23", day) == -1 and side_of("1998-10-30", day) == 1
    assert side_of("1998-W44", day) == 0 and side_of("1998", day) == 0
    assert side_of("FUTURE_REF", day) == 1 and side_of("1998-XX", day) is None


def test_value_causes():
    assert value_cause("DURATION", "P1M", "DATE", "1998-09", DCT) is ErrorCause.WRONG_TYPE
    assert value_cause("SET", "P1W", "DURATION", "P1W", DCT) is ErrorCause.WRONG_TYPE
    assert value_cause("DATE", "1998-10", "DATE", "1998-W43", DCT) is ErrorCause.WRONG_GRANULARITY
    # past-tense "October" resolved to the coming one
    assert value_cause("DATE", "1997-10", "DATE", "1998-11", date(1998, 10, 26)) is ErrorCause.WRONG_DIRECTION
    # a weekday in the wrong past week
    assert value_cause("DATE", "1998-10-16", "DATE", "1998-10-23", DCT) is ErrorCause.WRONG_REFERENCE
    assert value_cause("DURATION", "P12Y", "DURATION", "P13Y", DCT) is ErrorCause.WRONG_AMOUNT
    assert value_cause("TIME", "1998-10-23TEV", "TIME", "1998-10-23TNI", DCT) is ErrorCause.WRONG_TIME
    assert value_cause("TIME", "1998-10-23T22:00", "TIME", "1999-04-19T22:00", DCT) is ErrorCause.WRONG_REFERENCE


def test_cause_counts_largest_first():
    errors = [{"cause": "missed"}, {"cause": "spurious"}, {"cause": "spurious"}, {"kind": "extent"}]
    assert list(cause_counts(errors).items()) == [("spurious", 2), ("missed", 1)]
