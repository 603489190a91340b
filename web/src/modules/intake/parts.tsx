import { useTranslation } from 'react-i18next';

export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return <span className="badge">{t(`intake.status.${status}`)}</span>;
}

export const needLabel = (t: (k: string, o?: Record<string, unknown>) => string, code: string) => t(`intake.need.${code.split('.')[0]}`, { defaultValue: code });
