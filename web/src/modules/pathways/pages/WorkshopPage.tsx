import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ErrorSummary, Field, fieldErrorsOf, LoadError, Loading, Table, useTitle, type FieldErrors } from '../../../core/ui';
import { pathwaysApi } from '../api';
import { usePathway, usePathwayMutation, useWorkshop } from '../hooks';
import { PathwayFrame, pick } from '../components/parts';
import '../pathways.css';

const KINDS = ['entry', 'screening', 'intake', 'referral', 'service', 'follow_up', 'exit'] as const;
interface Row { kind: (typeof KINDS)[number]; title: string; stepKey: string | null }

/** Several participants each record how the scenario goes today; the merged view compares them. */
export function WorkshopPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  useTitle(t('pathways.workshopTitle'));
  const p = usePathway(id);
  const w = useWorkshop(id);
  const add = usePathwayMutation((b: { participant: string; steps: Row[] }) => pathwaysApi.addDrawing(id, b));
  const [participant, setParticipant] = useState('');
  const [rows, setRows] = useState<Row[]>([{ kind: 'entry', title: '', stepKey: null }]);
  const [errors, setErrors] = useState<FieldErrors>({});
  if (p.isPending || w.isPending) return <Loading />;
  if (p.isError) return <LoadError error={p.error} />;
  if (w.isError) return <LoadError error={w.error} />;
  const steps = p.data.steps;
  const label = (rowId: string) => { const s = steps.find((x) => x.key === rowId); return s ? pick(i18n.language, s.title, s.titleFr) : w.data.rows.find((r) => r.id === rowId)?.title ?? rowId; };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await add.mutateAsync({ participant, steps: rows.map((r) => ({ ...r, title: r.title || (r.stepKey ? label(r.stepKey) : '') })) });
      setParticipant(''); setRows([{ kind: 'entry', title: '', stepKey: null }]); setErrors({});
    } catch (err) { setErrors(fieldErrorsOf(err)); }
  };
  const set = (i: number, v: Partial<Row>) => setRows(rows.map((r, j) => (j === i ? { ...r, ...v } : r)));
  return (
    <PathwayFrame pathway={p.data}>
      <h2>{t('pathways.mergedHeading')}</h2>
      <p>{t('pathways.mergedLead', { count: w.data.drawings.length })}</p>
      {w.data.drawings.length ? (
        <Table className="data-table">
          <caption>{t('pathways.mergedCaption')}</caption>
          <thead><tr><th scope="col">{t('pathways.step')}</th><th scope="col">{t('pathways.inPathway')}</th><th scope="col">{t('pathways.drawnIn')}</th>{w.data.drawings.map((d) => <th scope="col" key={d.id}>{d.participant}</th>)}</tr></thead>
          <tbody>
            {w.data.rows.map((r) => (
              <tr key={r.id} className={r.common ? 'is-common' : undefined}>
                <th scope="row">{label(r.id)}</th>
                <td>{r.inPathway ? t('pathways.yes') : t('pathways.no')}</td>
                <td>{t('pathways.drawnCount', { count: r.count, total: w.data.drawings.length })}{r.common ? ` · ${t('pathways.common')}` : ''}</td>
                {r.positions.map((pos, i) => <td key={i}>{pos === null ? t('pathways.absent') : t('pathways.position', { n: pos })}</td>)}
              </tr>
            ))}
          </tbody>
        </Table>
      ) : null}
      {w.data.orderDiffers.length ? (
        <>
          <h3>{t('pathways.differences')}</h3>
          <ul>{w.data.orderDiffers.map((d) => <li key={`${d.a}|${d.b}`}>{t('pathways.orderDiffers', { a: label(d.a), b: label(d.b), aFirst: d.aFirst, bFirst: d.bFirst })}</li>)}</ul>
        </>
      ) : null}
      {w.data.actions['pathways.drawing.add'] ? (
        <form className="pathways-form" onSubmit={submit} noValidate>
          <h2>{t('pathways.drawHeading')}</h2>
          <p className="hint">{t('pathways.drawHint')}</p>
          <ErrorSummary errors={errors} labels={{ participant: t('pathways.participant'), steps: t('pathways.drawnSteps') }} />
          <Field path="participant" label={t('pathways.participant')} error={errors.participant} required>{(pr) => <input {...pr} value={participant} onChange={(e) => setParticipant(e.target.value)} />}</Field>
          <ol className="pathways-draw">
            {rows.map((r, i) => (
              <li key={i}>
                <div className="pathways-row">
                  <div className="field"><label htmlFor={`draw-${i}-step`}>{t('pathways.drawnAs', { n: i + 1 })}</label>
                    <select id={`draw-${i}-step`} value={r.stepKey ?? ''} onChange={(e) => { const s = steps.find((x) => x.key === e.target.value); set(i, { stepKey: e.target.value || null, kind: s?.kind ?? r.kind }); }}>
                      <option value="">{t('pathways.notInPathway')}</option>
                      {steps.map((s) => <option key={s.key} value={s.key}>{pick(i18n.language, s.title, s.titleFr)}</option>)}
                    </select>
                  </div>
                  <div className="field"><label htmlFor={`draw-${i}-title`}>{t('pathways.drawnWords', { n: i + 1 })}</label><input id={`draw-${i}-title`} value={r.title} onChange={(e) => set(i, { title: e.target.value })} /></div>
                  <div className="field"><label htmlFor={`draw-${i}-kind`}>{t('pathways.drawnKind', { n: i + 1 })}</label>
                    <select id={`draw-${i}-kind`} value={r.kind} onChange={(e) => set(i, { kind: e.target.value as Row['kind'] })}>{KINDS.map((k) => <option key={k} value={k}>{t(`pathways.kind.${k}`)}</option>)}</select>
                  </div>
                  {rows.length > 1 ? <button type="button" className="link-button" onClick={() => setRows(rows.filter((_, j) => j !== i))}>{t('pathways.removeDrawn', { n: i + 1 })}</button> : null}
                </div>
              </li>
            ))}
          </ol>
          <div className="pathways-actions">
            <button type="button" className="secondary" onClick={() => setRows([...rows, { kind: 'service', title: '', stepKey: null }])}>{t('pathways.addDrawn')}</button>
            <button type="submit" disabled={add.isPending}>{t('pathways.saveDrawing')}</button>
          </div>
        </form>
      ) : null}
    </PathwayFrame>
  );
}
