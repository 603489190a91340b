import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useTitle } from '../../../core/ui';
import { PracticeForm } from '../components/forms';
import '../exchange.css';

/** Write up a practice for the library (coordinators; the server refuses others). */
export function PracticeNewPage() {
  const { t } = useTranslation();
  useTitle(t('exchange.form.writePractice'));
  return (
    <>
      <nav className="breadcrumbs" aria-label={t('exchange.breadcrumb')}>
        <ol><li><Link to="/exchange">{t('exchange.title')}</Link></li><li><Link to="/exchange/practices">{t('exchange.practicesTitle')}</Link></li><li><span aria-current="page">{t('exchange.form.writePractice')}</span></li></ol>
      </nav>
      <h1>{t('exchange.form.writePractice')}</h1>
      <PracticeForm />
    </>
  );
}
