-- The finder excludes inactive services by their (short) list rather than joining every match
-- to the services table; this index answers "which services are not active" directly.
CREATE INDEX IF NOT EXISTS directory_services_inactive_idx ON directory_services (id) WHERE status <> 'active';
-- "Near a place": a latitude range scan, filtered by longitude in the index, gives the planner
-- an estimate from column statistics (the GiST earth_box operator's is a fixed guess).
CREATE INDEX IF NOT EXISTS directory_locations_lat_lon_idx ON directory_locations (latitude, longitude) WHERE latitude IS NOT NULL AND longitude IS NOT NULL;
-- From the locations in the radius to their services without visiting the link table's rows.
CREATE INDEX IF NOT EXISTS directory_sal_location_service_idx ON directory_service_at_locations (location_id, service_id);
