import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { LoadError, Loading, Table, useTitle } from '../../../core/ui';
import { useInstruments, useScales } from '../hooks';
import { AssessmentsFrame, localized, named } from '../components/parts';
import '../assessments.css';

/** The scales with their crosswalks, and the instruments (every version). */
export function InstrumentsPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  useTitle(t('assessments.instrumentsTitle'));
  const scales = useScales();
  const instruments = useInstruments();
  const [params] = useSearchParams();
  if (scales.isPending || instruments.isPending) return <AssessmentsFrame title={t('assessments.instrumentsTitle')}><Loading /></AssessmentsFrame>;
  if (scales.isError || instruments.isError) return <AssessmentsFrame title={t('assessments.instrumentsTitle')}><LoadError error={scales.error ?? instruments.error} /></AssessmentsFrame>;
  const scaleName = new Map(scales.data.items.map((s) => [s.key, named(s, lang)]));
  const author = instruments.data.actions['assessments.instrument.author'];
  const saved = instruments.data.items.find((i) => i.id === params.get('saved'));
  const latest = new Map<string, number>();
  for (const i of instruments.data.items) latest.set(i.key, Math.max(latest.get(i.key) ?? 0, i.version));
  return (
    <AssessmentsFrame title={t('assessments.instrumentsTitle')}>
      {saved ? <p className="notice" role="status">{t('assessments.instrumentSaved', { name: named(saved, lang), version: saved.version })}</p> : null}
      <h2>{t('assessments.instrumentsHeading')}</h2>
      {author ? <p><Link to="/assessments/instruments/new">{t('assessments.authorInstrument')}</Link></p> : null}
      <p className="hint">{t('assessments.versionsNote')}</p>
      <Table className="data-table">
        <caption>{t('assessments.instrumentsCaption')}</caption>
        <thead><tr><th scope="col">{t('assessments.name')}</th><th scope="col">{t('assessments.kind')}</th><th scope="col">{t('assessments.version')}</th><th scope="col">{t('assessments.scale')}</th><th scope="col">{t('assessments.source')}</th>{author ? <th scope="col">{t('assessments.edit')}</th> : null}</tr></thead>
        <tbody>
          {instruments.data.items.map((i) => (
            <tr key={i.id}>
              <th scope="row">{named(i, lang)}</th>
              <td>{t(`assessments.kinds.${i.kind}`)}</td>
              <td>{i.version}</td>
              <td>{i.scale ? named(i.scale, lang) : '–'}</td>
              <td>{i.source}</td>
              {author ? <td>{latest.get(i.key) === i.version ? <Link to={`/assessments/instruments/new?from=${i.id}`} aria-label={t('assessments.newVersionOf', { name: named(i, lang), version: i.version })}>{t('assessments.newVersion')}</Link> : '–'}</td> : null}
            </tr>
          ))}
        </tbody>
      </Table>
      <h2>{t('assessments.scalesHeading')}</h2>
      {scales.data.items.map((s) => (
        <section key={s.id} className="assessments-scale">
          <h3>{named(s, lang)}</h3>
          <p className="hint">{s.source}</p>
          <ol className="assessments-levels">
            {s.levels.map((l) => <li key={l.value} value={l.value}><strong>{localized(l, lang)}</strong>{(lang === 'fr' ? l.descriptionFr : l.descriptionEn) ? ` – ${lang === 'fr' ? l.descriptionFr : l.descriptionEn}` : ''}</li>)}
          </ol>
          {s.crosswalks.map((c) => (
            <Table key={c.toScaleKey} className="data-table">
              <caption>{t('assessments.crosswalkCaption', { from: named(s, lang), to: scaleName.get(c.toScaleKey) ?? c.toScaleKey })}</caption>
              <thead><tr><th scope="col">{named(s, lang)}</th><th scope="col">{scaleName.get(c.toScaleKey)}</th></tr></thead>
              <tbody>
                {Object.entries(c.mapping).map(([from, to]) => {
                  const target = scales.data.items.find((x) => x.key === c.toScaleKey);
                  const fromL = s.levels.find((l) => String(l.value) === from);
                  const toL = target?.levels.find((l) => l.value === to);
                  return <tr key={from}><th scope="row">{fromL ? localized(fromL, lang) : from}</th><td>{toL ? localized(toL, lang) : t('assessments.level0')}</td></tr>;
                })}
              </tbody>
            </Table>
          ))}
        </section>
      ))}
    </AssessmentsFrame>
  );
}
