-- The family-facing texts of public practices, as the network's editors write them: the
-- current version of each practice and language here, every version in catalogue_versions.
-- `search` holds a published text's terms (folded and stemmed by the hub, the same on both
-- engines), the title weighted above the rest; NULL while unpublished.
CREATE TABLE catalogue_texts (
    practice  TEXT NOT NULL REFERENCES practices (id),
    lang      TEXT NOT NULL CHECK (lang IN ('en', 'fr')),
    version   BIGINT NOT NULL,
    body      JSONB NOT NULL,
    published BOOLEAN NOT NULL,
    edited_by TEXT NOT NULL,
    edited_at TIMESTAMPTZ NOT NULL,
    search    TSVECTOR,
    PRIMARY KEY (practice, lang)
);
CREATE INDEX catalogue_texts_search ON catalogue_texts USING GIN (search);

CREATE TABLE catalogue_versions (
    practice  TEXT NOT NULL REFERENCES practices (id),
    lang      TEXT NOT NULL,
    version   BIGINT NOT NULL,
    body      JSONB NOT NULL,
    published BOOLEAN NOT NULL,
    edited_by TEXT NOT NULL,
    edited_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (practice, lang, version)
);
