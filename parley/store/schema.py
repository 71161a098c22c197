"""Versioned schema: an ordered list of migrations, each applied once in a transaction.

Add a migration by appending to ``MIGRATIONS``; never edit one that has shipped. Every
version missing from a store is applied, in version order, not only those above the
store's newest (branches number their migrations apart, so a store can hold 1, 2 and 4
without 3).
"""

from __future__ import annotations

# migration 55: the date_rule texts of older stores as DateRule codes (frozen with the
# migration: later codes or texts do not change what it did)
_DATE_RULE_CODE = """CASE regexp_replace(coalesce(date_rule, ''), '^from merged mention: ', '')
            WHEN 'noun-attached' THEN 'noun_attached'
            WHEN 'governing_time:same_clause' THEN 'same_clause'
            WHEN 'governing_time:sentence' THEN 'governing_sentence'
            WHEN 'governing_time:previous_sentence' THEN 'previous_sentence'
            WHEN 'governing_time:dct_present' THEN 'publication_present'
            WHEN 'same-sentence:nearest' THEN 'nearest_in_sentence'
            WHEN 'narrative:previous-sentence' THEN 'narrative'
            WHEN 'publication_recent' THEN 'publication_recent'
            ELSE CASE WHEN date_rule LIKE '%governing_time%' THEN 'governing_other' END END"""

MIGRATIONS: list[tuple[int, str, str]] = [
    (
        1,
        "articles, ingest errors and batches",
        """
        CREATE TABLE articles (
            id VARCHAR PRIMARY KEY,
            url VARCHAR,
            canonical_url VARCHAR UNIQUE,
            source VARCHAR,
            title VARCHAR,
            byline VARCHAR,
            published TIMESTAMP,
            published_rule VARCHAR NOT NULL,
            language VARCHAR,
            language_score DOUBLE,
            text VARCHAR NOT NULL,
            paragraphs JSON,
            content_hash VARCHAR NOT NULL UNIQUE,
            origin VARCHAR NOT NULL,
            origin_kind VARCHAR NOT NULL,
            is_summary BOOLEAN NOT NULL DEFAULT FALSE,
            status VARCHAR NOT NULL,
            warnings JSON,
            batch_id VARCHAR,
            ingested_at TIMESTAMP DEFAULT current_timestamp
        );
        CREATE TABLE ingest_errors (
            origin VARCHAR NOT NULL,
            code VARCHAR NOT NULL,
            kind VARCHAR NOT NULL,
            stage VARCHAR NOT NULL,
            reason VARCHAR NOT NULL,
            detail VARCHAR,
            batch_id VARCHAR,
            recorded_at TIMESTAMP DEFAULT current_timestamp,
            PRIMARY KEY (origin, code)
        );
        CREATE TABLE batches (
            id VARCHAR PRIMARY KEY,
            started_at TIMESTAMP DEFAULT current_timestamp,
            new_articles INTEGER,
            duplicates INTEGER,
            skipped INTEGER,
            failed INTEGER
        );
        """,
    ),
    (
        2,
        "analysis layers: actors, mentions, times, quotes, events, stances",
        """
        CREATE TABLE analyses (
            article_id VARCHAR PRIMARY KEY,
            model VARCHAR NOT NULL,
            model_version VARCHAR NOT NULL,
            parley_version VARCHAR NOT NULL,
            analysed_at TIMESTAMP DEFAULT current_timestamp
        );
        CREATE TABLE actors (
            id VARCHAR PRIMARY KEY,
            name VARCHAR NOT NULL,
            type VARCHAR NOT NULL,
            country VARCHAR,
            aliases JSON,
            roles JSON,
            source VARCHAR NOT NULL,
            acts_for VARCHAR
        );
        CREATE TABLE mentions (
            article_id VARCHAR NOT NULL,
            start_char INTEGER NOT NULL,
            end_char INTEGER NOT NULL,
            text VARCHAR NOT NULL,
            actor_id VARCHAR,
            actor_name VARCHAR,
            actor_type VARCHAR,
            country VARCHAR,
            label VARCHAR,
            role VARCHAR,
            resolved_by VARCHAR,
            is_metonym BOOLEAN,
            relation JSON,
            sentence_start INTEGER,
            sentence_end INTEGER,
            time_value VARCHAR,
            time_rule VARCHAR
        );
        CREATE TABLE times (
            id VARCHAR,
            article_id VARCHAR NOT NULL,
            start_char INTEGER NOT NULL,
            end_char INTEGER NOT NULL,
            text VARCHAR NOT NULL,
            type VARCHAR NOT NULL,
            value VARCHAR,
            mod VARCHAR,
            earliest TIMESTAMP,
            latest TIMESTAMP,
            anchor VARCHAR,
            rule VARCHAR
        );
        CREATE TABLE quotes (
            id VARCHAR,
            article_id VARCHAR NOT NULL,
            start_char INTEGER NOT NULL,
            end_char INTEGER NOT NULL,
            text VARCHAR NOT NULL,
            kind VARCHAR NOT NULL,
            cue VARCHAR,
            cue_start INTEGER,
            cue_end INTEGER,
            source_text VARCHAR,
            source_start INTEGER,
            source_end INTEGER,
            speaker_id VARCHAR,
            speaker_name VARCHAR,
            speaker_country VARCHAR,
            channel VARCHAR,
            time_value VARCHAR,
            time_rule VARCHAR,
            rule VARCHAR
        );
        CREATE TABLE events (
            id VARCHAR PRIMARY KEY,
            article_id VARCHAR NOT NULL,
            type VARCHAR NOT NULL,
            mode VARCHAR,
            status VARCHAR NOT NULL,
            sources JSON,
            targets JSON,
            location VARCHAR,
            location_country VARCHAR,
            latitude DOUBLE,
            longitude DOUBLE,
            date_value VARCHAR,
            date_earliest TIMESTAMP,
            date_latest TIMESTAMP,
            date_rule VARCHAR,
            magnitude JSON,
            contexts JSON,
            evidence VARCHAR NOT NULL,
            sentence_start INTEGER,
            sentence_end INTEGER,
            trigger VARCHAR,
            trigger_start INTEGER,
            trigger_end INTEGER,
            rule VARCHAR NOT NULL,
            quote_id VARCHAR,
            confidence DOUBLE
        );
        CREATE TABLE event_actors (
            event_id VARCHAR NOT NULL,
            role VARCHAR NOT NULL,
            actor_id VARCHAR,
            name VARCHAR,
            country VARCHAR
        );
        CREATE TABLE stances (
            id VARCHAR,
            article_id VARCHAR NOT NULL,
            actor_id VARCHAR,
            actor_name VARCHAR NOT NULL,
            issue VARCHAR NOT NULL,
            issue_text VARCHAR,
            position VARCHAR NOT NULL,
            evidence VARCHAR NOT NULL,
            start_char INTEGER,
            end_char INTEGER,
            rule VARCHAR,
            time_value VARCHAR
        );
        """,
    ),
    (
        3,
        "articles: when the page was crawled or fetched (WARC-Date, HTTP fetch time)",
        """
        ALTER TABLE articles ADD COLUMN fetched_at TIMESTAMP;
        """,
    ),
    (
        4,
        "quotes: content in pieces and the enclosing attribution of a partial quote",
        """
        ALTER TABLE quotes ADD COLUMN segments JSON;
        ALTER TABLE quotes ADD COLUMN parent_id VARCHAR;
        """,
    ),
    (
        5,
        "events: the other reports of the same event in the article (trigger and sentence of each)",
        """
        ALTER TABLE events ADD COLUMN mentions JSON;
        """,
    ),
    (
        20,
        "cross-article record: actor links, incidents, their events, actors and status history",
        """
        CREATE TABLE IF NOT EXISTS incidents (
            id VARCHAR PRIMARY KEY,
            type VARCHAR NOT NULL,
            mode VARCHAR,
            status VARCHAR NOT NULL,
            quad VARCHAR NOT NULL,
            date_value VARCHAR,
            date_earliest TIMESTAMP,
            date_latest TIMESTAMP,
            date_rule VARCHAR,
            location VARCHAR,
            location_country VARCHAR,
            first_article_id VARCHAR,
            first_published TIMESTAMP,
            first_evidence VARCHAR,
            n_events INTEGER NOT NULL,
            n_articles INTEGER NOT NULL,
            n_outlets INTEGER NOT NULL,
            updated_at TIMESTAMP
        );
        CREATE TABLE IF NOT EXISTS incident_events (
            event_id VARCHAR PRIMARY KEY,
            incident_id VARCHAR NOT NULL,
            article_id VARCHAR NOT NULL,
            reasons JSON
        );
        CREATE TABLE IF NOT EXISTS incident_actors (
            incident_id VARCHAR NOT NULL,
            role VARCHAR NOT NULL,
            actor_id VARCHAR NOT NULL,
            name VARCHAR,
            country VARCHAR
        );
        CREATE TABLE IF NOT EXISTS incident_status (
            incident_id VARCHAR NOT NULL,
            status VARCHAR NOT NULL,
            event_id VARCHAR NOT NULL,
            article_id VARCHAR NOT NULL,
            published TIMESTAMP
        );
        CREATE TABLE IF NOT EXISTS actor_links (
            actor_id VARCHAR PRIMARY KEY,
            canonical_id VARCHAR NOT NULL,
            rule VARCHAR NOT NULL,
            score DOUBLE,
            evidence JSON
        );
        """,
    ),
    (
        21,
        "resolve: blocking keys of linked events (incremental incident updates)",
        """
        CREATE TABLE IF NOT EXISTS incident_keys (
            event_id VARCHAR NOT NULL,
            key VARCHAR NOT NULL
        );
        CREATE INDEX IF NOT EXISTS incident_keys_key ON incident_keys (key);
        """,
    ),
    (
        30,
        "incident tables read by parley.query (contract with issue 10; IF NOT EXISTS so either order works)",
        """
        CREATE TABLE IF NOT EXISTS incidents (
            id VARCHAR PRIMARY KEY,
            type VARCHAR NOT NULL,
            mode VARCHAR,
            status VARCHAR NOT NULL,
            quad VARCHAR NOT NULL,
            date_value VARCHAR, date_earliest TIMESTAMP, date_latest TIMESTAMP, date_rule VARCHAR,
            location VARCHAR, location_country VARCHAR,
            first_article_id VARCHAR, first_published TIMESTAMP, first_evidence VARCHAR,
            n_events INTEGER NOT NULL, n_articles INTEGER NOT NULL, n_outlets INTEGER NOT NULL,
            updated_at TIMESTAMP
        );
        CREATE TABLE IF NOT EXISTS incident_events (
            event_id VARCHAR PRIMARY KEY,
            incident_id VARCHAR NOT NULL,
            article_id VARCHAR NOT NULL,
            reasons JSON
        );
        CREATE TABLE IF NOT EXISTS incident_actors (
            incident_id VARCHAR NOT NULL,
            role VARCHAR NOT NULL,
            actor_id VARCHAR NOT NULL,
            name VARCHAR, country VARCHAR
        );
        CREATE TABLE IF NOT EXISTS incident_status (
            incident_id VARCHAR NOT NULL, status VARCHAR NOT NULL,
            event_id VARCHAR NOT NULL, article_id VARCHAR NOT NULL, published TIMESTAMP
        );
        CREATE TABLE IF NOT EXISTS actor_links (
            actor_id VARCHAR PRIMARY KEY,
            canonical_id VARCHAR NOT NULL,
            rule VARCHAR NOT NULL,
            score DOUBLE, evidence JSON
        );
        """,
    ),
    (
        40,
        "quotes: the rule that resolved the speaker (named, pronoun, title, ...)",
        """
        ALTER TABLE quotes ADD COLUMN speaker_rule VARCHAR;
        """,
    ),
    (
        50,
        "events: why each was coded as structured JSON (basis) and who claims a claimed event (claimant)",
        """
        ALTER TABLE events ADD COLUMN basis JSON;
        ALTER TABLE events ADD COLUMN claimant JSON;
        """,
    ),
    (
        55,
        "events and incidents: the rule that dated each as a structured code (date_basis); date_rule stays its text",
        f"""
        ALTER TABLE events ADD COLUMN date_basis VARCHAR;
        ALTER TABLE incidents ADD COLUMN date_basis VARCHAR;
        UPDATE events SET date_basis = {_DATE_RULE_CODE};
        UPDATE incidents SET date_basis = {_DATE_RULE_CODE};
        """,
    ),
    (
        56,
        "event_actors and incident_actors: the date their event or incident sorts by (date_earliest), so that "
        "actor filters of a date-ordered page read only the window of the page",
        """
        ALTER TABLE event_actors ADD COLUMN date_earliest TIMESTAMP;
        UPDATE event_actors SET date_earliest = e.date_earliest FROM events e WHERE e.id = event_actors.event_id;
        ALTER TABLE incident_actors ADD COLUMN date_earliest TIMESTAMP;
        UPDATE incident_actors SET date_earliest = i.date_earliest FROM incidents i
            WHERE i.id = incident_actors.incident_id;
        """,
    ),
]

# the newest version; versions need not be contiguous (each is applied once, when missing)
SCHEMA_VERSION = max(v for v, _, _ in MIGRATIONS)
