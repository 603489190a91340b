import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import type { SeedContext } from '../module';
import * as repo from './geography.repository';
import type { GeographyLevel } from './geography.tables';

type Ring = [number, number][];
interface SeedPlace {
  code: string;
  level: GeographyLevel;
  nameEn: string;
  nameFr: string;
  parent?: string;
  lat: number;
  lon: number;
  /** Simplified sketch of the boundary; marked approximate. */
  ring?: Ring;
}

/**
 * Ontario, the Regional Municipality of Durham and its eight area municipalities, with
 * Statistics Canada SGC codes (province 35, census division 3518, census subdivisions).
 * The rings below are coarse sketches kept only as a fallback; the seed loads the Statistics
 * Canada boundaries from reference/ instead.
 */
export const ontario: SeedPlace = { code: '35', level: 'province', nameEn: 'Ontario', nameFr: 'Ontario', lat: 50.0, lon: -85.0 };
export const durhamPlaces: SeedPlace[] = [
  { code: '3518', level: 'upper_tier', nameEn: 'Regional Municipality of Durham', nameFr: 'Municipalité régionale de Durham', parent: '35', lat: 44.05, lon: -78.95 },
  { code: '3518001', level: 'municipality', nameEn: 'Pickering', nameFr: 'Pickering', parent: '3518', lat: 43.8384, lon: -79.0868,
    ring: [[-79.17, 43.8], [-79.045, 43.83], [-79.045, 43.89], [-78.975, 43.89], [-78.975, 44.02], [-79.17, 44.02], [-79.17, 43.8]] },
  { code: '3518005', level: 'municipality', nameEn: 'Ajax', nameFr: 'Ajax', parent: '3518', lat: 43.8509, lon: -79.0204,
    ring: [[-79.045, 43.83], [-78.975, 43.84], [-78.975, 43.89], [-79.045, 43.89], [-79.045, 43.83]] },
  { code: '3518009', level: 'municipality', nameEn: 'Whitby', nameFr: 'Whitby', parent: '3518', lat: 43.8975, lon: -78.9429,
    ring: [[-78.975, 43.84], [-78.895, 43.85], [-78.895, 44.05], [-78.975, 44.05], [-78.975, 43.84]] },
  { code: '3518013', level: 'municipality', nameEn: 'Oshawa', nameFr: 'Oshawa', parent: '3518', lat: 43.8971, lon: -78.8658,
    ring: [[-78.895, 43.85], [-78.805, 43.86], [-78.805, 44.05], [-78.895, 44.05], [-78.895, 43.85]] },
  { code: '3518017', level: 'municipality', nameEn: 'Clarington', nameFr: 'Clarington', parent: '3518', lat: 43.9125, lon: -78.6873,
    ring: [[-78.805, 43.86], [-78.56, 43.88], [-78.56, 44.1], [-78.805, 44.1], [-78.805, 43.86]] },
  { code: '3518020', level: 'municipality', nameEn: 'Scugog', nameFr: 'Scugog', parent: '3518', lat: 44.1048, lon: -78.9446,
    ring: [[-78.975, 44.05], [-78.805, 44.05], [-78.805, 44.1], [-78.7, 44.1], [-78.7, 44.25], [-78.975, 44.25], [-78.975, 44.05]] },
  { code: '3518029', level: 'municipality', nameEn: 'Uxbridge', nameFr: 'Uxbridge', parent: '3518', lat: 44.1086, lon: -79.1205,
    ring: [[-79.17, 44.02], [-78.975, 44.02], [-78.975, 44.25], [-79.17, 44.25], [-79.17, 44.02]] },
  { code: '3518039', level: 'municipality', nameEn: 'Brock', nameFr: 'Brock', parent: '3518', lat: 44.3497, lon: -79.0909,
    ring: [[-79.22, 44.25], [-78.92, 44.25], [-78.92, 44.5], [-79.22, 44.5], [-79.22, 44.25]] },
];

async function upsertPlace(ctx: SeedContext, p: SeedPlace): Promise<void> {
  const db = ctx.database.db;
  if (await repo.findByCode(db, p.code)) return;
  const parent = p.parent ? await repo.findByCode(db, p.parent) : undefined;
  await repo.insert(db, {
    code: p.code,
    sgcCode: p.code,
    level: p.level,
    nameEn: p.nameEn,
    nameFr: p.nameFr,
    parentId: parent?.id ?? null,
    latitude: p.lat,
    longitude: p.lon,
    boundary: p.ring ? { type: 'Polygon', coordinates: [p.ring] } : null,
    boundaryApproximate: !!p.ring,
  });
}

interface BoundaryFeature {
  properties: { code: string; level: string; name: string; nameFr: string };
  geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown };
}

/**
 * Statistics Canada boundaries of Durham Region and its eight municipalities, shipped with
 * the code (`reference/`, Open Government Licence – Canada; see reference/NOTICE.md).
 */
export function referenceBoundaries(): Map<string, BoundaryFeature> {
  const file = path.join(path.dirname(fileURLToPath(import.meta.url)), 'reference', 'durham-census-subdivisions.geojson');
  const fc = JSON.parse(fs.readFileSync(file, 'utf8')) as { features: BoundaryFeature[] };
  return new Map(fc.features.map((f) => [f.properties.code, f]));
}

/**
 * Reference data, loaded on every instance (not only the demo), so packages that name these
 * places by SGC code import anywhere: Ontario, Durham Region and its municipalities with their
 * Statistics Canada boundaries. A place seeded earlier with a sketched boundary gets the real one.
 */
export async function seedGeography(ctx: SeedContext): Promise<void> {
  await upsertPlace(ctx, ontario);
  const boundaries = referenceBoundaries();
  for (const p of durhamPlaces) {
    const b = boundaries.get(p.code);
    await upsertPlace(ctx, { ...p, ring: undefined });
    if (b) {
      await ctx.database.db.execute(sql`UPDATE geographies SET boundary = ${JSON.stringify(b.geometry)}::jsonb, boundary_approximate = false, sgc_code = ${p.code},
          version = version + 1, updated_at = now()
        WHERE code = ${p.code} AND (boundary IS NULL OR boundary_approximate)`);
    }
  }
  ctx.log(`geography: Ontario, Durham Region and ${durhamPlaces.length - 1} municipalities (Statistics Canada boundaries)`);
}
