-- Foreign keys the HSDS tree and the finder look up by, measured at 60,000 services: without
-- these, building 20 nested services scanned languages, schedules and phones per location
-- (770 ms per page).
CREATE INDEX directory_languages_location_idx ON directory_languages (location_id) WHERE location_id IS NOT NULL;
CREATE INDEX directory_languages_phone_idx ON directory_languages (phone_id) WHERE phone_id IS NOT NULL;
CREATE INDEX directory_schedules_sal_idx ON directory_schedules (service_at_location_id) WHERE service_at_location_id IS NOT NULL;
CREATE INDEX directory_phones_sal_idx ON directory_phones (service_at_location_id) WHERE service_at_location_id IS NOT NULL;
CREATE INDEX directory_phones_contact_idx ON directory_phones (contact_id) WHERE contact_id IS NOT NULL;
CREATE INDEX directory_contacts_location_idx ON directory_contacts (location_id) WHERE location_id IS NOT NULL;
CREATE INDEX directory_contacts_sal_idx ON directory_contacts (service_at_location_id) WHERE service_at_location_id IS NOT NULL;
CREATE INDEX directory_contacts_organization_idx ON directory_contacts (organization_id) WHERE organization_id IS NOT NULL;
CREATE INDEX directory_fundings_service_idx ON directory_fundings (service_id) WHERE service_id IS NOT NULL;
CREATE INDEX directory_fundings_organization_idx ON directory_fundings (organization_id) WHERE organization_id IS NOT NULL;
CREATE INDEX directory_programs_organization_idx ON directory_programs (organization_id);
CREATE INDEX directory_service_areas_lookup_idx ON directory_service_areas (service_id, geography_id);
