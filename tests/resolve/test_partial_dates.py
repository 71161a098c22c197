"""Underspecified TIMEX3 values compared field by field."""

from __future__ import annotations

from parley.resolve.partial_dates import DateFit, PartialDate, fit, parse_partial


def test_parse_keeps_the_specified_fields():
    assert parse_partial("XXXX-WXX-6") == PartialDate(weekday=6)
    assert parse_partial("XXXX-11-10") == PartialDate(month=11, day=10)
    assert parse_partial("XXXX-09") == PartialDate(month=9)
    assert parse_partial("2008-12-16") == PartialDate(2008, 12, 16, weekday=2)  # a Tuesday
    assert parse_partial("XXXX-WXX-3TNI") == PartialDate(weekday=3)
    assert parse_partial("PAST_REF") is None and parse_partial("XXXX-XX-XX") is None and parse_partial(None) is None


def test_fit_compares_only_what_both_name():
    assert fit("XXXX-WXX-6", "XXXX-WXX-6") is DateFit.SAME_DAY
    assert fit("XXXX-WXX-6", "XXXX-WXX-5") is DateFit.NEUTRAL  # reports a day apart
    assert fit("XXXX-WXX-6", "XXXX-WXX-3") is DateFit.CLASH
    assert fit("XXXX-WXX-7", "XXXX-WXX-1") is DateFit.NEUTRAL  # Sunday and Monday, across the week
    assert fit("2008-12-16", "XXXX-WXX-2") is DateFit.SAME_DAY
    assert fit("XXXX-09", "XXXX-11-10") is DateFit.CLASH
    assert fit("2008", "XXXX-WXX-2") is DateFit.NEUTRAL
    assert fit("2008", "2010") is DateFit.CLASH
