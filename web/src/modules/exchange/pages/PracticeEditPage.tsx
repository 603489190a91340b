import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { LoadError, Loading, useTitle } from '../../../core/ui';
import { PracticeForm } from '../components/forms';
import { usePractice } from '../hooks';
import { inLang } from '../components/parts';
import '../exchange.css';

/** Edit a practice (whoever wrote it up, or a coordinator of its collaborative; the server refuses others). */
export function PracticeEditPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const q = usePractice(id);
  useTitle(t('exchange.editPractice'));
  if (q.isPending) return <Loading />;
  if (q.isError) return <LoadError error={q.error} />;
  const p = q.data;
  return (
    <>
      <nav className="breadcrumbs" aria-label={t('exchange.breadcrumb')}>
        <ol><li><Link to="/exchange/practices">{t('exchange.practicesTitle')}</Link></li><li><Link to={`/exchange/practices/${p.id}`}>{inLang(p.title, i18n.language)}</Link></li><li><span aria-current="page">{t('exchange.editPractice')}</span></li></ol>
      </nav>
      <h1>{t('exchange.editPractice')}</h1>
      {p.actions['exchange.practice.edit'] ? <PracticeForm practice={p} /> : <p className="notice">{t('exchange.mayNotEdit')}</p>}
    </>
  );
}
