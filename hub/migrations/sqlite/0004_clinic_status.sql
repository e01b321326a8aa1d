-- What administrators check for each clinic: when its node last called, and the definitions
-- version it last fetched.
ALTER TABLE clinics ADD COLUMN last_seen_at TEXT;
ALTER TABLE clinics ADD COLUMN definitions_version INTEGER;
