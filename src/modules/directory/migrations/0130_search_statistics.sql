-- Three columns of the search row that no search filters or sorts on keep no statistics:
-- `folded` (the spelling list's source, 325 bytes a row) and the locations' coordinates (read
-- from the row once a service is found). ANALYZE of the table, at the import's rebuild and in
-- the embedded database's upkeep, spent a third of its time on them: 0.65 s of 1.0 s at 60,000
-- services, the float arrays' element statistics alone 0.24 s. The import's rebuild copies
-- these settings onto the new table (searchTableShape).
ALTER TABLE directory_service_search
  ALTER COLUMN folded SET STATISTICS 0,
  ALTER COLUMN latitudes SET STATISTICS 0,
  ALTER COLUMN longitudes SET STATISTICS 0;
