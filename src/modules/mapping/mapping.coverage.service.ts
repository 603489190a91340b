/** Coverage: gathers supply (directory), population (data repository) and the front-line feed (intake), then computes. */
import type { Database } from '../../core/db/database';
import type { Actor } from '../../core/accounts/actor';
import { authorizeAction } from '../../core/policy';
import { Errors } from '../../core/http/errors';
import { findIndicators, indicatorSeriesForPlaces } from '../data/data.api';
import { needDomains, serviceSupply } from '../directory/directory.api';
import { computeCoverage, coverageCsv, sumsAsFeed, SUPPRESSION_THRESHOLD } from './mapping.coverage';
import { can } from './mapping.policy';
import * as repo from './mapping.repository';
import type { Coverage } from './mapping.schema';

/** 'YYYY-MM' of the first month counted when looking back `months` months from `today`. */
export function firstMonth(months: number, today = new Date()): string {
  const d = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - (months - 1), 1));
  return d.toISOString().slice(0, 7);
}

async function populations(database: Database, actor: Actor, placeIds: string[]) {
  const out = new Map<string, { value: number; period: string }>();
  const [indicator] = (await findIndicators(database.db, actor, { q: 'population.total', limit: 10 })).filter((i) => i.code === 'population.total');
  if (!indicator) return out;
  const series = await indicatorSeriesForPlaces(database.db, actor, { indicatorId: indicator.id, geographyIds: placeIds });
  for (const id of placeIds) {
    const points = series.get(id) ?? [];
    const latest = points.filter((p) => !p.isProjection && p.value !== null).sort((a, b) => a.period.localeCompare(b.period)).pop();
    if (latest) out.set(id, { value: latest.value!, period: latest.period });
  }
  return out;
}

/** Supply and demand per need domain × municipality of a region, every figure about people through disclosure control. */
export async function loadCoverage(database: Database, actor: Actor, q: { regionId: string; months: number }): Promise<Coverage> {
  authorizeAction(can, actor, 'mapping.read', {});
  const region = await repo.findGeography(database.db, q.regionId);
  if (!region) throw Errors.notFound('Region');
  const places = await repo.municipalitiesUnder(database.db, q.regionId);
  if (places.length === 0) throw Errors.validation([{ field: 'regionId', message: 'This place has no municipalities under it' }]);
  const domains = await needDomains(database.db);
  const placeIds = places.map((p) => p.id);
  const supply = await serviceSupply(database.db, placeIds);
  const pops = await populations(database, actor, placeIds);
  const fromMonth = firstMonth(q.months);
  // The front line as of the last refresh (mapping.feed.ts), for this region's municipalities only.
  const stored = await repo.frontLineFor(database.db, places.map((p) => p.code), fromMonth);
  const cells = computeCoverage({
    places: places.map((p) => ({ id: p.id, code: p.code, population: pops.get(p.id)?.value ?? null })),
    domains: domains.map((d) => d.code),
    supply,
    feed: sumsAsFeed(stored),
    fromMonth,
  });
  const popPeriods = [...pops.values()].map((p) => p.period).sort();
  const feedMonths = stored.map((r) => r.month).sort();
  return {
    region: { id: region.id, name: region.name, nameFr: region.nameFr },
    places: places.map((p) => ({ id: p.id, code: p.code, name: p.name, nameFr: p.nameFr, population: pops.get(p.id)?.value ?? null, populationPeriod: pops.get(p.id)?.period ?? null, boundary: (p.boundary as Record<string, unknown> | null) ?? null })),
    domains: domains.map((d) => ({ code: d.code, name: d.name, nameFr: d.nameFr })),
    cells,
    sources: [
      { kind: 'directory' as const, name: 'Service directory (active services, their service areas and locations)', asOf: new Date().toISOString().slice(0, 10) },
      { kind: 'population' as const, name: 'Community data repository: population', asOf: popPeriods.at(-1) ?? null },
      { kind: 'feed' as const, name: `No Wrong Door de-identified feed, ${fromMonth} onward`, from: fromMonth, asOf: feedMonths.at(-1) ?? null },
    ],
    suppressionThreshold: SUPPRESSION_THRESHOLD,
  };
}

/**
 * Decides the coverage of every region with front-line figures (the default window), so that
 * the first reader after a refresh or a restart does not wait for the disclosure solve: the
 * decisions are kept by mapping.disclosure.ts until the counts change. Yields between regions.
 */
export async function warmCoverage(database: Database, actor: Actor, months = 12): Promise<number> {
  let warmed = 0;
  for (const regionId of await repo.regionsWithFrontLine(database.db)) {
    await new Promise((resolve) => setImmediate(resolve));
    await loadCoverage(database, actor, { regionId, months });
    warmed++;
  }
  return warmed;
}

export function coverageAsCsv(c: Pick<Coverage, 'cells' | 'places' | 'domains'>, lang: 'en' | 'fr' = 'en'): string {
  return coverageCsv(
    c.cells,
    new Map(c.places.map((p) => [p.id, lang === 'fr' ? p.nameFr : p.name])),
    new Map(c.domains.map((d) => [d.code, lang === 'fr' ? d.nameFr : d.name])),
  );
}
