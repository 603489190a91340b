import { boolean, doublePrecision, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const geographyLevels = ['province', 'upper_tier', 'service_manager_area', 'municipality', 'neighbourhood', 'custom'] as const;
export type GeographyLevel = (typeof geographyLevels)[number];

export const geographies = pgTable('geographies', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull(),
  sgcCode: text('sgc_code'),
  level: text('level').$type<GeographyLevel>().notNull(),
  nameEn: text('name_en').notNull(),
  nameFr: text('name_fr').notNull(),
  parentId: uuid('parent_id'),
  boundary: jsonb('boundary').$type<GeoJsonGeometry | null>(),
  boundaryApproximate: boolean('boundary_approximate').notNull().default(false),
  latitude: doublePrecision('latitude'),
  longitude: doublePrecision('longitude'),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
export type GeographyRow = typeof geographies.$inferSelect;

type Position = [number, number];
export type GeoJsonGeometry = { type: 'Polygon'; coordinates: Position[][] } | { type: 'MultiPolygon'; coordinates: Position[][][] };
