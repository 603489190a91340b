import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ApiError } from '../../core/api';
import { z } from 'zod';
import { Form, TextField, useZodForm } from '../../core/form';
import { intakeApi, type InstrumentInput } from './api';
import { useInstruments, useIntakeMutation } from './hooks';
import { formatDateTime } from '../../core/i18n';
import { canAdminister, useUser } from '../../core/session';
import { LoadError, Loading, useTitle, Table } from '../../core/ui';
import type { Instrument } from './types';

type Action = 'publish' | 'retire' | 'delete';

/** Screening instruments by code with their versions; coordinators publish, retire, copy and delete drafts. */
export function InstrumentsPage() {
  const { t } = useTranslation();
  useTitle(t('intake.instruments.title'));
  const canManage = canAdminister(useUser());
  const navigate = useNavigate();
  const list = useInstruments();
  const act = useIntakeMutation((v: { action: Action | 'newVersion'; id: string }) =>
    v.action === 'delete' ? intakeApi.deleteInstrument(v.id) : v.action === 'newVersion' ? intakeApi.newInstrumentVersion(v.id) : intakeApi.instrumentAction(v.id, v.action));
  const [confirm, setConfirm] = useState<{ action: Action; inst: Instrument }>();
  const [status, setStatus] = useState('');
  const [problem, setProblem] = useState('');

  async function run(action: Action | 'newVersion', inst: Instrument) {
    setProblem('');
    setStatus('');
    try {
      const result = await act.mutateAsync({ action, id: inst.id });
      if (action === 'newVersion') {
        navigate(`/intake/instruments/${(result as Instrument).id}`);
        return;
      }
      setConfirm(undefined);
      setStatus(t(`intake.instruments.done.${action}`, { name: inst.name, version: inst.instrumentVersion }));
    } catch (err) {
      setConfirm(undefined);
      setProblem(err instanceof ApiError ? err.message : t('errors.network'));
    }
  }

  const byCode = new Map<string, Instrument[]>();
  for (const i of list.data?.items ?? []) byCode.set(i.code, [...(byCode.get(i.code) ?? []), i]);
  return (
    <>
      <p><Link to="/intake">{t('intake.back')}</Link></p>
      <h1>{t('intake.instruments.title')}</h1>
      <p className="lead">{t('intake.instruments.lead')}</p>
      <p role="status" className={status ? 'notice notice-success' : 'visually-hidden'}>{status}</p>
      {problem && <div className="notice notice-error" role="alert"><p>{problem}</p></div>}
      {confirm && <ConfirmBox action={confirm.action} inst={confirm.inst} onConfirm={() => run(confirm.action, confirm.inst)} onCancel={() => setConfirm(undefined)} />}
      {list.isPending ? <Loading /> : list.error ? <LoadError error={list.error} /> : [...byCode].map(([code, versions]) => {
        const hasDraft = versions.some((v) => v.status === 'draft');
        return (
          <section key={code} aria-labelledby={`inst-${code}`}>
            <h2 id={`inst-${code}`}>{versions[0].name}</h2>
            <div className="table-wrap">
              <Table>
                <caption>{t('intake.instruments.versionsOf', { code })}</caption>
                <thead><tr>
                  <th scope="col">{t('intake.instruments.version')}</th><th scope="col">{t('intake.instruments.status')}</th>
                  <th scope="col">{t('intake.instruments.publishedAt')}</th><th scope="col">{t('intake.instruments.domains')}</th><th scope="col">{t('intake.instruments.actions')}</th>
                </tr></thead>
                <tbody>{versions.map((v) => {
                  const which = { name: v.name, version: v.instrumentVersion };
                  return (
                    <tr key={v.id}>
                      <th scope="row">{t('intake.instruments.versionN', which)}</th>
                      <td><span className="badge">{t(`intake.instruments.state.${v.status}`)}</span></td>
                      <td>{v.publishedAt ? formatDateTime(v.publishedAt) : '—'}</td>
                      <td>{v.definition.domains.length}</td>
                      <td className="button-row">
                        <Link to={`/intake/instruments/${v.id}`} aria-label={t(v.status === 'draft' && canManage ? 'intake.instruments.editN' : 'intake.instruments.viewN', which)}>
                          {v.status === 'draft' && canManage ? t('intake.instruments.edit') : t('intake.instruments.view')}
                        </Link>
                        {canManage && v.status !== 'draft' && !hasDraft && (
                          <> <button type="button" className="button-secondary" aria-label={t('intake.instruments.newVersionN', which)} onClick={() => run('newVersion', v)}>{t('intake.instruments.newVersion')}</button></>
                        )}
                        {canManage && v.status === 'draft' && (
                          <>
                            {' '}<button type="button" className="button-primary" aria-label={t('intake.instruments.publishN', which)} onClick={() => setConfirm({ action: 'publish', inst: v })}>{t('intake.instruments.publish')}</button>
                            {' '}<button type="button" className="button-secondary" aria-label={t('intake.instruments.deleteN', which)} onClick={() => setConfirm({ action: 'delete', inst: v })}>{t('intake.instruments.delete')}</button>
                          </>
                        )}
                        {canManage && v.status === 'published' && (
                          <> <button type="button" className="button-secondary" aria-label={t('intake.instruments.retireN', which)} onClick={() => setConfirm({ action: 'retire', inst: v })}>{t('intake.instruments.retire')}</button></>
                        )}
                      </td>
                    </tr>
                  );
                })}</tbody>
              </Table>
            </div>
            {hasDraft && canManage && <p className="hint">{t('intake.instruments.oneDraft')}</p>}
          </section>
        );
      })}
      {canManage && <NewInstrument />}
    </>
  );
}

/** The step before an action that cannot be undone: says what will happen and asks again. */
export function ConfirmBox({ action, inst, onConfirm, onCancel }: { action: Action; inst: Instrument; onConfirm: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const which = { name: inst.name, version: inst.instrumentVersion };
  return (
    <section className="notice notice-warning" aria-labelledby="confirm-title">
      <h2 id="confirm-title">{t(`intake.instruments.confirm.${action}Title`, which)}</h2>
      <p>{t(`intake.instruments.confirm.${action}`, which)}</p>
      <p className="button-row">
        <button type="button" className="button-primary" onClick={onConfirm}>{t(`intake.instruments.confirm.${action}Yes`, which)}</button>{' '}
        <button type="button" className="button-secondary" onClick={onCancel}>{t('common.cancel')}</button>
      </p>
    </section>
  );
}

const req = (max: number) => z.string().trim().min(1).max(max);
const newInstrumentSchema = z.object({
  code: req(100),
  name: req(200),
  definition: z.object({ domains: z.array(z.object({ code: req(100), label: z.object({ en: req(200), fr: req(200) }), needCode: req(100) })).length(1) }),
});

/** A brand-new instrument: its code, name and a first domain; the editor does the rest. */
function NewInstrument() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useIntakeMutation((body: InstrumentInput) => intakeApi.createInstrument(body));
  const form = useZodForm(newInstrumentSchema, { defaultValues: { code: '', name: '', definition: { domains: [{ code: '', label: { en: '', fr: '' }, needCode: '' }] } } });
  const d0 = 'definition.domains.0';
  return (
    <section aria-labelledby="new-inst-title">
      <h2 id="new-inst-title">{t('intake.instruments.newTitle')}</h2>
      <Form
        form={form}
        className="form panel"
        submitLabel={t('intake.instruments.create')}
        onSubmit={async (v) => {
          const created = await create.mutateAsync({ code: v.code, name: v.name, definition: { domains: v.definition.domains.map((d) => ({ ...d, questions: [], rules: [] })) } } as InstrumentInput);
          navigate(`/intake/instruments/${created.id}`);
        }}
      >
        <TextField name="code" label={t('intake.instruments.code')} hint={t('intake.instruments.codeHint')} required />
        <TextField name="name" label={t('intake.instruments.name')} required />
        <fieldset>
          <legend>{t('intake.instruments.firstDomain')}</legend>
          <TextField name={`${d0}.code`} label={t('intake.instruments.domainCode')} hint={t('intake.instruments.domainCodeHint')} required />
          <div className="field-row">
            <TextField name={`${d0}.label.en`} label={t('intake.instruments.labelEn')} required />
            <TextField name={`${d0}.label.fr`} lang="fr" label={t('intake.instruments.labelFr')} required />
          </div>
          <TextField name={`${d0}.needCode`} label={t('intake.instruments.needCode')} hint={t('intake.instruments.needCodeHint')} required />
        </fieldset>
      </Form>
    </section>
  );
}
