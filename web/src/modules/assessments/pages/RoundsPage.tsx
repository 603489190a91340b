import { z } from 'zod';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Form, SelectField, TextField, useZodForm } from '../../../core/form';
import { LoadError, Loading, Table, useTitle } from '../../../core/ui';
import { useCollaborativeOptions, useInstruments, useOpenRound, useRounds } from '../hooks';
import { AssessmentsFrame, named } from '../components/parts';
import '../assessments.css';

const roundSchema = z.object({ title: z.string().trim().min(1).max(300), instrumentId: z.string().min(1, 'errors.choose'), closesOn: z.string().min(1) });

/** Rounds of one collaborative (?c=), what the caller can do in each, and opening a new round. */
export function RoundsPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  useTitle(t('assessments.title'));
  const [params, setParams] = useSearchParams();
  const collaboratives = useCollaborativeOptions();
  const all = useRounds();
  const options = collaboratives.data?.items ?? [];
  const withRounds = new Set((all.data?.items ?? []).map((r) => r.collaborativeId));
  const chosen = params.get('c') ?? options.find((c) => withRounds.has(c.id))?.id ?? options[0]?.id;
  const q = useRounds(chosen);
  const instruments = useInstruments();
  const open = useOpenRound();
  const navigate = useNavigate();
  const form = useZodForm(roundSchema, { defaultValues: { title: '', instrumentId: '', closesOn: '' } });
  return (
    <AssessmentsFrame title={t('assessments.title')}>
      {options.length > 1 ? (
        <div className="field assessments-picker">
          <label htmlFor="as-collab">{t('assessments.collaborative')}</label>
          <select id="as-collab" value={chosen ?? ''} onChange={(e) => setParams({ c: e.target.value }, { replace: true })}>
            {options.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
          </select>
        </div>
      ) : null}
      {q.isPending ? <Loading /> : q.isError ? <LoadError error={q.error} /> : q.data.items.length === 0 ? <p>{t('assessments.noRounds')}</p> : (
        <Table className="data-table">
          <caption>{t('assessments.roundsCaption')}</caption>
          <thead><tr><th scope="col">{t('assessments.roundTitle')}</th><th scope="col">{t('assessments.instrument')}</th><th scope="col">{t('assessments.status')}</th><th scope="col">{t('assessments.closesOn')}</th><th scope="col">{t('assessments.progress')}</th><th scope="col">{t('assessments.next')}</th></tr></thead>
          <tbody>
            {q.data.items.map((r) => (
              <tr key={r.id}>
                <th scope="row"><Link to={`/assessments/rounds/${r.id}`}>{r.title}</Link>{r.illustrative ? <span className="badge">{t('assessments.illustrative')}</span> : null}</th>
                <td>{named(r.instrument, lang)}</td>
                <td>{t(`assessments.statuses.${r.status}`)}</td>
                <td>{r.closesOn}</td>
                <td>{t('assessments.progressValue', { submitted: r.progress.submitted, roster: r.progress.rosterSize })}</td>
                <td>
                  {r.actions['assessments.round.answer'] ? <Link to={`/assessments/rounds/${r.id}/answer`}>{t('assessments.answer')}</Link>
                    : r.actions['assessments.results.read'] ? <Link to={`/assessments/rounds/${r.id}/results`}>{t('assessments.readResults')}</Link>
                    : r.mySubmitted ? t('assessments.submitted') : '–'}
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      {q.data?.actions['assessments.round.open'] ? (
        <Form
          form={form}
          className="form assessments-form"
          heading={
            <>
              <h2>{t('assessments.openHeading')}</h2>
              <p className="hint">{t('assessments.openHint')}</p>
            </>
          }
          submitLabel={t('assessments.open')}
          onSubmit={async (v) => {
            const r = await open.mutateAsync({ collaborativeId: chosen!, ...v });
            navigate(`/assessments/rounds/${r.id}`);
          }}
        >
          <TextField name="title" label={t('assessments.roundTitle')} required />
          <SelectField name="instrumentId" label={t('assessments.instrument')} required placeholder="–" choices={(instruments.data?.items ?? []).map((i) => ({ value: i.id, label: `${named(i, lang)} (v${i.version})` }))} />
          <TextField name="closesOn" type="date" label={t('assessments.closesOn')} required />
        </Form>
      ) : null}
    </AssessmentsFrame>
  );
}
