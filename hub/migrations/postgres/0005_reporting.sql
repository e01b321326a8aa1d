-- The completeness page reads a window of months for every clinic: by month, not by clinic.
CREATE INDEX measure_values_by_month ON measure_values (month, clinic);
CREATE INDEX value_versions_by_month ON value_versions (month, clinic);

-- The first month a clinic reported, kept by ingest: from then on it is expected every month.
ALTER TABLE clinics ADD COLUMN first_month TEXT;
UPDATE clinics SET first_month = (SELECT MIN(month) FROM measure_values WHERE clinic = clinics.id);
