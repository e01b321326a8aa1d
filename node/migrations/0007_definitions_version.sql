-- The version of the network's definitions a release was checked against when it was built:
-- the hub checks it against the same version for a while after a newer one is published.
ALTER TABLE releases ADD COLUMN definitions_version INTEGER;
