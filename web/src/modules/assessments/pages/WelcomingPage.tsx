import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { z } from 'zod';
import { CheckboxGroup, Form, TextField, useZodForm } from '../../../core/form';
import { LoadError, Loading, Table, useTitle } from '../../../core/ui';
import { useCollaborative, useCollaborativeOptions, useCreateProfile, useLinkAction, useProfiles, useRounds, useScan, useSurveyResults, useSurveys } from '../hooks';
import type { PlanAction, ProfileInput, Scan } from '../api';
import { ProfileBody, welcomingComparisons } from '../../../../../src/modules/assessments/assessments.schema';
import { AssessmentsFrame, localized } from '../components/parts';
import '../assessments.css';

/**
 * The last step as a form: indicators and comparisons per priority, peers and the title (the
 * title checked as the server's contract, ProfileBody, checks it; the limits are the same).
 */
const indicatorsSchema = z.object({
  title: ProfileBody.shape.title,
  indicators: z.record(z.string(), z.array(z.string()).max(20)),
  comparisons: z.record(z.string(), z.array(z.enum(welcomingComparisons)).max(3)),
  peerIds: z.array(z.string()).max(10),
});
type Indicators = z.input<typeof indicatorsSchema>;
const noIndicators: Indicators = { title: '', indicators: {}, comparisons: {}, peerIds: [] };

/** The welcoming-community assessment: profiles made so far, and the three-step wizard. */
export function WelcomingPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  useTitle(t('assessments.welcomingTitle'));
  const [params, setParams] = useSearchParams();
  const options = useCollaborativeOptions().data?.items ?? [];
  // The collaborative the caller works in: the one whose rounds they see, else the first.
  const mine = new Set((useRounds().data?.items ?? []).map((r) => r.collaborativeId));
  const chosen = params.get('c') ?? options.find((c) => mine.has(c.id))?.id ?? options[0]?.id;
  const collaborative = useCollaborative(chosen);
  const geographyId = collaborative.data?.catchmentGeographyId;
  const profiles = useProfiles(chosen);
  const scan = useScan(chosen, geographyId);
  const create = useCreateProfile();
  const navigate = useNavigate();
  const [step, setStep] = useState(0);
  const [priorities, setPriorities] = useState<string[]>([]);
  // What the last step holds, kept while stepping back to the priorities.
  const [kept, setKept] = useState<Indicators>(noIndicators);
  const toggle = <T,>(list: T[], x: T) => (list.includes(x) ? list.filter((y) => y !== x) : [...list, x]);
  const move = (i: number, d: -1 | 1) => setPriorities((p) => { const q = [...p]; [q[i], q[i + d]] = [q[i + d], q[i]]; return q; });
  const submit = async (v: z.output<typeof indicatorsSchema>) => {
    const body: ProfileInput = {
      collaborativeId: chosen!, geographyId: geographyId!, title: v.title, priorities, peerIds: v.peerIds,
      choices: priorities.map((k) => ({ characteristic: k, indicatorIds: v.indicators[k] ?? [], comparisons: v.comparisons[k] ?? ['over_time'] })).filter((c) => c.indicatorIds.length),
    };
    const p = await create.mutateAsync(body);
    navigate(`/assessments/welcoming/${p.id}`);
  };
  const chars = scan.data?.characteristics ?? [];
  const nameOf = (k: string) => { const c = chars.find((x) => x.key === k); return c ? localized(c, lang) : k; };
  return (
    <AssessmentsFrame title={t('assessments.welcomingTitle')}>
      <p>{t('assessments.welcomingLead')}</p>
      {options.length > 1 ? (
        <div className="field assessments-picker">
          <label htmlFor="as-wcollab">{t('assessments.collaborative')}</label>
          <select id="as-wcollab" value={chosen ?? ''} onChange={(e) => { setParams({ c: e.target.value }, { replace: true }); setStep(0); }}>
            {options.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
          </select>
        </div>
      ) : null}
      {profiles.data?.actions['assessments.welcoming.create'] ? <p><Link to={`/assessments/community-surveys${chosen ? `?c=${chosen}` : ''}`}>{t('assessments.manageSurveys')}</Link></p> : null}
      <h2>{t('assessments.profilesHeading')}</h2>
      {profiles.isPending ? <Loading /> : profiles.isError ? <LoadError error={profiles.error} /> : profiles.data.items.length === 0 ? <p>{t('assessments.noProfiles')}</p> : (
        <ul>
          {profiles.data.items.map((p) => <li key={p.id}><Link to={`/assessments/welcoming/${p.id}`}>{p.title}</Link> ({new Date(p.createdAt).toLocaleDateString(lang === 'fr' ? 'fr-CA' : 'en-CA')}){p.isPublic ? ` – ${t('assessments.public')}` : ''}</li>)}
        </ul>
      )}
      {profiles.data?.actions['assessments.welcoming.create'] ? (
        !geographyId ? <p className="notice">{t('assessments.noCatchment')}</p> : step === 0 ? (
          <button type="button" onClick={() => setStep(1)}>{t('assessments.startWizard')}</button>
        ) : scan.isPending ? <Loading /> : scan.isError ? <LoadError error={scan.error} /> : (
          <section className="assessments-form" aria-labelledby="as-step">
            <h2 id="as-step">{t('assessments.stepOf', { step, total: 3 })}{t('common.colon')}{t(`assessments.steps.${step}`)}</h2>
            {step === 1 ? (
              <>
                <p className="hint">{t('assessments.scanHint')}</p>
                <Table className="data-table">
                  <caption>{t('assessments.scanCaption')}</caption>
                  <thead><tr><th scope="col">{t('assessments.characteristic')}</th><th scope="col">{t('assessments.indicatorsKnown')}</th><th scope="col">{t('assessments.servicesKnown')}</th><th scope="col">{t('assessments.actionsKnown')}</th></tr></thead>
                  <tbody>
                    {chars.map((c) => (
                      <tr key={c.key}>
                        <th scope="row">{localized(c, lang)}</th>
                        <td>{c.indicators.length ? c.indicators.map((i) => `${lang === 'fr' ? i.nameFr : i.nameEn}${i.latest ? ` (${i.latest.display}, ${i.latest.period})` : ''}`).join('; ') : '–'}</td>
                        <td>{c.services}</td>
                        <td>{c.actions.length ? <ul className="assessments-plain">{c.actions.map((a) => <li key={a.id}>{actionTitle(a, lang)}</li>)}</ul> : '–'}</td>
                      </tr>
                    ))}
                  </tbody>
                </Table>
                {scan.data.actions['assessments.welcoming.linkActions'] ? <LinkActions scan={scan.data} collaborativeId={chosen!} /> : null}
                <button type="button" onClick={() => setStep(2)}>{t('assessments.nextStep')}</button>
              </>
            ) : step === 2 ? (
              <>
                <fieldset className="assessments-question">
                  <legend>{t('assessments.choosePriorities')}</legend>
                  {chars.map((c) => <label key={c.key} className="assessments-check"><input type="checkbox" checked={priorities.includes(c.key)} onChange={() => setPriorities((p) => toggle(p, c.key))} /> {localized(c, lang)}</label>)}
                </fieldset>
                <RankBySurvey collaborativeId={profiles.data?.actions['assessments.welcoming.create'] ? chosen : undefined} onRank={(keys) => setPriorities((p) => [...keys, ...p.filter((k) => !keys.includes(k))])} />
                {priorities.length ? (
                  <ol className="assessments-ranking" aria-label={t('assessments.ranking')}>
                    {priorities.map((k, i) => (
                      <li key={k}>
                        {nameOf(k)}{' '}
                        <button type="button" className="secondary" disabled={i === 0} onClick={() => move(i, -1)} aria-label={t('assessments.moveUp', { name: nameOf(k) })}>↑</button>{' '}
                        <button type="button" className="secondary" disabled={i === priorities.length - 1} onClick={() => move(i, 1)} aria-label={t('assessments.moveDown', { name: nameOf(k) })}>↓</button>
                      </li>
                    ))}
                  </ol>
                ) : null}
                <div className="assessments-actions">
                  <button type="button" className="secondary" onClick={() => setStep(1)}>{t('assessments.previousStep')}</button>
                  <button type="button" disabled={!priorities.length} onClick={() => setStep(3)}>{t('assessments.nextStep')}</button>
                </div>
              </>
            ) : (
              <IndicatorsForm
                scan={scan.data}
                priorities={priorities}
                initial={kept}
                onSubmit={submit}
                onBack={(v) => { setKept(v); setStep(2); }}
              />
            )}
          </section>
        )
      ) : null}
    </AssessmentsFrame>
  );
}

/** The last step: for each priority its indicators and comparisons, the peers, and the title. */
function IndicatorsForm({ scan, priorities, initial, onSubmit, onBack }: {
  scan: Scan; priorities: string[]; initial: Indicators;
  onSubmit: (v: z.output<typeof indicatorsSchema>) => Promise<void>; onBack: (v: Indicators) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  // Every checkbox list starts as a list, so one box alone still gives a list.
  const form = useZodForm(indicatorsSchema, {
    defaultValues: {
      title: initial.title,
      peerIds: initial.peerIds,
      indicators: Object.fromEntries(priorities.map((k) => [k, initial.indicators[k] ?? []])),
      comparisons: Object.fromEntries(priorities.map((k) => [k, initial.comparisons[k] ?? ['over_time']])),
    } as Indicators,
  });
  return (
    <Form
      form={form}
      onSubmit={onSubmit}
      submitLabel={t('assessments.makeProfile')}
      labels={{ title: t('assessments.profileTitle'), priorities: t('assessments.ranking'), choices: t('assessments.indicatorsKnown') }}
      actions={<button type="button" className="secondary" onClick={() => onBack(form.getValues())}>{t('assessments.previousStep')}</button>}
    >
      {priorities.map((k) => {
        const c = scan.characteristics.find((x) => x.key === k)!;
        return (
          <fieldset key={k} className="assessments-question">
            <legend>{localized(c, lang)}</legend>
            {c.indicators.length === 0 ? <p className="hint">{t('assessments.noIndicators')}</p> : (
              <>
                <CheckboxGroup
                  name={`indicators.${k}`}
                  label={t('assessments.indicatorsKnown')}
                  choices={c.indicators.map((i) => ({ value: i.id, label: `${lang === 'fr' ? i.nameFr : i.nameEn}${i.immigrantBreakdown ? ` (${t('assessments.breakdownAvailable')})` : ''}` }))}
                />
                <CheckboxGroup
                  name={`comparisons.${k}`}
                  label={t('assessments.compareWith')}
                  choices={welcomingComparisons.map((x) => ({ value: x, label: t(`assessments.comparisons.${x}`) }))}
                />
              </>
            )}
          </fieldset>
        );
      })}
      <CheckboxGroup name="peerIds" label={t('assessments.peersLegend')} choices={scan.peers.map((p) => ({ value: p.id, label: lang === 'fr' ? p.nameFr : p.nameEn }))} />
      <TextField name="title" label={t('assessments.profileTitle')} required />
    </Form>
  );
}

/** Ranks the priorities by the mean importance in the latest community survey with at least 3 responses (coordinators only). */
function RankBySurvey({ collaborativeId, onRank }: { collaborativeId: string | undefined; onRank: (keys: string[]) => void }) {
  const { t } = useTranslation();
  const surveys = useSurveys(collaborativeId);
  const latest = (surveys.data?.items ?? []).find((s) => s.responses >= 3);
  const results = useSurveyResults(latest?.id);
  const [done, setDone] = useState('');
  if (!latest || !results.data || results.data.suppressed) return null;
  const ranked = results.data.items.filter((i) => i.mean !== null).sort((a, b) => (b.mean ?? 0) - (a.mean ?? 0)).map((i) => i.key);
  if (!ranked.length) return null;
  return (
    <div className="assessments-actions">
      <button type="button" className="secondary" onClick={() => { onRank(ranked); setDone(t('assessments.rankedBySurvey', { count: results.data.responses })); }}>
        {t('assessments.rankBySurvey', { title: latest.title, count: results.data.responses })}
      </button>
      <p role="status">{done}</p>
    </div>
  );
}

const actionTitle = (a: PlanAction, lang: string) => `${(lang === 'fr' ? a.titleFr : null) ?? a.title} (${(lang === 'fr' ? a.planTitleFr : null) ?? a.planTitle})`;

/** Coordinators link the plan actions of the collaborative's strategy plans to the characteristics they serve. */
function LinkActions({ scan, collaborativeId }: { scan: Scan; collaborativeId: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const link = useLinkAction();
  const [characteristic, setCharacteristic] = useState(scan.characteristics[0]?.key ?? '');
  const [actionId, setActionId] = useState('');
  const [done, setDone] = useState('');
  const current = scan.characteristics.find((c) => c.key === characteristic);
  const name = current ? localized(current, lang) : '';
  const run = async (id: string, linked: boolean) => {
    const a = scan.planActions.find((x) => x.id === id);
    try {
      await link.mutateAsync({ collaborativeId, characteristic, actionId: id, linked });
      setDone(t(linked ? 'assessments.actionLinked' : 'assessments.actionUnlinked', { action: a ? actionTitle(a, lang) : '', characteristic: name }));
      setActionId('');
    } catch {
      setDone('');
    }
  };
  if (!scan.planActions.length) return <p className="hint">{t('assessments.noPlanActions')}</p>;
  return (
    <section className="assessments-form" aria-labelledby="as-link-actions">
      <h3 id="as-link-actions">{t('assessments.linkActionsHeading')}</h3>
      <p className="hint">{t('assessments.linkActionsHint')}</p>
      <div className="field">
        <label htmlFor="as-link-char">{t('assessments.characteristic')}</label>
        <select id="as-link-char" value={characteristic} onChange={(e) => setCharacteristic(e.target.value)}>
          {scan.characteristics.map((c) => <option key={c.key} value={c.key}>{localized(c, lang)}</option>)}
        </select>
      </div>
      {current?.actions.length ? (
        <ul className="assessments-plain">
          {current.actions.map((a) => (
            <li key={a.id}>{actionTitle(a, lang)}{' '}
              <button type="button" className="secondary" disabled={link.isPending} onClick={() => run(a.id, false)} aria-label={t('assessments.unlinkAction', { action: a.title })}>{t('assessments.unlink')}</button>
            </li>
          ))}
        </ul>
      ) : <p>{t('assessments.noLinkedActions')}</p>}
      <div className="field">
        <label htmlFor="as-link-action">{t('assessments.planAction')}</label>
        <select id="as-link-action" value={actionId} onChange={(e) => setActionId(e.target.value)}>
          <option value="">{t('assessments.chooseAction')}</option>
          {scan.planActions.filter((a) => !current?.actions.some((x) => x.id === a.id)).map((a) => <option key={a.id} value={a.id}>{actionTitle(a, lang)}</option>)}
        </select>
      </div>
      <div className="assessments-actions">
        <button type="button" className="secondary" disabled={!actionId || link.isPending} onClick={() => run(actionId, true)}>{t('assessments.linkAction')}</button>
        <p role="status" className="assessments-status">{done}</p>
      </div>
      {link.isError ? <LoadError error={link.error} /> : null}
    </section>
  );
}
