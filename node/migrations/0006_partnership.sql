-- Patient partners' own answers to the three partnership questions, one row per partner and
-- cycle. They stay on the node and are shown only as counts, and only from five answers.
CREATE TABLE partner_answers (
    cycle      TEXT NOT NULL,
    account    INTEGER NOT NULL,
    had_needed INTEGER NOT NULL CHECK (had_needed BETWEEN 1 AND 5),
    heard      INTEGER NOT NULL CHECK (heard BETWEEN 1 AND 5),
    influence  INTEGER NOT NULL CHECK (influence BETWEEN 1 AND 5),
    answered_at TEXT NOT NULL,
    PRIMARY KEY (cycle, account)
) WITHOUT ROWID;

-- The team's yearly self-assessment of the Place x Phase grid (JSON), one per year.
CREATE TABLE self_assessments (
    year       INTEGER PRIMARY KEY,
    grid       TEXT NOT NULL,
    note       TEXT NOT NULL DEFAULT '',
    updated_by TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
