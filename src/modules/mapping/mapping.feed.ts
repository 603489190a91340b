/**
 * The front line feeds the plan: the de-identified No Wrong Door feed is published into the
 * community data repository on a schedule inside the server (daily by default; the interval is
 * a setting), and on demand from the CLI or the API. The coverage views read the same feed.
 */
import type { Database } from '../../core/db/database';
import { repeatEvery, type RepeatingWork } from '../../core/repeating';
import type { Actor, RequestMeta } from '../../core/accounts/actor';
import { systemActor } from '../../core/accounts/actor';
import { authorizeAction } from '../../core/policy';
import { runCommand } from '../../core/command';
import { Errors } from '../../core/http/errors';
import { aggregateFeed, publishFeed } from '../intake/intake.api';
import { collaborativesInventory } from '../collaboratives/collaboratives.api';
import { discloseTable, gridId, gridTable } from './mapping.disclosure';
import { SUPPRESSION_THRESHOLD, summariseFeed } from './mapping.coverage';
import { firstMonth, warmCoverage } from './mapping.coverage.service';
import { can } from './mapping.policy';
import * as repo from './mapping.repository';

/** Refreshes the front line, then (in the background unless `warm` is awaited) decides the coverage tables ahead of readers. */
export async function refreshFeed(database: Database, actor: Actor, meta: RequestMeta = {}, warm: 'background' | 'await' | 'skip' = 'background'): Promise<string> {
  authorizeAction(can, actor, 'mapping.feed.refresh', {});
  const feed = await aggregateFeed(database, {});
  const result = await publishFeed(database, actor, feed, meta);
  await runCommand({ database, actor, meta }, async (tx) => {
    await repo.replaceFrontLine(tx, summariseFeed(feed.rows));
    await repo.recordRefresh(tx, result);
    return { result: null, audit: { action: 'mapping.feed.refresh', entityType: 'mapping_settings', details: { result } } };
  });
  if (warm === 'await') await warmCoverage(database, actor);
  else if (warm === 'background') warmCoverage(database, actor).catch(() => {});
  return result;
}

export async function feedSettings(database: Database, actor: Actor) {
  authorizeAction(can, actor, 'mapping.read', {});
  const s = await repo.getSettings(database.db);
  return {
    feedRefreshHours: s.feedRefreshHours,
    feedRefreshedAt: s.feedRefreshedAt ? new Date(s.feedRefreshedAt).toISOString() : null,
    feedLastResult: s.feedLastResult,
    actions: { 'mapping.feed.refresh': can(actor, 'mapping.feed.refresh', {}) },
  };
}

export async function setFeedSchedule(database: Database, actor: Actor, meta: RequestMeta, hours: number) {
  authorizeAction(can, actor, 'mapping.feed.refresh', {});
  await runCommand({ database, actor, meta }, async (tx) => {
    await repo.setRefreshHours(tx, hours);
    return { result: null, audit: { action: 'mapping.feed.schedule', entityType: 'mapping_settings', details: { hours } } };
  });
  return feedSettings(database, actor);
}

/** Is a scheduled refresh due? (pure, for the timer and its test) */
export function refreshDue(s: { feedRefreshHours: number; feedRefreshedAt: Date | string | null }, now = Date.now()): boolean {
  if (s.feedRefreshHours <= 0) return false;
  if (!s.feedRefreshedAt) return true;
  return now - new Date(s.feedRefreshedAt).getTime() >= s.feedRefreshHours * 3600_000;
}

const CHECK_EVERY_MS = 10 * 60_000;
const WARM_AFTER_START_MS = 5_000;
const schedules = new WeakMap<Database, RepeatingWork>();

/** Starts the schedule (manifest `init`): every ten minutes, refresh when due. */
export function startSchedule(database: Database, log: (m: string) => void = () => {}) {
  if (schedules.has(database)) return;
  let warmedFor: string | null = null;
  const warm = async (refreshedAt: string | null) => {
    await warmCoverage(database, systemActor('mapping-scheduler'));
    warmedFor = refreshedAt;
  };
  const round = async () => {
    const settings = await repo.getSettings(database.db);
    if (refreshDue(settings)) {
      log(await refreshFeed(database, systemActor('mapping-scheduler'), {}, 'skip'));
      await warm(String((await repo.getSettings(database.db)).feedRefreshedAt));
    } else if (String(settings.feedRefreshedAt) !== warmedFor) {
      // refreshed elsewhere (the CLI, another server): decide the new tables here too
      await warm(String(settings.feedRefreshedAt));
    }
  };
  // After a restart the kept decisions are gone: decide the current tables once the server is up.
  schedules.set(database, repeatEvery(CHECK_EVERY_MS, round, { onError: (e) => log(`Front-line feed refresh failed: ${e.message}`), firstAfterMs: WARM_AFTER_START_MS }));
}

/** Stops the schedule; resolves once a refresh under way has finished. */
export async function stopSchedule(database: Database) {
  const work = schedules.get(database);
  schedules.delete(database);
  await work?.stop();
}

/** "From the front line": needs and unmet needs of a collaborative's catchment, by domain. */
export async function frontLineForCollaborative(database: Database, actor: Actor, collaborativeId: string, months: number) {
  authorizeAction(can, actor, 'mapping.read', {});
  const c = (await collaborativesInventory(database, actor)).find((x) => x.id === collaborativeId);
  if (!c) throw Errors.notFound('Collaborative');
  const codes = new Set(c.catchmentGeographyId ? await repo.placeCodesUnder(database.db, c.catchmentGeographyId) : []);
  const fromMonth = firstMonth(months);
  const stored = await repo.frontLineFor(database.db, [...codes], fromMonth);
  const sums = new Map<string, { needs: number; unmet: number }>();
  const hidden = new Set<string>();
  for (const r of stored) {
    const s = sums.get(r.domain) ?? { needs: 0, unmet: 0 };
    sums.set(r.domain, s);
    // as in coverage: a sum built from a count hidden at source goes to the engine as withheld by the source
    if (r.hidden) hidden.add(`${r.measure}|${r.domain}`);
    if (r.measure === 'needs_identified') s.needs += r.visible; else s.unmet += r.visible;
  }
  const domains = [...sums.keys()].sort();
  // The catchment's domains and, through the table set, its total over them (a reader may know it).
  const table = (measure: 'needs' | 'unmet') =>
    gridTable(measure, domains, ['catchment'], (d) => (hidden.has(`${measure === 'needs' ? 'needs_identified' : 'unmet_needs'}|${d}`) ? null : measure === 'needs' ? sums.get(d)!.needs : sums.get(d)!.unmet));
  const [needsTable, unmetTable] = [table('needs'), table('unmet')];
  const shown = discloseTable({ cells: [...needsTable.cells, ...unmetTable.cells], relations: [...needsTable.relations, ...unmetTable.relations] }, SUPPRESSION_THRESHOLD);
  const latest = stored.map((r) => r.month).sort().at(-1) ?? null;
  return {
    collaborativeId, catchmentGeographyId: c.catchmentGeographyId, fromMonth, latestMonth: latest,
    rows: domains.map((d) => {
      const n = shown.get(gridId('needs', d, 'catchment'))!;
      const u = shown.get(gridId('unmet', d, 'catchment'))!;
      return { domain: d, needs: n.value, unmet: u.value, display: { needs: n.display, unmet: u.display } };
    }),
  };
}
