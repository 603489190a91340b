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

/** The count indicators a rate may be per 10,000 of (total population first). */
export async function denominators(database: Database, actor: Actor) {
  authorizeAction(can, actor, 'mapping.read', {});
  const all = (await findIndicators(database.db, actor, { limit: 500 })).filter((i) => i.unit === 'count');
  const items = all.map((i) => ({ id: i.id, code: i.code, name: i.name.en, nameFr: i.name.fr ?? i.name.en }));
  return { items: items.sort((a, b) => (a.code === POPULATION ? -1 : b.code === POPULATION ? 1 : a.name.localeCompare(b.name))) };
}

const POPULATION = 'population.total';

async function denominatorOf(database: Database, actor: Actor, id: string | undefined) {
  if (id) {
    const [found] = await findIndicators(database.db, actor, { ids: [id], limit: 1 });
    if (!found) throw Errors.validation([{ field: 'denominatorId', message: 'No such indicator' }]);
    if (found.unit !== 'count') throw Errors.validation([{ field: 'denominatorId', message: 'Choose a count of people (this indicator is not a count)' }]);
    return found;
  }
  return (await findIndicators(database.db, actor, { q: POPULATION, limit: 10 })).find((i) => i.code === POPULATION);
}

async function populations(database: Database, actor: Actor, placeIds: string[], indicator: { id: string } | undefined) {
  const out = new Map<string, { value: number; period: string }>();
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
export async function loadCoverage(database: Database, actor: Actor, q: { regionId: string; months: number; denominatorId?: string }): Promise<Coverage> {
  authorizeAction(can, actor, 'mapping.read', {});
  const region = await repo.findGeography(database.db, q.regionId);
  if (!region) throw Errors.notFound('Region');
  const places = await repo.municipalitiesUnder(database.db, q.regionId);
  if (places.length === 0) throw Errors.validation([{ field: 'regionId', message: 'This place has no municipalities under it' }]);
  const domains = await needDomains(database.db);
  const placeIds = places.map((p) => p.id);
  const supply = await serviceSupply(database.db, placeIds);
  const denominator = await denominatorOf(database, actor, q.denominatorId);
  const pops = await populations(database, actor, placeIds, denominator);
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
      { kind: 'population' as const, name: `Community data repository: ${denominator?.name.en ?? 'population'}`, asOf: popPeriods.at(-1) ?? null },
      { kind: 'feed' as const, name: `No Wrong Door de-identified feed, ${fromMonth} onward`, from: fromMonth, asOf: feedMonths.at(-1) ?? null },
    ],
    suppressionThreshold: SUPPRESSION_THRESHOLD,
    denominator: denominator ? { id: denominator.id, code: denominator.code, name: denominator.name.en, nameFr: denominator.name.fr ?? denominator.name.en } : null,
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
