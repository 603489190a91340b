import type { Database } from '../../core/db/database';
import type { Actor, RequestMeta } from '../../core/accounts/actor';
import { recordSystemObservations, type SystemObservation } from '../data/data.api';
import type { aggregateFeed } from './intake.reports';

type Feed = Awaited<ReturnType<typeof aggregateFeed>>;

const indicators = [
  { code: 'nwd.needs_identified', name: { en: 'Needs identified at common intake', fr: 'Besoins relevés à l’accueil commun' }, unit: 'count' as const, direction: 'neutral' as const },
  { code: 'nwd.referrals', name: { en: 'Referrals by category and outcome', fr: 'Aiguillages par catégorie et résultat' }, unit: 'count' as const, direction: 'neutral' as const },
  { code: 'nwd.unmet_needs', name: { en: 'Unmet needs (referrals rejected)', fr: 'Besoins non comblés (aiguillages refusés)' }, unit: 'count' as const, direction: 'lower_is_better' as const },
  { code: 'nwd.referral_paths', name: { en: 'Referral paths between sectors', fr: 'Parcours d’aiguillage entre secteurs' }, unit: 'count' as const, direction: 'neutral' as const },
];

/** Publishes the (already suppressed) feed into the community data repository, if that module is in. */
export async function publishFeed(database: Database, actor: Actor, feed: Feed, meta: RequestMeta = {}): Promise<string> {
  const rows: SystemObservation[] = feed.rows.map((r) => ({
    indicatorCode: `nwd.${r.measure}`,
    geographyCode: r.municipalityCode ?? 'unknown',
    period: r.month,
    value: r.value,
    status: r.suppressed ? 'suppressed' : 'provisional',
    disaggregation: { category: r.category, ...(r.outcome ? { outcome: r.outcome } : {}) },
  }));
  try {
    const res = await recordSystemObservations(database, actor, meta, { source: 'intake', indicators, rows });
    return `Published ${rows.length} rows: ${res.created} created, ${res.updated} updated, ${res.unchanged} unchanged.`;
  } catch (e) {
    if (e instanceof Error && /not implemented/i.test(e.message)) return `Not published: the community data repository is not available yet (${e.message}). ${rows.length} rows ready.`;
    throw e;
  }
}
