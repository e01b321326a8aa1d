-- Every version of every value a clinic released, so that a new value can be checked against
-- all of them: a revision, or any two months of a running total, must not differ by a small
-- count. measure_values keeps only the current version.
CREATE TABLE value_versions (
    clinic      TEXT NOT NULL REFERENCES clinics (id),
    measure     TEXT NOT NULL,
    month       TEXT NOT NULL,
    sequence    BIGINT NOT NULL,
    numerator   BIGINT,
    denominator BIGINT,
    suppressed  BOOLEAN NOT NULL,
    PRIMARY KEY (clinic, measure, month, sequence)
);

INSERT INTO value_versions (clinic, measure, month, sequence, numerator, denominator, suppressed)
SELECT clinic, measure, month, sequence, numerator, denominator, suppressed FROM measure_values;
