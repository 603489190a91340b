import type { TFunction } from 'i18next';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { hoursParts } from './hours';
import { languageName, type FinderCapacity, type FinderService } from './finder';

/** "updated today" / "updated 3 days ago", from the server's age in days. */
export function useFreshness() {
  const { t } = useTranslation();
  return (ageDays: number) =>
    ageDays <= 0 ? t('finder.updatedToday') : ageDays === 1 ? t('finder.updatedYesterday') : t('finder.updatedDaysAgo', { count: ageDays });
}

/** "6 appointments per week available (of 20) · updated today" */
/** A data value in the reader's language when `labels.<kind>` has it (keyed by the English text). */
function dataLabel(t: TFunction, kind: string, text: string): string | null {
  const key = `labels.${kind}.${text.replace(/[^A-Za-z0-9]+/g, '_')}`;
  const found = t(key, { defaultValue: '' });
  return found && found !== key ? found : null;
}

export function CapacityLine({ c }: { c: FinderCapacity }) {
  const { t } = useTranslation();
  const freshness = useFreshness();
  const stale = c.ageDays > 14;
  // Units and notes are data, usually in English: shown in the reader's language when the
  // catalogue knows them, otherwise as entered and marked as English for screen readers.
  const unitText = dataLabel(t, 'capacityUnit', c.unit);
  const note = c.description ? dataLabel(t, 'capacityDescription', c.description) : null;
  const unit = unitText ?? c.unit;
  return (
    <span className={stale ? 'capacity capacity-stale' : 'capacity'}>
      {c.available > 0
        ? t('finder.capacityAvailable', { count: c.available, unit })
        : t('finder.capacityNone', { unit })}
      {c.maximum !== null ? <> {t('finder.capacityOf', { maximum: c.maximum })}</> : null}
      {' · '}
      {freshness(c.ageDays)}
      {stale ? <> · {t('finder.capacityStale')}</> : null}
      {c.description ? (
        <span className="muted" lang={note ? undefined : 'en'}>
          {' '}
          — {note ?? c.description}
        </span>
      ) : null}
    </span>
  );
}

export function ServiceBadges({ s }: { s: FinderService }) {
  const { t } = useTranslation();
  const open = s.locations.some((l) => l.openNow);
  const wheelchair = s.locations.some((l) => l.wheelchairAccessible);
  if (!open && !s.free && !wheelchair) return null;
  return (
    <ul className="badges" aria-label={t('finder.badges')}>
      {open ? <li className="badge badge-open">{t('finder.openNow')}</li> : null}
      {s.free ? <li className="badge badge-free">{t('finder.free')}</li> : null}
      {wheelchair ? <li className="badge badge-access">{t('finder.wheelchair')}</li> : null}
    </ul>
  );
}

export function useLanguageList() {
  const { i18n } = useTranslation();
  return (s: FinderService) =>
    s.languages
      .map((l) => languageName(l.code, l.name, i18n.language))
      .sort((a, b) => a.localeCompare(b, i18n.language))
      .join(', ');
}

export function Phones({ s }: { s: FinderService }) {
  const { t } = useTranslation();
  if (!s.phones.length) return null;
  return (
    <ul className="plain phones">
      {s.phones.map((p, i) => (
        <li key={`${p.number}-${i}`}>
          <a href={`tel:${p.number.replace(/[^\d+]/g, '')}${p.extension ? `,${p.extension}` : ''}`}>{p.number}</a>
          {p.extension ? <> {t('finder.extension', { extension: p.extension })}</> : null}
          {p.description ? <span className="muted"> ({p.description})</span> : null}
        </li>
      ))}
    </ul>
  );
}

/**
 * Opening hours: days and times named by Intl in the UI language (hours.ts), put in a sentence
 * of the translations, so the whole line goes through i18n. A schedule with neither days nor
 * times shows its description, which is data as the organization entered it.
 */
export function HoursList({ hours }: { hours: FinderService['locations'][number]['hours'] }) {
  const { t, i18n } = useTranslation();
  if (!hours.length) return null;
  return (
    <ul className="plain hours">
      {hours.map((h, i) => {
        const { days, time } = hoursParts(h, i18n.language);
        return <li key={i}>{days && time ? t('finder.hoursLine', { days, time }) : days ? t('finder.hoursDays', { days }) : time ? t('finder.hoursTime', { time }) : h.description}</li>;
      })}
    </ul>
  );
}

export function formatDate(iso: string | null, lng: string): string {
  if (!iso) return '';
  return new Intl.DateTimeFormat(lng === 'fr' ? 'fr-CA' : 'en-CA', { dateStyle: 'long' }).format(new Date(iso));
}

export function ageRange(s: Pick<FinderService, 'minimumAge' | 'maximumAge'>, t: (k: string, o?: Record<string, unknown>) => string): string | null {
  if (s.minimumAge !== null && s.maximumAge !== null) return t('finder.agesBetween', { min: s.minimumAge, max: s.maximumAge });
  if (s.minimumAge !== null) return t('finder.agesFrom', { min: s.minimumAge });
  if (s.maximumAge !== null) return t('finder.agesUpTo', { max: s.maximumAge });
  return null;
}

/** "Service directory" breadcrumb above the directory's staff pages. */
export function DirectoryBreadcrumb() {
  const { t } = useTranslation();
  return (
    <nav aria-label={t('places.breadcrumbs')} className="breadcrumbs">
      <ol>
        <li>
          <Link to="/directory">{t('directory.title')}</Link>
        </li>
      </ol>
    </nav>
  );
}
