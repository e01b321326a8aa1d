-- The family-facing texts of public practices, as the network's editors write them: the
-- current version of each practice and language here, every version in catalogue_versions.
CREATE TABLE catalogue_texts (
    practice  TEXT NOT NULL REFERENCES practices (id),
    lang      TEXT NOT NULL CHECK (lang IN ('en', 'fr')),
    version   INTEGER NOT NULL,
    body      TEXT NOT NULL,
    published INTEGER NOT NULL,
    edited_by TEXT NOT NULL,
    edited_at TEXT NOT NULL,
    PRIMARY KEY (practice, lang)
);

CREATE TABLE catalogue_versions (
    practice  TEXT NOT NULL REFERENCES practices (id),
    lang      TEXT NOT NULL,
    version   INTEGER NOT NULL,
    body      TEXT NOT NULL,
    published INTEGER NOT NULL,
    edited_by TEXT NOT NULL,
    edited_at TEXT NOT NULL,
    PRIMARY KEY (practice, lang, version)
);

-- The published texts' search terms (folded and stemmed by the hub, the same on both engines).
CREATE VIRTUAL TABLE catalogue_search USING fts5 (
    practice UNINDEXED,
    lang UNINDEXED,
    title,
    body,
    tokenize = 'unicode61 remove_diacritics 2'
);
