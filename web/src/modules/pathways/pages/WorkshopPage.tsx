import { useFieldArray } from 'react-hook-form';
import { z } from 'zod';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { Form, SelectField, TextField, useZodForm } from '../../../core/form';
import { LoadError, Loading, Table, useTitle } from '../../../core/ui';
import { pathwaysApi, type Step } from '../api';
import { usePathway, usePathwayMutation, useWorkshop } from '../hooks';
import { PathwayFrame, pick } from '../components/parts';
import '../pathways.css';

const KINDS = ['entry', 'screening', 'intake', 'referral', 'service', 'follow_up', 'exit'] as const;
interface Row { kind: (typeof KINDS)[number]; title: string; stepKey: string | null }

const drawingSchema = z.object({
  participant: z.string().trim().min(1).max(120),
  steps: z
    .array(
      z
        .object({ stepKey: z.string(), title: z.string().trim().max(200), kind: z.enum(KINDS) })
        .superRefine((r, ctx) => {
          if (!r.title && !r.stepKey) ctx.addIssue({ code: 'custom', path: ['title'], message: 'errors.required' });
        }),
    )
    .min(1)
    .max(60),
});
type DrawingValues = z.input<typeof drawingSchema>;
const emptyDrawing: DrawingValues = { participant: '', steps: [{ stepKey: '', title: '', kind: 'entry' }] };

function DrawingForm({ steps, label, onAdd }: { steps: Step[]; label: (key: string) => string; onAdd: (b: { participant: string; steps: Row[] }) => Promise<unknown> }) {
  const { t, i18n } = useTranslation();
  const form = useZodForm(drawingSchema, { defaultValues: emptyDrawing });
  const rows = useFieldArray({ control: form.control, name: 'steps' });
  return (
    <Form
      form={form}
      className="form pathways-form"
      heading={
        <>
          <h2>{t('pathways.drawHeading')}</h2>
          <p className="hint">{t('pathways.drawHint')}</p>
        </>
      }
      labels={{ steps: t('pathways.drawnSteps') }}
      submitLabel={t('pathways.saveDrawing')}
      actions={
        <button type="button" className="secondary" onClick={() => rows.append({ kind: 'service', title: '', stepKey: '' })}>
          {t('pathways.addDrawn')}
        </button>
      }
      onSubmit={async (v) => {
        await onAdd({ participant: v.participant, steps: v.steps.map((r) => ({ kind: r.kind, stepKey: r.stepKey || null, title: r.title || (r.stepKey ? label(r.stepKey) : '') })) });
        form.reset(emptyDrawing);
        return t('pathways.drawingSaved');
      }}
    >
      <TextField name="participant" label={t('pathways.participant')} required />
      <ol className="pathways-draw">
        {rows.fields.map((r, i) => (
          <li key={r.id}>
            <div className="pathways-row">
              <SelectField
                name={`steps.${i}.stepKey`}
                label={t('pathways.drawnAs', { n: i + 1 })}
                placeholder={t('pathways.notInPathway')}
                choices={steps.map((s) => ({ value: s.key, label: pick(i18n.language, s.title, s.titleFr) }))}
                options={{
                  onChange: (e: { target: { value: string } }) => {
                    const s = steps.find((x) => x.key === e.target.value);
                    if (s) form.setValue(`steps.${i}.kind`, s.kind as Row['kind']);
                  },
                }}
              />
              <TextField name={`steps.${i}.title`} label={t('pathways.drawnWords', { n: i + 1 })} />
              <SelectField name={`steps.${i}.kind`} label={t('pathways.drawnKind', { n: i + 1 })} choices={KINDS.map((k) => ({ value: k, label: t(`pathways.kind.${k}`) }))} />
              {rows.fields.length > 1 ? (
                <button type="button" className="link-button" onClick={() => rows.remove(i)}>
                  {t('pathways.removeDrawn', { n: i + 1 })}
                </button>
              ) : null}
            </div>
          </li>
        ))}
      </ol>
    </Form>
  );
}

/** Several participants each record how the scenario goes today; the merged view compares them. */
export function WorkshopPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  useTitle(t('pathways.workshopTitle'));
  const p = usePathway(id);
  const w = useWorkshop(id);
  const add = usePathwayMutation((b: { participant: string; steps: Row[] }) => pathwaysApi.addDrawing(id, b));
  if (p.isPending || w.isPending) return <Loading />;
  if (p.isError) return <LoadError error={p.error} />;
  if (w.isError) return <LoadError error={w.error} />;
  const steps = p.data.steps;
  const label = (rowId: string) => { const s = steps.find((x) => x.key === rowId); return s ? pick(i18n.language, s.title, s.titleFr) : w.data.rows.find((r) => r.id === rowId)?.title ?? rowId; };
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
        <DrawingForm steps={steps} label={label} onAdd={(b) => add.mutateAsync(b)} />
      ) : null}
    </PathwayFrame>
  );
}
