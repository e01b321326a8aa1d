-- What families said of a practice in the public catalogue, as counts only: who said it (not
-- even their address) is never stored.
CREATE TABLE catalogue_reactions (
    practice TEXT NOT NULL REFERENCES practices (id),
    kind     TEXT NOT NULL CHECK (kind IN ('tried', 'helped')),
    count    INTEGER NOT NULL,
    PRIMARY KEY (practice, kind)
);
