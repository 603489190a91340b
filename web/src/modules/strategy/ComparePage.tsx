import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { LoadError, Loading, useTitle, Table } from '../../core/ui';
import { useComparison, useFormatValue } from './hooks';
import { StatusBadge } from './parts';

/** Plans built from one template, side by side on the same measures. */
export function ComparePage() {
  const { templateId = '' } = useParams();
  const { t } = useTranslation();
  const fmt = useFormatValue();
  const q = useComparison(templateId);
  useTitle(t('strategy.compare.title'));
  if (q.isPending) return <Loading />;
  if (q.isError) return <LoadError error={q.error} />;
  const c = q.data;
  return (
    <>
      <p className="breadcrumbs">
        <Link to="/strategy">{t('strategy.title')}</Link>
      </p>
      <h1>{t('strategy.compare.heading', { name: c.template.name })}</h1>
      <p className="lead">{t('strategy.compare.lead')}</p>
      {c.plans.length === 0 ? (
        <p>{t('strategy.compare.empty')}</p>
      ) : (
        <div className="table-wrap" tabIndex={0}>
          <Table>
            <caption>{t('strategy.compare.caption', { name: c.template.name })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('strategy.scorecard.measure')}</th>
                {c.plans.map((p) => (
                  <th key={p.id} scope="col">
                    {p.collaborativeName}
                    <br />
                    <span className="small">{p.title}</span>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {c.measures.map((m) => (
                <tr key={m.templateKey}>
                  <th scope="row">{m.name}</th>
                  {m.cells.map((cell) => (
                    <td key={cell.planId}>
                      {cell.latest ? `${fmt(cell.latest.value, m.unit)} (${cell.latest.period})` : '–'}
                      {cell.target ? <span className="small"> / {t('strategy.curve.target')} {fmt(cell.target.value, m.unit)}</span> : null} <StatusBadge status={cell.status} />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </Table>
        </div>
      )}
    </>
  );
}
