-- HSDS 3.0 types a phone's extension as a number. Extensions that are not a plain number
-- (e.g. "ext. 12 or 14") move into the phone's description so nothing is lost.
UPDATE directory_phones
  SET description = concat_ws(' ', nullif(description, ''), 'Extension: ' || extension), extension = NULL
  WHERE extension IS NOT NULL AND btrim(extension) !~ '^[0-9]+(\.[0-9]+)?$';
ALTER TABLE directory_phones ALTER COLUMN extension TYPE numeric USING nullif(btrim(extension), '')::numeric;
