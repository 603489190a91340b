import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { LoadError, Loading, Table, useTitle } from '../../../core/ui';
import { useFlow, usePathway } from '../hooks';
import { PathwayFrame, pick } from '../components/parts';
import { Sankey } from '../components/Sankey';
import '../pathways.css';

/** Ideal against observed: the flow of people through the steps, as a diagram and a table. */
export function FlowPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  useTitle(t('pathways.observedTitle'));
  const p = usePathway(id);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const q = useFlow(id, from || undefined, to || undefined);
  if (p.isPending) return <Loading />;
  if (p.isError) return <LoadError error={p.error} />;
  const title = new Map(p.data.steps.map((s, i) => [s.key, `${i + 1}. ${pick(i18n.language, s.title, s.titleFr)}`]));
  return (
    <PathwayFrame pathway={p.data}>
      <h2>{t('pathways.observedTitle')}</h2>
      <div className="pathways-row">
        <div className="field"><label htmlFor="flow-from">{t('pathways.from')}</label><input id="flow-from" type="date" value={from} onChange={(e) => setFrom(e.target.value)} /></div>
        <div className="field"><label htmlFor="flow-to">{t('pathways.to')}</label><input id="flow-to" type="date" value={to} onChange={(e) => setTo(e.target.value)} /></div>
      </div>
      {q.isPending ? <Loading /> : q.isError ? <LoadError error={q.error} /> : (
        <>
          <p>{t('pathways.flowSummary', { entered: q.data.entered.display, loops: q.data.loops.display, from: q.data.from, to: q.data.to })}</p>
          <div className="pathways-flow">
            <figure className="pathways-figure">
              <Sankey flow={q.data} />
              <figcaption>{t('pathways.sankeyCaption')}</figcaption>
            </figure>
            <Table className="data-table">
              <caption>{t('pathways.stepsTableCaption')}</caption>
              <thead><tr><th scope="col">{t('pathways.step')}</th><th scope="col">{t('pathways.reached')}</th><th scope="col">{t('pathways.endedHere')}</th><th scope="col">{t('pathways.referrals')}</th><th scope="col">{t('pathways.closedLoops')}</th></tr></thead>
              <tbody>{q.data.steps.map((s) => <tr key={s.key}><th scope="row">{title.get(s.key)}</th><td>{s.reached.display}</td><td>{s.endedHere.display}</td><td>{s.referrals.display}</td><td>{s.closedLoops.display}</td></tr>)}</tbody>
            </Table>
          </div>
          <Table className="data-table">
            <caption>{t('pathways.linksTableCaption')}</caption>
            <thead><tr><th scope="col">{t('pathways.fromStep')}</th><th scope="col">{t('pathways.toStep')}</th><th scope="col">{t('pathways.people')}</th><th scope="col">{t('pathways.medianDays')}</th><th scope="col">{t('pathways.targetDays')}</th><th scope="col">{t('pathways.linkKindHeading')}</th></tr></thead>
            <tbody>
              {q.data.links.length === 0 ? <tr><td colSpan={6}>{t('pathways.noLinks')}</td></tr> : q.data.links.map((l) => (
                <tr key={`${l.from}>${l.to}`}>
                  <th scope="row">{title.get(l.from)}</th><td>{title.get(l.to)}</td><td>{l.people.display}</td>
                  <td>{l.medianDays === null ? t('pathways.notShown') : l.medianDays}</td><td>{l.targetDays ?? '–'}</td>
                  <td>{l.loop ? t('pathways.linkKind.loop') : l.ideal ? t('pathways.linkKind.ideal') : t('pathways.linkKind.other')}</td>
                </tr>
              ))}
            </tbody>
          </Table>
          <p className="hint">{t('pathways.flowMethod')}</p>
        </>
      )}
    </PathwayFrame>
  );
}
