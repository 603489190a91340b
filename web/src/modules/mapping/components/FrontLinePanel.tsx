import { useTranslation } from 'react-i18next';
import { Table } from '../../../core/ui';
import { useFrontLine } from '../hooks';

/** "From the front line": needs and unmet needs in a collaborative's catchment (disclosure-controlled). */
export function FrontLinePanel({ collaborativeId }: { collaborativeId: string }) {
  const { t } = useTranslation();
  const q = useFrontLine(collaborativeId);
  if (!q.data) return null;
  const d = q.data;
  return (
    <section className="card" aria-labelledby="front-line-heading">
      <h2 id="front-line-heading">{t('mapping.frontLineHeading')}</h2>
      <p className="small muted">{t('mapping.frontLineLead', { from: d.fromMonth, to: d.latestMonth ?? '–' })}</p>
      {d.rows.length === 0 ? <p>{t('mapping.frontLineEmpty')}</p> : (
        <Table className="data-table">
          <caption className="visually-hidden">{t('mapping.frontLineHeading')}</caption>
          <thead><tr><th scope="col">{t('mapping.domain')}</th><th scope="col" className="num">{t('mapping.needs')}</th><th scope="col" className="num">{t('mapping.measure.unmet')}</th></tr></thead>
          <tbody>
            {d.rows.map((r) => (
              <tr key={r.domain}><th scope="row">{t(`mapping.domainName.${r.domain}`, { defaultValue: r.domain })}</th><td className="num">{r.display.needs}</td><td className="num">{r.display.unmet}</td></tr>
            ))}
          </tbody>
        </Table>
      )}
      <p className="small muted">{t('mapping.suppressionNote', { n: 5 })}</p>
    </section>
  );
}
