import { customType, boolean, date, doublePrecision, integer, jsonb, numeric, text, time, timestamp, uuid, pgTable } from 'drizzle-orm/pg-core';

/**
 * Drizzle mirrors of the directory's tables, for typed queries. The SQL migrations are the
 * source of truth for constraints and indexes (docs/decisions/0001). Regenerate with
 * `drizzle-kit pull` against a migrated database when a migration adds columns.
 */
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });
export const directoryOrganizationDetails = pgTable('directory_organization_details', {
  organizationId: uuid("organization_id").primaryKey().notNull(),
  taxStatus: text("tax_status"),
  taxId: text("tax_id"),
  yearIncorporated: integer("year_incorporated"),
  legalStatus: text("legal_status"),
  logo: text(),
  uri: text(),
  translations: jsonb().default({}).notNull(),
});

export const directoryOrganizationIdentifiers = pgTable('directory_organization_identifiers', {
  id: uuid().primaryKey().notNull(),
  organizationId: uuid("organization_id").notNull(),
  identifierScheme: text("identifier_scheme"),
  identifierType: text("identifier_type").notNull(),
  identifier: text().notNull(),
});

export const directoryPrograms = pgTable('directory_programs', {
  id: uuid().primaryKey().notNull(),
  organizationId: uuid("organization_id").notNull(),
  name: text().notNull(),
  alternateName: text("alternate_name"),
  description: text().default('').notNull(),
  translations: jsonb().default({}).notNull(),
});

export const directoryServices = pgTable('directory_services', {
  id: uuid().primaryKey().notNull(),
  organizationId: uuid("organization_id").notNull(),
  programId: uuid("program_id"),
  name: text().notNull(),
  alternateName: text("alternate_name"),
  description: text(),
  url: text(),
  email: text(),
  status: text().default('active').notNull(),
  interpretationServices: text("interpretation_services"),
  applicationProcess: text("application_process"),
  feesDescription: text("fees_description"),
  fees: text(),
  waitTime: text("wait_time"),
  accreditations: text(),
  licenses: text(),
  eligibilityDescription: text("eligibility_description"),
  minimumAge: numeric("minimum_age"),
  maximumAge: numeric("maximum_age"),
  assuredDate: date("assured_date"),
  assurerEmail: text("assurer_email"),
  alert: text(),
  translations: jsonb().default({}).notNull(),
  eligibility: jsonb().default({}).notNull(),
  lastVerifiedAt: timestamp("last_verified_at", { withTimezone: true, mode: 'string' }),
  lastVerifiedBy: text("last_verified_by"),
  version: integer().default(1).notNull(),
  createdAt: timestamp("created_at", { withTimezone: true, mode: 'string' }).defaultNow().notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true, mode: 'string' }).defaultNow().notNull(),
});

export const directoryLocations = pgTable('directory_locations', {
  id: uuid().primaryKey().notNull(),
  locationType: text("location_type").default('physical').notNull(),
  url: text(),
  organizationId: uuid("organization_id"),
  name: text(),
  alternateName: text("alternate_name"),
  description: text(),
  transportation: text(),
  latitude: doublePrecision(),
  longitude: doublePrecision(),
  externalIdentifier: text("external_identifier"),
  externalIdentifierType: text("external_identifier_type"),
  geographyId: uuid("geography_id"),
  translations: jsonb().default({}).notNull(),
});

export const directoryServiceAtLocations = pgTable('directory_service_at_locations', {
  id: uuid().primaryKey().notNull(),
  serviceId: uuid("service_id").notNull(),
  locationId: uuid("location_id").notNull(),
  description: text(),
  translations: jsonb().default({}).notNull(),
});

export const directoryAddresses = pgTable('directory_addresses', {
  id: uuid().primaryKey().notNull(),
  locationId: uuid("location_id").notNull(),
  attention: text(),
  address1: text("address_1").notNull(),
  address2: text("address_2"),
  city: text().notNull(),
  region: text(),
  stateProvince: text("state_province").notNull(),
  postalCode: text("postal_code").notNull(),
  country: text().notNull(),
  addressType: text("address_type").default('physical').notNull(),
});

export const directoryContacts = pgTable('directory_contacts', {
  id: uuid().primaryKey().notNull(),
  organizationId: uuid("organization_id"),
  serviceId: uuid("service_id"),
  serviceAtLocationId: uuid("service_at_location_id"),
  locationId: uuid("location_id"),
  name: text(),
  title: text(),
  department: text(),
  email: text(),
});

export const directoryPhones = pgTable('directory_phones', {
  id: uuid().primaryKey().notNull(),
  locationId: uuid("location_id"),
  serviceId: uuid("service_id"),
  organizationId: uuid("organization_id"),
  contactId: uuid("contact_id"),
  serviceAtLocationId: uuid("service_at_location_id"),
  number: text().notNull(),
  extension: numeric({ mode: 'number' }),
  type: text(),
  description: text(),
});

export const directorySchedules = pgTable('directory_schedules', {
  id: uuid().primaryKey().notNull(),
  serviceId: uuid("service_id"),
  locationId: uuid("location_id"),
  serviceAtLocationId: uuid("service_at_location_id"),
  validFrom: date("valid_from"),
  validTo: date("valid_to"),
  dtstart: date(),
  timezone: numeric(),
  until: date(),
  count: integer(),
  wkst: text(),
  freq: text(),
  interval: integer(),
  byday: text(),
  byweekno: text(),
  bymonthday: text(),
  byyearday: text(),
  description: text(),
  opensAt: time("opens_at"),
  closesAt: time("closes_at"),
  scheduleLink: text("schedule_link"),
  attendingType: text("attending_type"),
  notes: text(),
});

export const directoryServiceAreas = pgTable('directory_service_areas', {
  id: uuid().primaryKey().notNull(),
  serviceId: uuid("service_id").notNull(),
  name: text(),
  description: text(),
  extent: text(),
  extentType: text("extent_type"),
  uri: text(),
  geographyId: uuid("geography_id"),
});

export const directoryLanguages = pgTable('directory_languages', {
  id: uuid().primaryKey().notNull(),
  serviceId: uuid("service_id"),
  locationId: uuid("location_id"),
  phoneId: uuid("phone_id"),
  name: text(),
  code: text(),
  note: text(),
});

export const directoryAccessibility = pgTable('directory_accessibility', {
  id: uuid().primaryKey().notNull(),
  locationId: uuid("location_id").notNull(),
  description: text(),
  details: text(),
  url: text(),
});

export const directoryCostOptions = pgTable('directory_cost_options', {
  id: uuid().primaryKey().notNull(),
  serviceId: uuid("service_id").notNull(),
  validFrom: date("valid_from"),
  validTo: date("valid_to"),
  option: text(),
  currency: text(),
  amount: numeric(),
  amountDescription: text("amount_description"),
});

export const directoryFundings = pgTable('directory_fundings', {
  id: uuid().primaryKey().notNull(),
  organizationId: uuid("organization_id"),
  serviceId: uuid("service_id"),
  source: text(),
});

export const directoryRequiredDocuments = pgTable('directory_required_documents', {
  id: uuid().primaryKey().notNull(),
  serviceId: uuid("service_id").notNull(),
  document: text(),
  uri: text(),
});

export const directoryTaxonomyTerms = pgTable('directory_taxonomy_terms', {
  id: uuid().primaryKey().notNull(),
  code: text(),
  name: text().notNull(),
  description: text().default('').notNull(),
  parentId: uuid("parent_id"),
  taxonomy: text(),
  language: text(),
  taxonomyId: uuid("taxonomy_id"),
  termUri: text("term_uri"),
  translations: jsonb().default({}).notNull(),
});

export const directoryTaxonomies = pgTable('directory_taxonomies', {
  id: uuid().primaryKey().notNull(),
  name: text().notNull(),
  description: text().default('').notNull(),
  uri: text(),
  version: text(),
});

export const directoryAttributes = pgTable('directory_attributes', {
  id: uuid().primaryKey().notNull(),
  linkId: uuid("link_id").notNull(),
  taxonomyTermId: uuid("taxonomy_term_id").notNull(),
  linkType: text("link_type"),
  linkEntity: text("link_entity").notNull(),
  value: text(),
});

export const directoryMetadata = pgTable('directory_metadata', {
  id: uuid().defaultRandom().primaryKey().notNull(),
  resourceId: uuid("resource_id").notNull(),
  resourceType: text("resource_type").notNull(),
  lastActionDate: timestamp("last_action_date", { withTimezone: true, mode: 'string' }).defaultNow().notNull(),
  lastActionType: text("last_action_type").notNull(),
  fieldName: text("field_name").notNull(),
  previousValue: text("previous_value").default('').notNull(),
  replacementValue: text("replacement_value").default('').notNull(),
  updatedBy: text("updated_by").notNull(),
});

export const directoryServiceCapacities = pgTable('directory_service_capacities', {
  id: uuid().primaryKey().notNull(),
  serviceId: uuid("service_id").notNull(),
  unitId: uuid("unit_id").notNull(),
  available: numeric().notNull(),
  maximum: numeric(),
  description: text(),
  updated: timestamp({ withTimezone: true, mode: 'string' }).defaultNow().notNull(),
  updatedBy: text("updated_by"),
});

export const directoryUnits = pgTable('directory_units', {
  id: uuid().primaryKey().notNull(),
  name: text().notNull(),
  scheme: text(),
  identifier: text(),
  uri: text(),
  translations: jsonb().default({}).notNull(),
});

export const directoryServiceSearch = pgTable('directory_service_search', {
  serviceId: uuid("service_id").primaryKey().notNull(),
  tsvEn: tsvector("tsv_en").notNull(),
  tsvFr: tsvector("tsv_fr").notNull(),
  folded: text().notNull(),
  foldedNames: text("folded_names").default('').notNull(),
  languageCodes: text("language_codes").array().default([""]).notNull(),
  termIds: uuid("term_ids").array().default([""]).notNull(),
  geographyIds: uuid("geography_ids").array().default([""]).notNull(),
  isFree: boolean("is_free").default(false).notNull(),
  wheelchair: boolean().default(false).notNull(),
  minimumAge: numeric("minimum_age"),
  maximumAge: numeric("maximum_age"),
  latitudes: doublePrecision().array().default([]).notNull(),
  longitudes: doublePrecision().array().default([]).notNull(),
});

export const directorySettings = pgTable('directory_settings', {
  key: text().primaryKey().notNull(),
  value: jsonb().notNull(),
});

export const directoryPostalAreas = pgTable('directory_postal_areas', {
  fsa: text().primaryKey().notNull(),
  place: text().notNull(),
  latitude: doublePrecision().notNull(),
  longitude: doublePrecision().notNull(),
});
