import { useState, type FormEvent } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api, ApiError } from '../../core/api';
import { formatDateTime } from '../../core/i18n';
import { canAdminister, useUser } from '../../core/session';
import { ErrorSummary, Field, fieldErrorsOf, LoadError, Loading, useTitle, type FieldErrors, Table } from '../../core/ui';
import type { Instrument } from './types';

type Action = 'publish' | 'retire' | 'delete';

/** Screening instruments by code with their versions; coordinators publish, retire, copy and delete drafts. */
export function InstrumentsPage() {
  const { t } = useTranslation();
  useTitle(t('intake.instruments.title'));
  const canManage = canAdminister(useUser());
  const qc = useQueryClient();
  const navigate = useNavigate();
  const list = useQuery({ queryKey: ['intake', 'instruments'], queryFn: () => api.get<{ items: Instrument[] }>('/intake/instruments') });
  const [confirm, setConfirm] = useState<{ action: Action; inst: Instrument }>();
  const [status, setStatus] = useState('');
  const [problem, setProblem] = useState('');

  async function run(action: Action | 'newVersion', inst: Instrument) {
    setProblem('');
    setStatus('');
    try {
      if (action === 'delete') await api.del(`/intake/instruments/${inst.id}`);
      else if (action === 'newVersion') {
        const copy = await api.post<Instrument>(`/intake/instruments/${inst.id}/new-version`);
        await qc.invalidateQueries({ queryKey: ['intake', 'instruments'] });
        navigate(`/intake/instruments/${copy.id}`);
        return;
      } else await api.post(`/intake/instruments/${inst.id}/${action}`);
      setConfirm(undefined);
      setStatus(t(`intake.instruments.done.${action}`, { name: inst.name, version: inst.instrumentVersion }));
      await qc.invalidateQueries({ queryKey: ['intake', 'instruments'] });
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

/** A brand-new instrument: its code, name and a first domain; the editor does the rest. */
function NewInstrument() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [f, setF] = useState({ code: '', name: '', domainCode: '', en: '', fr: '', needCode: '' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string>();
  const d0 = 'definition.domains.0';
  const labels: Record<string, string> = {
    code: t('intake.instruments.code'), name: t('intake.instruments.name'), [`${d0}.code`]: t('intake.instruments.domainCode'),
    [`${d0}.label.en`]: t('intake.instruments.labelEn'), [`${d0}.label.fr`]: t('intake.instruments.labelFr'), [`${d0}.needCode`]: t('intake.instruments.needCode'),
  };
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });
  async function submit(e: FormEvent) {
    e.preventDefault();
    setMessage(undefined);
    try {
      const created = await api.post<Instrument>('/intake/instruments', {
        code: f.code.trim(), name: f.name,
        definition: { domains: [{ code: f.domainCode.trim(), label: { en: f.en, fr: f.fr }, needCode: f.needCode.trim(), questions: [], rules: [] }] },
      });
      await qc.invalidateQueries({ queryKey: ['intake', 'instruments'] });
      navigate(`/intake/instruments/${created.id}`);
    } catch (err) {
      const fe = fieldErrorsOf(err);
      setErrors(fe);
      if (!Object.keys(fe).length) setMessage(err instanceof ApiError ? err.message : t('errors.network'));
    }
  }
  const field = (path: string, k: keyof typeof f, hint?: string) => (
    <Field path={path} label={labels[path]} error={errors[path]} hint={hint} required>{(p) => <input {...p} value={f[k]} onChange={set(k)} />}</Field>
  );
  return (
    <section aria-labelledby="new-inst-title">
      <h2 id="new-inst-title">{t('intake.instruments.newTitle')}</h2>
      <form className="form panel" onSubmit={submit} noValidate>
        <ErrorSummary errors={errors} labels={labels} message={message} />
        {field('code', 'code', t('intake.instruments.codeHint'))}
        {field('name', 'name')}
        <fieldset>
          <legend>{t('intake.instruments.firstDomain')}</legend>
          {field(`${d0}.code`, 'domainCode', t('intake.instruments.domainCodeHint'))}
          <div className="field-row">{field(`${d0}.label.en`, 'en')}{field(`${d0}.label.fr`, 'fr')}</div>
          {field(`${d0}.needCode`, 'needCode', t('intake.instruments.needCodeHint'))}
        </fieldset>
        <div className="form-actions"><button type="submit" className="button-primary">{t('intake.instruments.create')}</button></div>
      </form>
    </section>
  );
}
