import { differenceInDays } from 'date-fns';
import type { FinderService } from './directory.schema';

type Row = Record<string, unknown>;

/** Pick the text in the reader's language, falling back to the record's own. */
const localized = (svc: Row, field: string, lang: string): string | undefined =>
  ((svc.translations as Record<string, Record<string, string>> | undefined)?.[lang]?.[field] as string | undefined) ?? (svc[field] as string | undefined);

/**
 * The documents to bring, in the reader's language: the service's translations may carry them
 * (`translations.fr.required_documents`, keyed by each required_document row's own text);
 * a document with no translation keeps its own text.
 */
function requiredDocuments(svc: Row, lang: string): string[] {
  const own = ((svc.required_documents as Row[] | undefined) ?? []).map((d) => d.document as string).filter(Boolean);
  const translated = (svc.translations as Record<string, Record<string, unknown>> | undefined)?.[lang]?.required_documents;
  if (!translated || typeof translated !== 'object' || Array.isArray(translated)) return own;
  const map = translated as Record<string, unknown>;
  return own.map((d) => (typeof map[d] === 'string' && (map[d] as string).trim() ? (map[d] as string) : d));
}

/** An HSDS service document (repository/hsds.ts) as the finder shows it to people. */
export function presentForFinder(svc: Row, lang: string, distanceKm: number | null): FinderService {
  const sals = (svc.service_at_locations as Row[] | undefined) ?? [];
  const org = svc.organization as Row;
  const attributes = (svc.attributes as Row[] | undefined) ?? [];
  const capacities = (svc.capacities as Row[] | undefined) ?? [];
  const now = new Date();
  return {
    id: svc.id as string,
    name: localized(svc, 'name', lang) as string,
    description: localized(svc, 'description', lang) ?? '',
    organization: { id: org.id as string, name: org.name as string, website: (org.website as string) ?? null },
    status: svc.status as string,
    applicationProcess: localized(svc, 'application_process', lang) ?? null,
    eligibility: localized(svc, 'eligibility_description', lang) ?? null,
    minimumAge: (svc.minimum_age as number) ?? null,
    maximumAge: (svc.maximum_age as number) ?? null,
    fees: localized(svc, 'fees_description', lang) ?? null,
    free: ((svc.cost_options as Row[] | undefined) ?? []).some((c) => Number(c.amount) === 0 || /^(free|gratuit)$/i.test(String(c.option ?? ''))),
    url: (svc.url as string) ?? null,
    email: (svc.email as string) ?? null,
    distanceKm: distanceKm === null ? null : Math.round(distanceKm * 10) / 10,
    languages: ((svc.languages as Row[] | undefined) ?? []).map((l) => ({ code: (l.code as string) ?? null, name: (l.name as string) ?? null })),
    phones: [
      ...((svc.phones as Row[] | undefined) ?? []),
      ...(((org.phones as Row[] | undefined) ?? []) as Row[]),
    ].map((p) => ({ number: p.number as string, extension: (p.extension as string) ?? null, description: (p.description as string) ?? null })),
    requiredDocuments: requiredDocuments(svc, lang),
    categories: attributes
      .map((a) => a.taxonomy_term as Row | undefined)
      .filter((t): t is Row => !!t)
      .map((t) => ({ id: t.id as string, name: ((t.translations as Record<string, Record<string, string>> | undefined)?.[lang]?.name ?? t.name) as string, taxonomy: (t.taxonomy as string) ?? null })),
    locations: sals.map((sal) => {
      const loc = (sal.location as Row) ?? {};
      const addr = ((loc.addresses as Row[] | undefined) ?? [])[0];
      const schedules = [...((sal.schedules as Row[] | undefined) ?? []), ...((loc.schedules as Row[] | undefined) ?? [])];
      return {
        id: loc.id as string,
        name: (localized(loc, 'name', lang) as string) ?? null,
        latitude: (loc.latitude as number) ?? null,
        longitude: (loc.longitude as number) ?? null,
        geographyCode: (loc.geography_code as string) ?? null,
        address: addr ? [addr.address_1, addr.address_2, `${addr.city}, ${addr.state_province} ${addr.postal_code}`].filter(Boolean).join(', ') : null,
        wheelchairAccessible: ((loc.accessibility as Row[] | undefined) ?? []).some((a) => /wheelchair|fauteuil/i.test(`${a.description ?? ''} ${a.details ?? ''}`)),
        hours: schedules.map((s) => ({ byday: (s.byday as string) ?? null, opensAt: (s.opens_at as string) ?? null, closesAt: (s.closes_at as string) ?? null, description: (s.description as string) ?? null })),
        openNow: schedules.some((s) => isOpen(s, now)),
      };
    }),
    capacity: capacities.map((c) => ({
      unit: ((c.unit as Row)?.name as string) ?? '',
      available: Number(c.available),
      maximum: c.maximum === undefined ? null : Number(c.maximum),
      description: (c.description as string) ?? null,
      updated: c.updated as string,
      ageDays: differenceInDays(now, new Date(c.updated as string)),
    })),
    lastVerifiedAt: (svc.last_verified_at as string) ?? null,
    lastVerifiedBy: (svc.last_verified_by as string) ?? null,
  };
}

const DAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];
/** Open at this moment in Toronto time, for weekly schedules. */
export function isOpen(s: Row, at: Date): boolean {
  if (s.freq !== 'WEEKLY' || !s.opens_at || !s.closes_at) return false;
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Toronto', weekday: 'short', hour: '2-digit', minute: '2-digit', hour12: false }).formatToParts(at);
  const day = parts.find((p) => p.type === 'weekday')!.value.slice(0, 2).toUpperCase();
  const hhmm = `${parts.find((p) => p.type === 'hour')!.value.replace('24', '00')}:${parts.find((p) => p.type === 'minute')!.value}`;
  const byday = String(s.byday ?? '').toUpperCase();
  return DAYS.includes(day) && byday.includes(day) && hhmm >= String(s.opens_at).slice(0, 5) && hhmm < String(s.closes_at).slice(0, 5);
}

