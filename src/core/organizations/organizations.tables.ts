import { sql } from 'drizzle-orm';
import { integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const organizations = pgTable('organizations', {
  id: uuid('id').primaryKey().defaultRandom(),
  legalName: text('legal_name').notNull(),
  alternateNames: text('alternate_names').array().notNull().default(sql`'{}'`),
  description: text('description'),
  website: text('website'),
  email: text('email'),
  phones: jsonb('phones').$type<OrganizationPhone[]>().notNull().default([]),
  addresses: jsonb('addresses').$type<OrganizationAddress[]>().notNull().default([]),
  sector: text('sector'),
  partnerCategory: text('partner_category'),
  parentId: uuid('parent_id'),
  geographyId: uuid('geography_id'),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  searchText: text('search_text').generatedAlwaysAs(sql`rt_organization_search_text(legal_name, alternate_names)`),
});
export type OrganizationRow = typeof organizations.$inferSelect;

export interface OrganizationPhone {
  number: string;
  extension?: string | null;
  type?: string | null;
  description?: string | null;
}
export interface OrganizationAddress {
  type: 'physical' | 'postal' | 'virtual';
  address1: string;
  address2?: string | null;
  city: string;
  province: string;
  postalCode?: string | null;
  country: string;
}
