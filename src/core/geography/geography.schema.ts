import { z } from 'zod';
import { requiredText, text, uuid } from '../../shared/contracts';
import { geographyLevels } from './geography.tables';

const position = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);
const ring = z.array(position).min(4, 'A ring needs at least 4 positions');
export const BoundarySchema = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('Polygon'), coordinates: z.array(ring).min(1) }),
    z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(ring).min(1)).min(1) }),
  ])
  .describe('GeoJSON Polygon or MultiPolygon in WGS84 (longitude, latitude)')
  // Both shapes are objects; saying so lets OpenAPI 3.0 mark the nullable uses of it.
  .meta({ type: 'object' });

export const GeographySchema = z.object({
  id: z.string().uuid(),
  code: z.string().describe('Statistics Canada SGC code where one exists, else a custom code'),
  sgcCode: z.string().nullable(),
  level: z.enum(geographyLevels),
  nameEn: z.string(),
  nameFr: z.string(),
  parentId: z.string().uuid().nullable(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  hasBoundary: z.boolean(),
  boundaryApproximate: z.boolean().describe('True when the boundary is a simplified sketch, not an official shape'),
  version: z.number().int(),
});

export const GeographyDetailSchema = GeographySchema.extend({
  boundary: BoundarySchema.nullable(),
  ancestors: z.array(z.object({ id: z.string().uuid(), code: z.string(), nameEn: z.string(), nameFr: z.string(), level: z.string() })),
  children: z.array(GeographySchema),
});

export const GeographyListQuery = z.object({
  level: z.enum(geographyLevels).optional(),
  parentId: uuid.optional(),
  q: text(200).optional().describe('Search English and French names, accent-insensitive'),
});

const fields = {
  code: requiredText(40).pipe(z.string().regex(/^[A-Za-z0-9._-]+$/, 'Use letters, digits, dot, dash or underscore')),
  sgcCode: text(20).nullish(),
  level: z.enum(geographyLevels),
  nameEn: requiredText(200),
  nameFr: requiredText(200),
  parentId: uuid.nullish(),
  boundary: BoundarySchema.nullish(),
  boundaryApproximate: z.boolean().default(false),
  latitude: z.number().min(-90).max(90).nullish(),
  longitude: z.number().min(-180).max(180).nullish(),
};
export const CreateGeographyBody = z.object(fields).strict();
export type CreateGeographyInput = z.infer<typeof CreateGeographyBody>;
export const UpdateGeographyBody = z
  .object({
    nameEn: fields.nameEn.optional(),
    nameFr: fields.nameFr.optional(),
    sgcCode: fields.sgcCode,
    boundary: fields.boundary,
    boundaryApproximate: z.boolean().optional(),
    latitude: fields.latitude,
    longitude: fields.longitude,
    version: z.number().int().min(1),
  })
  .strict();
export type UpdateGeographyInput = z.infer<typeof UpdateGeographyBody>;

export const BoundariesQuery = z.object({ parentId: uuid.optional(), level: z.enum(geographyLevels).optional() });
