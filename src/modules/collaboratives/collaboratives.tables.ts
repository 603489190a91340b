import { integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const collaborativeTypes = ['lip_partnership_council', 'planning_table', 'network', 'task_force', 'roundtable', 'hub_steering_committee', 'other'] as const;

export const collaboratives = pgTable('collaboratives', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  shortName: text('short_name'),
  type: text('type').$type<(typeof collaborativeTypes)[number]>().notNull(),
  scope: text('scope').$type<'local' | 'regional'>().notNull().default('local'),
  catchmentGeographyId: uuid('catchment_geography_id'),
  leadOrganizationId: uuid('lead_organization_id'),
  focus: text('focus'),
  mission: text('mission'),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
export type CollaborativeRow = typeof collaboratives.$inferSelect;
