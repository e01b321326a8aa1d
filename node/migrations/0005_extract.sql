-- The clinic's patient-level extract, kept only here: each table's rows as last imported
-- (cells in the dictionary's field order, separated by U+001F), and which file they came
-- from. Nothing in these tables is ever put in a release.

CREATE TABLE extract_rows (
    table_name TEXT NOT NULL,
    line       INTEGER NOT NULL,
    cells      TEXT NOT NULL,
    PRIMARY KEY (table_name, line)
) WITHOUT ROWID;

CREATE TABLE extract_files (
    table_name         TEXT PRIMARY KEY,
    file_name          TEXT NOT NULL,
    sha256             TEXT NOT NULL,
    row_count          INTEGER NOT NULL,
    dictionary_version INTEGER NOT NULL,
    extracted_on       TEXT NOT NULL,
    imported_at        TEXT NOT NULL,
    imported_by        TEXT NOT NULL
);

-- Which column of a clinic's files holds each field, where it is not the field's own name.
CREATE TABLE extract_mappings (
    table_name TEXT NOT NULL,
    field      TEXT NOT NULL,
    column_name TEXT NOT NULL,
    PRIMARY KEY (table_name, field)
);
