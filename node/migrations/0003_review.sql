-- Review before release: what the scrubber and the reviewer did to each field, kept with the
-- release, and the choices staff made (a redaction added, or a false one removed), kept for
-- good so the record of who decided what is never lost.

ALTER TABLE releases ADD COLUMN review TEXT NOT NULL DEFAULT '[]';

CREATE TABLE redaction_choices (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    kind        TEXT NOT NULL,
    record_id   TEXT NOT NULL,
    field       TEXT NOT NULL,
    text_sha256 TEXT NOT NULL,
    action      TEXT NOT NULL CHECK (action IN ('add', 'remove')),
    start_byte  INTEGER NOT NULL,
    end_byte    INTEGER NOT NULL,
    category    TEXT NOT NULL,
    decided_by  TEXT NOT NULL,
    decided_at  TEXT NOT NULL
);
CREATE INDEX redaction_choices_record ON redaction_choices (kind, record_id);
