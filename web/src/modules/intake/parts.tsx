import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../core/api';

export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return <span className="badge">{t(`intake.status.${status}`)}</span>;
}

/** Closed referrals: no follow-up is due on them any more. */
export const CLOSED_STATUSES = ['completed', 'rejected', 'cancelled'];
export const isClosed = (status: string) => CLOSED_STATUSES.includes(status);

export const needLabel = (t: (k: string, o?: Record<string, unknown>) => string, code: string) => t(`intake.need.${code.split('.')[0]}`, { defaultValue: code });

export interface Place { id: string; nameEn: string; nameFr: string }

/** The municipalities a client can live in (intake and record editing share the cached list). */
export function useMunicipalities() {
  return useQuery({ queryKey: ['geographies', 'municipality'], queryFn: () => api.get<{ items: Place[] }>('/geographies?level=municipality&perPage=200') });
}

/** `<option>`s for a municipality select, in the page's language, after a "not set" choice. */
export function MunicipalityOptions({ places }: { places: Place[] }) {
  const { t, i18n } = useTranslation();
  return <><option value="">{t('common.notSet')}</option>{places.map((g) => <option key={g.id} value={g.id}>{i18n.language === 'fr' ? g.nameFr : g.nameEn}</option>)}</>;
}

/** `<option>`s for the settlement stage, after a "not set" choice. */
export function SettlementStageOptions() {
  const { t } = useTranslation();
  return <><option value="">{t('common.notSet')}</option>{['immediate', 'intermediate', 'final'].map((s) => <option key={s} value={s}>{t(`intake.stage.${s}`)}</option>)}</>;
}
