"""Temporal expressions: extents, TIMEX3 values, intervals, anchoring and fact dating.

Sentences are written for these tests. The real spaCy pipeline parses them (tense
decides the direction of weekdays and months); only the other Parley components are
switched off so that a failure here is a failure of the time layer.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

from parley.extract.time import governing_time, tag_times
from parley.extract.time import calendar as cal


@pytest.fixture(scope="module")
def parse(nlp):
    others = [n for n in nlp.pipe_names if n.startswith("parley_") and n != "parley_times_v1"]

    def run(text: str, dct: datetime | None):
        with nlp.select_pipes(disable=others):
            doc = nlp.make_doc(text)
            doc._.dct = dct
            doc._.article_id = "test"
            return nlp(doc)

    return run


@pytest.fixture(scope="module")
def times(parse):
    def run(text: str, dct: datetime | None) -> dict[str, object]:
        return {t.text: t for t in parse(text, dct)._.times}

    return run


def test_year_boundary_past_date_is_last_year(times):
    found = times("The rebels shelled the port on December 28, officials said.", datetime(2026, 1, 3))
    assert found["December 28"].value == "2025-12-28"


def test_year_boundary_future_date_is_next_year(times):
    found = times("Negotiators will reconvene on January 9.", datetime(2025, 12, 20))
    assert found["January 9"].value == "2026-01-09"


def test_year_less_date_without_verb_takes_the_nearest_year(times):
    found = times("The December 29 ceasefire collapsed.", datetime(2026, 1, 2))
    assert found["December 29"].value == "2025-12-29"


def test_leap_day_in_a_leap_year(times):
    found = times("The convoy crossed the border on February 29.", datetime(2024, 3, 4))
    assert found["February 29"].value == "2024-02-29"
    assert found["February 29"].earliest == "2024-02-29T00:00:00"
    assert found["February 29"].latest == "2024-03-01T00:00:00"


def test_impossible_leap_day_gets_no_value(times):
    found = times("The memo is dated February 29, 2023, and February 30.", datetime(2023, 3, 4))
    assert not any(t.value for t in found.values())


def test_leap_day_shifted_a_year_is_february_28():
    p = cal.shift(cal.day(date(2024, 2, 29)), "Y", 1)
    assert p.value() == "2025-02-28"


def test_iso_weeks_across_a_year_boundary(times):
    # 1 January 2021 is a Friday in ISO week 53 of 2020
    found = times("Talks resumed this week after a pause last week; more are due next week.",
                  datetime(2021, 1, 1))
    assert found["this week"].value == "2020-W53"
    assert found["last week"].value == "2020-W52"
    assert found["next week"].value == "2021-W01"
    # 30 December 2024 is a Monday in ISO week 1 of 2025
    found = times("Monitors arrived this week.", datetime(2024, 12, 30))
    assert found["this week"].value == "2025-W01"


def test_last_week_on_a_monday_is_the_week_just_ended(times):
    found = times("Drones struck the depot last week.", datetime(2025, 12, 8))  # a Monday
    t = found["last week"]
    assert t.value == "2025-W49"
    assert (t.earliest, t.latest) == ("2025-12-01T00:00:00", "2025-12-08T00:00:00")


def test_weekday_direction_follows_tense(times):
    dct = datetime(2025, 12, 6)  # a Saturday
    assert times("The ministers met on Monday.", dct)["Monday"].value == "2025-12-01"
    assert times("The ministers will meet on Monday.", dct)["Monday"].value == "2025-12-08"


def test_a_deferral_until_a_weekday_looks_ahead(times):
    dct = datetime(2000, 3, 30)  # a Thursday
    found = times("The tribunal postponed until Tuesday morning its ruling on the appeal.", dct)
    assert found["Tuesday morning"].value == "2000-04-04TMO"
    found = times("The curfew stayed in force until Tuesday, residents said.", dct)
    assert found["Tuesday"].value == "2000-03-28"


def test_a_scheduled_event_lies_ahead(times):
    dct = datetime(1999, 5, 5)  # a Wednesday
    found = times("The ministry has scheduled a briefing Thursday on the ceasefire.", dct)
    assert found["Thursday"].value == "1999-05-06"
    found = times("Monitors planned a visit to the border on Saturday.", datetime(2000, 1, 7))
    assert found["Saturday"].value == "2000-01-08"
    # the plan itself is dated when an infinitive follows
    found = times("Last April, the rebels planned to seize the airport.", datetime(1989, 10, 26))
    assert found["Last April"].value == "1989-04"


def test_a_day_naming_an_event_without_tense_is_past(times):
    # October 23 is 170 days ahead and 195 days back: a bare "Oct. 23 bombing" happened
    found = times("The Oct. 23 bombing remains unsolved.", datetime(1999, 5, 6))
    assert found["Oct. 23"].value == "1998-10-23"
    found = times("The Jan. 14 deadline remains in force.", datetime(2000, 1, 6))
    assert found["Jan. 14"].value == "2000-01-14"


def test_the_coming_month_in_a_past_tense_report(times):
    found = times("The kingdom told refiners of a cut in deliveries in September.", datetime(1990, 8, 16))
    assert found["September"].value == "1990-09"
    # across the year boundary a bare month stays in the year of the DCT
    found = times("The envoy took office in January.", datetime(2025, 12, 6))
    assert found["January"].value == "2025-01"


def test_weekday_on_the_publication_day_is_that_day(times):
    found = times("The agency reported the figures Friday.", datetime(1998, 11, 20))  # a Friday
    assert found["Friday"].value == "1998-11-20"


def test_month_direction_follows_tense(times):
    dct = datetime(2025, 6, 15)
    assert times("The accord was signed in March.", dct)["March"].value == "2025-03"
    assert times("Elections will be held in March.", dct)["March"].value == "2026-03"


def test_relative_date_anchors_on_the_date_just_mentioned(times):
    text = ("Leaders gather in Rome on Tuesday (December 9). A preparatory video call took "
            "place two weeks earlier.")
    found = times(text, datetime(2025, 12, 6))
    assert found["Tuesday (December 9)"].value == "2025-12-09"
    earlier = found["two weeks earlier"]
    assert earlier.value == "2025-W48"
    assert earlier.anchor == found["Tuesday (December 9)"].id


def test_night_of_a_weekday(times):
    found = times("Artillery hit the suburbs on Friday night.", datetime(2025, 12, 6))
    t = found["Friday night"]
    assert (t.type, t.value) == ("TIME", "2025-12-05TNI")


def test_month_with_mod_and_season(times):
    found = times("The plan leaked in late November, after a quiet summer.", datetime(2025, 12, 6))
    assert (found["late November"].value, found["late November"].mod) == ("2025-11", "END")
    assert found["summer"].value == "2025-SU"


def test_durations(times):
    text = ("After a six-hour hearing and the past three years of fighting, the mediators asked "
            "for two and a half months more to end the almost four-year blockade.")
    found = times(text, datetime(2025, 12, 6))
    assert (found["six-hour"].type, found["six-hour"].value) == ("DURATION", "PT6H")
    assert (found["the past three years"].type, found["the past three years"].value) == ("DURATION", "P3Y")
    assert found["two and a half months"].value == "P2M15D"
    assert found["almost four-year"].value == "P4Y"
    assert found["almost four-year"].mod == "EQUAL_OR_LESS"


def test_sets(times):
    text = "Monitors report weekly and brief the council every Tuesday."
    found = times(text, datetime(2025, 12, 6))
    assert (found["weekly"].type, found["weekly"].value) == ("SET", "P1W")
    assert (found["every Tuesday"].type, found["every Tuesday"].value) == ("SET", "XXXX-WXX-2")


def test_references_and_quarters(times):
    text = "Exports are now recovering; in the third quarter they fell 4% from a year earlier."
    found = times(text, datetime(1989, 11, 2))
    assert found["now"].value == "PRESENT_REF"
    assert found["the third quarter"].value == "1989-Q3"
    assert found["a year earlier"].value == "1988-Q3"


def test_a_year_earlier_than_the_months_so_far_is_the_year_before(parse):
    text = ("Profit fell 4% in the third quarter from a year earlier. For the nine months, profit "
            "rose 8% from a year earlier, and the year-earlier results included a gain.")
    found = [(t.text, t.value) for t in parse(text, datetime(1989, 11, 2))._.times]
    assert found == [("the third quarter", "1989-Q3"), ("a year earlier", "1988-Q3"),
                     ("the nine months", "P9M"), ("a year earlier", "1988"), ("year-earlier", "1988")]


def test_a_clause_after_last_week_is_not_part_of_it(times):
    found = times("The envoys met last week after the vote collapsed.", datetime(2025, 12, 6))
    assert found["last week"].value == "2025-W48"


def test_frequency_adjectives(parse):
    text = "Crowds held a daily vigil at the embassy, though average daily traffic fell and quarterly dividends rose."
    found = [(t.text, t.value) for t in parse(text, datetime(2025, 12, 6))._.times]
    assert found == [("daily", "P1D")]


def test_someday_and_then_current_are_references(times):
    text = "Analysts say the port will one day reopen, at half the then current tariff."
    found = times(text, datetime(2025, 12, 6))
    assert (found["one day"].type, found["one day"].value) == ("DATE", "FUTURE_REF")
    assert found["then current"].value == "PAST_REF"
    found = times("The crossing stayed shut for one day.", datetime(2025, 12, 6))
    assert found["one day"].value == "P1D"


def test_a_closing_quote_is_not_a_title(times):
    found = times('"We will not retreat."\n\nLast April, the army left the valley.', datetime(1989, 10, 26))
    assert found["Last April"].value == "1989-04"


def test_nonsense_dates_get_no_value(times):
    found = times("They promised a treaty by the 45th of Smarch.", datetime(2025, 12, 6))
    assert not any(t.value for t in found.values())


def test_ages_and_rates_are_not_times(times):
    found = times("The 52-year-old envoy, 61 years old, earns $5,000 a month.", datetime(2025, 12, 6))
    assert found == {}


def test_without_dct_values_stay_underspecified(times):
    text = "Talks began on March 14 and resumed last week; the 1991 accord still holds."
    found = times(text, None)
    assert found["March 14"].value == "XXXX-03-14"
    assert found["last week"].value == "XXXX-WXX"
    assert found["1991"].value == "1991"
    assert found["March 14"].earliest is None


def test_tagger_runs_without_a_parse():
    found = {t.text: t for t in tag_times("Shelling resumed on Tuesday.", date(2025, 12, 6))}
    assert found["Tuesday"].value == "2025-12-02"  # no tense known: the past week


def test_governing_time_rules(parse):
    text = ("The foreign ministers met in Geneva on Tuesday. They signed a short statement. "
            "The envoys continue their work.")
    doc = parse(text, datetime(2025, 12, 6))
    met = text.index("met")
    found, rule = governing_time(doc, met, met + 3)
    assert (found.value, rule) == ("2025-12-02", "same_clause")
    signed = text.index("signed")
    found, rule = governing_time(doc, signed, signed + 6)
    assert (found.value, rule) == ("2025-12-02", "previous_sentence")
    cont = text.index("continue")
    found, rule = governing_time(doc, cont, cont + 8)
    assert (found.value, rule) == ("2025-12-06", "dct_present")


def test_actor_mentions_are_dated(nlp):
    doc = nlp.make_doc("The president met the chancellor in Berlin on Thursday.")
    doc._.dct = datetime(2025, 12, 6)
    doc._.article_id = "test"
    doc = nlp(doc)
    mentions = doc._.actor_mentions or []
    assert mentions, "the actors layer found no mention to date"
    assert all(m.time_value == "2025-12-04" for m in mentions), [(m.text, m.time_value) for m in mentions]
    assert {m.time_rule for m in mentions} <= {"same_clause", "sentence"}


def test_a_year_range_is_two_dates(times):
    found = times("He served as envoy from 2009-2010 and again in 2012 to 2014.", datetime(2020, 5, 1))
    assert found["2009"].value == "2009" and found["2010"].value == "2010"
    assert found["2010"].rule == "year_range_end" and found["2010"].anchor == found["2009"].id
    assert found["2014"].value == "2014"


def test_a_time_anchored_to_a_dated_event(times):
    found = times("The vote was held on March 3. The day before the vote, protesters gathered.",
                  datetime(2013, 3, 15))
    assert found["The day"].value == "2013-03-02" and found["The day"].rule == "event_anchored"
    # apposed to a date, it is that date
    found = times("Stocks fell after Oct. 12, the day before the plunge.", datetime(2013, 3, 15))
    assert found["the day"].value == found["Oct. 12"].value
    # an event the article does not date gives no date: none is guessed
    found = times("The day after the summit, nothing happened.", datetime(2013, 3, 15))
    assert "The day" not in found and "The day after" not in found


def test_a_season_before_the_first_of_the_year(times):
    """"last winter" in January: the season candidates reach far enough back."""
    found = times("Prices rose last winter, officials said.", datetime(2016, 1, 20))
    assert found["last winter"].value.endswith("-WI")


def test_past_event_in_a_month_just_ahead_is_last_years(times):
    # a month on a past-tense event verb is when that event happened, even a few weeks ahead
    found = times("The rebels seized the town in October.", datetime(2025, 9, 10))
    assert found["October"].value == "2024-10"
    found = times("The talks, which began in October, collapsed.", datetime(2025, 9, 10))
    assert found["October"].value == "2024-10"


def test_reported_month_just_ahead_is_the_coming_one(times):
    # what a verb of saying reports may lie ahead: the month about to begin
    found = times("The company announced a cutback in October.", datetime(2025, 9, 10))
    assert found["October"].value == "2025-10"


def test_comparative_offset_is_a_duration(times):
    # "a month earlier than planned" measures a difference; "a month earlier" is a date
    found = times("The vote came a month earlier than planned.", datetime(2025, 12, 6))
    assert found["a month"].type == "DURATION" and found["a month"].value == "P1M"
    assert "a month earlier" not in found
    found = times("The ceasefire collapsed a month earlier, officials said.", datetime(2025, 12, 6))
    assert found["a month earlier"].type == "DATE" and found["a month earlier"].value == "2025-11"


def test_approximator_is_the_mod_not_the_extent(times):
    found = times("The talks lasted about five hours and ended around 10:35 a.m.", datetime(2025, 12, 6))
    assert found["five hours"].value == "PT5H" and found["five hours"].mod == "APPROX"
    assert found["10:35 a.m."].value == "2025-12-06T10:35" and found["10:35 a.m."].mod == "APPROX"
    found = times("The town fell about two years ago.", datetime(2025, 12, 6))
    assert found["two years ago"].value == "2023" and found["two years ago"].mod == "APPROX"


def test_quarter_mentioned_in_passing_keeps_the_reported_one(times):
    text = ("Kimberly-Clark posted a 20% gain in third-quarter net income. After a flat second quarter, "
            "the company attributed the gain to its consumer businesses. In the 1989 period, interest "
            "expense was lower than a year ago.")
    found = times(text, datetime(1989, 11, 1))
    assert found["a flat second quarter"].value == "1989-Q2"
    assert found["the 1989 period"].value == "1989-Q3" and found["a year ago"].value == "1988-Q3"


def test_quarter_ended_a_month_is_the_quarter_of_those_months(times):
    found = times("In the quarter ended July 31, Jayark had 5.6 million shares outstanding.", datetime(1989, 10, 30))
    assert found["the quarter"].value == "1989-Q2"
    # after a fiscal quarter is named, "the quarter ended ..." is that fiscal quarter
    found = times("Sun earned $5.2 million in the fiscal first quarter. Sales for the quarter ended Sept. 29 "
                  "rose 39%.", datetime(1989, 10, 26))
    assert found["the quarter"].value == "1989-Q1"


def test_last_month_name_of_the_month_before_is_a_year_back(times):
    # written in March, the February just past would be "last month"
    found = times("Two helicopters crashed last February.", datetime(1998, 3, 1))
    assert found["last February"].value == "1997-02"
    found = times("He was arrested last November.", datetime(2000, 1, 13))
    assert found["last November"].value == "1999-11"


def test_time_word_capitalised_after_a_name_is_a_title(times):
    found = times("This is VOA Today. The poster showed Gary Cooper in ``High Noon.''", datetime(1998, 3, 31))
    assert "Today" not in found and "Noon" not in found
    found = times("The vote is set. Today, the council meets at noon.", datetime(1998, 3, 31))
    assert found["Today"].value == "1998-03-31" and "noon" in found


def test_frequency_after_a_count_is_a_set(times):
    found = times("The club plays twice a year and meets three times a week.", datetime(2025, 12, 6))
    assert found["a year"].type == "SET" and found["a year"].value == "P1Y"
    assert found["a week"].type == "SET" and found["a week"].value == "P1W"
    found = times("He earns $5 a year.", datetime(2025, 12, 6))
    assert "a year" not in found  # a rate, not a time


def test_range_year_written_once_is_the_first_members_too(times):
    found = times("The drought lasted from March to May 2024.", datetime(2025, 12, 6))
    assert found["March"].value == "2024-03" and found["May 2024"].value == "2024-05"
    found = times("Fighting raged in March-April 2024.", datetime(2025, 12, 6))
    assert found["March"].value == "2024-03" and found["April 2024"].value == "2024-04"
    assert "2024" not in found
    found = times("The talks ran from Dec. 28 to Jan. 3, 2024.", datetime(2025, 12, 6))
    assert found["Dec. 28"].value == "2023-12-28" and found["Jan. 3, 2024"].value == "2024-01-03"
    found = times("He was in Paris in March and flew to Rome, then in May 2024 to Oslo.", datetime(2025, 12, 6))
    assert found["March"].value == "2025-03"  # no range: the year is not shared


def test_future_in_the_past_counts_from_the_day_told(times):
    # "would" looks ahead of the Tuesday the sentence reports, not of the DCT (a Friday)
    found = times("The minister said Tuesday that talks would resume Thursday.", datetime(2025, 12, 5))
    assert found["Tuesday"].value == "2025-12-02" and found["Thursday"].value == "2025-12-04"
    found = times("The minister said Tuesday that talks will resume Thursday.", datetime(2025, 12, 5))
    assert found["Thursday"].value == "2025-12-11"


def test_sets_of_seasons_parts_of_day_and_vague_counts(times):
    found = times("The league meets each season. Rallies are held every weekend and each night, "
                  "and he visits every few months.", datetime(2025, 12, 6))
    assert (found["each season"].type, found["each season"].value) == ("SET", "P1Y")
    assert found["every weekend"].value == "XXXX-WXX-WE" and found["each night"].value == "XXXX-XX-XXTNI"
    assert (found["every few months"].type, found["every few months"].value) == ("SET", "PXM")
    found = times("The team won the title for the third straight season.", datetime(2025, 12, 6))
    assert found == {}


def test_clock_time_takes_the_day_its_event_was_dated(times):
    text = ("Slepian was shot to death last Oct. 23 at his home. Prosecutors met Monday.\n\n"
            "Clark said the rifle was important. Slepian was shot to death at 10 p.m. in his kitchen.")
    found = times(text, datetime(1999, 4, 19))
    assert found["10 p.m."].value == "1998-10-23T22:00"
    found = times("Prosecutors met Monday. The judge ruled at 10 p.m.", datetime(1999, 4, 19))
    assert found["10 p.m."].value == "1999-04-19T22:00"  # no event dated before: the story's day
