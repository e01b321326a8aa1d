-- Families' stories of a practice, moderated before anyone sees them. The teller's own words
-- (original) are for moderators only and are deleted a set time after the decision; what is
-- published is the moderator's edited text. Only a hash of the teller's withdrawal token is kept.
CREATE TABLE catalogue_stories (
    id            TEXT PRIMARY KEY,
    practice      TEXT NOT NULL REFERENCES practices (id),
    lang          TEXT NOT NULL CHECK (lang IN ('en', 'fr')),
    state         TEXT NOT NULL CHECK (state IN ('waiting', 'published', 'declined', 'withdrawn')),
    original      TEXT,
    published     TEXT,
    reason        TEXT,
    withdraw_hash TEXT NOT NULL UNIQUE,
    submitted_at  TIMESTAMPTZ NOT NULL,
    decided_by    TEXT,
    decided_at    TIMESTAMPTZ,
    CHECK (state <> 'published' OR published IS NOT NULL)
);
CREATE INDEX catalogue_stories_practice ON catalogue_stories (practice, state);
