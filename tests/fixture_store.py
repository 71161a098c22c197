"""A small real store for the read layer, API, export and browser tests: articles with
facts at known offsets, cross-article incidents (as parley.resolve writes them, per the
incident table contract), and an article whose title, text, quote and actor name are
hostile markup."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from parley.records import Article, content_hash
from parley.store import Store

XSS = "<script>window.__xss=1</script>"
TEXTS = {
    "a-moscow-1": ("Witkoff and Putin meet in Moscow", "Reuters", datetime(2025, 12, 2, 18),
                   "US envoy Steve Witkoff met Vladimir Putin in Moscow on Tuesday for five hours. "
                   "\u201cThe talks were useful,\u201d Witkoff said. Ukraine rejected any territorial concessions."),
    "a-moscow-2": ("Kremlin talks end without deal", "AP", datetime(2025, 12, 3, 9),
                   "Vladimir Putin received Steve Witkoff in Moscow on Tuesday for about four hours, "
                   "officials said. Earlier, Witkoff had planned to meet Putin on Monday."),
    "a-strike": ("Russian strikes hit Kyiv", "AFP", datetime(2025, 12, 6, 7),
                 "Russia launched 50 missiles at Kyiv on Saturday, Ukrainian officials said."),
    "a-xss": (f"{XSS} Talks <b>bold</b>", "Evil Outlet <i>", datetime(2025, 12, 4, 12),
              f"The envoy {XSS} met officials. \u201c<img src=x onerror=window.__xss=2>\u201d, he said. "
              "See javascript:alert(1) for more."),
}


def _span(text: str, part: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(part, start + 1)
    return start, start + len(part)


def build(path: str | Path) -> Path:
    path = Path(path)
    with Store(path) as s:
        arts = [Article(id=aid, title=t, source=src, published=pub, text=txt, content_hash=content_hash(txt),
                        url=f"https://news.example/{aid}" if aid != "a-xss" else "javascript:alert(1)",
                        origin=f"{aid}.txt", origin_kind="text")
                for aid, (t, src, pub, txt) in TEXTS.items()]
        s.write_batch("b1", arts, [])
        c = s.con
        actors = [("person:steve-witkoff", "Steve Witkoff", "person", "USA"),
                  ("person:vladimir-putin", "Vladimir Putin", "person", "RUS"),
                  ("state:UKR", "Ukraine", "state", "UKR"), ("state:RUS", "Russia", "state", "RUS"),
                  ("person:evil", f"Evil {XSS}", "person", "XXX")]
        for aid_, name, typ, cc in actors:
            c.execute("INSERT INTO actors (id, name, type, country, aliases, roles, source) VALUES (?,?,?,?,?,?,?)",
                      [aid_, name, typ, cc, json.dumps(["Witkoff"] if "witkoff" in aid_ else []),
                       json.dumps([{"title": "Special Envoy", "country": "USA", "start": "2025-01-20"}]
                                  if "witkoff" in aid_ else []), "kb"])
        t1 = TEXTS["a-moscow-1"][3]
        for part, actor, nth in (("Steve Witkoff", "person:steve-witkoff", 0),
                                 ("Vladimir Putin", "person:vladimir-putin", 0),
                                 ("Witkoff", "person:steve-witkoff", 1), ("Ukraine", "state:UKR", 0)):
            a, b = _span(t1, part, nth)
            c.execute("INSERT INTO mentions (article_id, start_char, end_char, text, actor_id, actor_name, actor_type, "
                      "country) SELECT 'a-moscow-1', ?, ?, ?, id, name, type, country FROM actors WHERE id = ?",
                      [a, b, part, actor])
        a, b = _span(t1, "on Tuesday")
        c.execute("INSERT INTO times (id, article_id, start_char, end_char, text, type, value, rule) VALUES "
                  "('a-moscow-1:t1', 'a-moscow-1', ?, ?, 'on Tuesday', 'DATE', '2025-12-02', 'weekday')", [a, b])
        qa, qb = _span(t1, "\u201cThe talks were useful,\u201d")
        c.execute("INSERT INTO quotes (id, article_id, start_char, end_char, text, kind, cue, speaker_id, "
                  "speaker_name, speaker_country, rule) VALUES ('a-moscow-1:q1', 'a-moscow-1', ?, ?, "
                  "'The talks were useful', "
                  "'direct', 'said', 'person:steve-witkoff', 'Steve Witkoff', 'USA', 'direct_quote')", [qa, qb])
        tx = TEXTS["a-xss"][3]
        xa, xb = _span(tx, "\u201c<img src=x onerror=window.__xss=2>\u201d")
        c.execute("INSERT INTO quotes (id, article_id, start_char, end_char, text, kind, speaker_id, speaker_name, "
                  "rule) VALUES ('a-xss:q1', 'a-xss', ?, ?, '<img src=x onerror=window.__xss=2>', 'direct', "
                  "'person:evil', ?, 'direct_quote')", [xa, xb, f"Evil {XSS}"])
        ma, mb = _span(tx, XSS)
        c.execute("INSERT INTO mentions (article_id, start_char, end_char, text, actor_id, actor_name, actor_type) "
                  "VALUES ('a-xss', ?, ?, ?, 'person:evil', ?, 'person')", [ma, mb, XSS, f"Evil {XSS}"])
        sa, sb = _span(t1, "Ukraine rejected any territorial concessions.")
        c.execute("INSERT INTO stances (id, article_id, actor_id, actor_name, issue, position, evidence, start_char, "
                  "end_char, rule) VALUES ('a-moscow-1:s1', 'a-moscow-1', 'state:UKR', 'Ukraine', "
                  "'territorial_concessions', 'oppose', 'Ukraine rejected any territorial concessions.', ?, ?, 'cue')",
                  [sa, sb])

        def event(eid, aid, typ, status, src, tgt, trigger, nth, evidence, date, mag=None):
            text = TEXTS[aid][3]
            ta, tb = _span(text, trigger, nth)
            ea, eb = _span(text, evidence)
            sources = [{"actor_id": x[0], "name": x[1], "country": x[2]} for x in src]
            targets = [{"actor_id": x[0], "name": x[1], "country": x[2]} for x in tgt]
            c.execute("INSERT INTO events (id, article_id, type, status, sources, targets, location, "
                      "location_country, date_value, date_earliest, date_latest, date_rule, magnitude, contexts, "
                      "evidence, sentence_start, sentence_end, trigger, trigger_start, trigger_end, rule, confidence) "
                      "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                      [eid, aid, typ, status, json.dumps(sources), json.dumps(targets), "Moscow", "RUS", date,
                       datetime.fromisoformat(date), datetime.fromisoformat(date).replace(hour=23, minute=59),
                       "weekday", json.dumps(mag or []), "[]", evidence, ea, eb, trigger, ta, tb,
                       f"verb:verb:{trigger.split()[0].lower().rstrip('ed')}[nsubj:source,dobj:target]", 0.9])
            for role, xs in (("source", src), ("target", tgt)):
                for x in xs:
                    c.execute("INSERT INTO event_actors VALUES (?,?,?,?,?,?)",
                              [eid, role, *x, datetime.fromisoformat(date)])

        W = ("person:steve-witkoff", "Steve Witkoff", "USA")
        P = ("person:vladimir-putin", "Vladimir Putin", "RUS")
        event("a-moscow-1:ev1", "a-moscow-1", "CONSULT", "occurred", [W], [P], "met", 0,
              "US envoy Steve Witkoff met Vladimir Putin in Moscow on Tuesday for five hours.", "2025-12-02",
              [{"count": 5, "unit": "hours", "count_text": "five"}])
        event("a-moscow-2:ev1", "a-moscow-2", "CONSULT", "occurred", [P], [W], "received", 0,
              "Vladimir Putin received Steve Witkoff in Moscow on Tuesday for about four hours, officials said.",
              "2025-12-02", [{"count": 4, "unit": "hours", "count_text": "about four"}])
        event("a-moscow-2:ev2", "a-moscow-2", "CONSULT", "planned", [W], [P], "meet", 0,
              "Earlier, Witkoff had planned to meet Putin on Monday.", "2025-12-01")
        event("a-strike:ev1", "a-strike", "ASSAULT", "occurred", [("state:RUS", "Russia", "RUS")],
              [("state:UKR", "Ukraine", "UKR")], "launched", 0,
              "Russia launched 50 missiles at Kyiv on Saturday, Ukrainian officials said.", "2025-12-06",
              [{"count": 50, "unit": "missiles", "count_text": "50"}])
        incidents = [
            ("inc-moscow", "CONSULT", "occurred", "verbal_cooperation", "2025-12-02", "a-moscow-1",
             datetime(2025, 12, 2, 18),
             "US envoy Steve Witkoff met Vladimir Putin in Moscow on Tuesday for five hours.",
             3, 2, 2, [("a-moscow-2:ev2", "a-moscow-2", "planned", datetime(2025, 12, 3, 9), []),
                       ("a-moscow-1:ev1", "a-moscow-1", "occurred", datetime(2025, 12, 2, 18), []),
                       ("a-moscow-2:ev1", "a-moscow-2", "occurred", datetime(2025, 12, 3, 9),
                        [{"rule": "same_participants_date", "detail": "Witkoff and Putin, 2025-12-02, Moscow",
                          "with_event": "a-moscow-1:ev1"}])], [("source", W), ("target", P)]),
            ("inc-strike", "ASSAULT", "occurred", "material_conflict", "2025-12-06", "a-strike",
             datetime(2025, 12, 6, 7), "Russia launched 50 missiles at Kyiv on Saturday, Ukrainian officials said.",
             1, 1, 1, [("a-strike:ev1", "a-strike", "occurred", datetime(2025, 12, 6, 7), [])],
             [("source", ("state:RUS", "Russia", "RUS")), ("target", ("state:UKR", "Ukraine", "UKR"))]),
        ]
        for (iid, typ, status, quad, date, first_art, first_pub, first_ev, n_ev, n_art, n_out, members,
             parts) in incidents:
            d = datetime.fromisoformat(date)
            c.execute("INSERT INTO incidents VALUES (?,?,NULL,?,?,?,?,?,'weekday','Moscow','RUS',?,?,?,?,?,?,"
                      "current_timestamp, 'same_clause')",
                      [iid, typ, status, quad, date, d, d.replace(hour=23), first_art, first_pub, first_ev,
                       n_ev, n_art, n_out])
            for eid, aid, st, pub, reasons in members:
                c.execute("INSERT INTO incident_events VALUES (?,?,?,?)", [eid, iid, aid, json.dumps(reasons)])
                c.execute("INSERT INTO incident_status VALUES (?,?,?,?,?)", [iid, st, eid, aid, pub])
            for role, (actor_id, name, cc) in parts:
                c.execute("INSERT INTO incident_actors VALUES (?,?,?,?,?,?)", [iid, role, actor_id, name, cc, d])
    return path
