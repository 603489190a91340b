import type { Database } from '../../core/db/database';
import type { Actor, RequestMeta } from '../../core/accounts/actor';
import { recordSystemObservations, type SystemObservation } from '../data/data.api';
import type { aggregateFeed } from './intake.reports';

type Feed = Awaited<ReturnType<typeof aggregateFeed>>;

const indicators = [
  { code: 'nwd.needs_identified', name: { en: 'Needs identified at common intake', fr: 'Besoins relevés à l’accueil commun' }, unit: 'count' as const, direction: 'neutral' as const },
  { code: 'nwd.referrals', name: { en: 'Referrals by category and outcome', fr: 'Aiguillages par catégorie et résultat' }, unit: 'count' as const, direction: 'neutral' as const },
  { code: 'nwd.unmet_needs', name: { en: 'Unmet needs (no matching service, rejected or waitlisted)', fr: 'Besoins non comblés (aucun service correspondant, aiguillage refusé ou liste d’attente)' }, unit: 'count' as const, direction: 'lower_is_better' as const },
  { code: 'nwd.referral_paths', name: { en: 'Referral paths between sectors', fr: 'Parcours d’aiguillage entre secteurs' }, unit: 'count' as const, direction: 'neutral' as const },
];

/**
 * Publishes the (already protected) feed into the community data repository. Rows whose
 * clients have no municipality on record cannot be placed on a map and are left out.
 */
export async function publishFeed(database: Database, actor: Actor, feed: Feed, meta: RequestMeta = {}): Promise<string> {
  const placed = feed.rows.filter((r) => r.municipalityCode);
  const rows: SystemObservation[] = placed.map((r) => ({
    indicatorCode: `nwd.${r.measure}`,
    geographyCode: r.municipalityCode!,
    period: r.month,
    value: r.value,
    status: r.suppressed ? 'suppressed' : 'provisional',
    disaggregation: { category: r.category, ...(r.outcome ? { outcome: r.outcome } : {}) },
  }));
  // Each municipality's monthly total, protected with its cells, is the observation's total.
  for (const t of feed.totals) {
    if (t.across !== 'categories' || !t.municipalityCode) continue;
    rows.push({ indicatorCode: `nwd.${t.measure}`, geographyCode: t.municipalityCode, period: t.month, value: t.value, status: t.suppressed ? 'suppressed' : 'provisional' });
  }
  // The repository protects them again as a table set of its own (stored decisions); cells the
  // feed hid arrive without a value, so it can only hide more.
  const res = await recordSystemObservations(database, actor, meta, { source: 'intake', indicators, rows });
  const unplaced = feed.rows.length - placed.length;
  return `Published ${rows.length} rows: ${res.created} created, ${res.updated} updated, ${res.unchanged} unchanged.${unplaced ? ` ${unplaced} rows without a municipality were left out.` : ''}`;
}
