import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router';
import { ApiError } from '../../core/api';
import { collaborativesApi } from './api';
import { collaborativesKeys, useCollaborative, useGeographyOptions, useOrganizationOptions } from './hooks';
import { ErrorSummary, Field, fieldErrorsOf, type FieldErrors, LoadError, Loading, useTitle } from '../../core/ui';
import { partnerCategories, sectors } from '../../../../src/shared/contracts';
import type { Collab } from './types';

const types = ['lip_partnership_council', 'planning_table', 'network', 'task_force', 'roundtable', 'hub_steering_committee', 'other'];


/** Create (no id) or edit (id) a collaborative's profile and governance settings. */
export function CollaborativeFormPage() {
  const { id } = useParams();
  const existing = useCollaborative(id ?? '', !!id);
  if (id && existing.isPending) return <Loading />;
  if (id && existing.isError) return <LoadError error={existing.error} />;
  return <CollaborativeForm initial={id ? existing.data : undefined} />;
}

function CollaborativeForm({ initial }: { initial?: Collab }) {
  const { t, i18n } = useTranslation();
  const title = initial ? t('collaboratives.editTitle', { name: initial.name }) : t('collaboratives.createTitle');
  useTitle(title);
  const navigate = useNavigate();
  const client = useQueryClient();
  const orgs = useOrganizationOptions();
  const geos = useGeographyOptions();
  const [f, setF] = useState({
    name: initial?.name ?? '',
    shortName: initial?.shortName ?? '',
    type: initial?.type ?? 'planning_table',
    scope: initial?.scope ?? 'local',
    catchmentGeographyId: initial?.catchmentGeographyId ?? '',
    leadOrganizationId: initial?.leadOrganizationId ?? '',
    focus: initial?.focus ?? '',
    incorporated: initial?.incorporated ?? false,
    vision: initial?.vision ?? '',
    mission: initial?.mission ?? '',
    mandate: initial?.mandate ?? '',
    guidingPrinciples: initial?.guidingPrinciples ?? '',
    quorumKind: initial?.quorumKind ?? 'majority',
    quorumValue: String(initial?.quorumValue ?? 0),
    voteRule: initial?.voteRule ?? 'simple_majority',
    checklistPartnerCategories: initial?.checklistPartnerCategories ?? [],
    checklistSectors: initial?.checklistSectors ?? [],
  });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string>();
  const [busy, setBusy] = useState(false);
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });
  const toggle = (k: 'checklistPartnerCategories' | 'checklistSectors', v: string) =>
    setF({ ...f, [k]: f[k].includes(v) ? f[k].filter((x) => x !== v) : [...f[k], v] });
  const labels: Record<string, string> = {
    name: t('collaboratives.f.name'),
    shortName: t('collaboratives.f.shortName'),
    type: t('collaboratives.f.type'),
    leadOrganizationId: t('collaboratives.f.lead'),
    quorumValue: t('collaboratives.f.quorumValue'),
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    setMessage(undefined);
    const nul = (s: string) => (s.trim() ? s : null);
    const body = {
      name: f.name,
      shortName: nul(f.shortName),
      type: f.type,
      scope: f.scope,
      catchmentGeographyId: nul(f.catchmentGeographyId),
      leadOrganizationId: nul(f.leadOrganizationId),
      focus: nul(f.focus),
      incorporated: f.incorporated,
      vision: nul(f.vision),
      mission: nul(f.mission),
      mandate: nul(f.mandate),
      guidingPrinciples: nul(f.guidingPrinciples),
      quorumKind: f.quorumKind,
      quorumValue: Number(f.quorumValue) || 0,
      voteRule: f.voteRule,
      checklistPartnerCategories: f.checklistPartnerCategories,
      checklistSectors: f.checklistSectors,
    };
    try {
      const saved = initial
        ? await collaborativesApi.update(initial.id, { ...body, version: initial.version })
        : await collaborativesApi.create(body);
      await client.invalidateQueries({ queryKey: collaborativesKeys.all });
      navigate(`/collaboratives/${saved.id}`);
    } catch (err) {
      setErrors(fieldErrorsOf(err));
      setMessage(err instanceof ApiError && err.status === 409 ? t('collaboratives.stale') : err instanceof ApiError && err.status === 403 ? t('errors.forbidden') : undefined);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <h1>{title}</h1>
      <form className="form" onSubmit={submit} noValidate>
        <ErrorSummary errors={errors} labels={labels} message={message} />
        <Field path="name" label={labels.name} required error={errors.name}>
          {(p) => <input {...p} value={f.name} onChange={set('name')} />}
        </Field>
        <Field path="shortName" label={labels.shortName} hint={t('collaboratives.f.shortNameHint')} error={errors.shortName}>
          {(p) => <input {...p} value={f.shortName} onChange={set('shortName')} />}
        </Field>
        <div className="field-row">
          <Field path="type" label={labels.type} required error={errors.type}>
            {(p) => (
              <select {...p} value={f.type} onChange={set('type')}>
                {types.map((x) => (
                  <option key={x} value={x}>
                    {t(`enums.collaborativeType.${x}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field path="scope" label={t('collaboratives.f.scope')} error={errors.scope}>
            {(p) => (
              <select {...p} value={f.scope} onChange={set('scope')}>
                <option value="local">{t('enums.scope.local')}</option>
                <option value="regional">{t('enums.scope.regional')}</option>
              </select>
            )}
          </Field>
        </div>
        <Field path="catchmentGeographyId" label={t('collaboratives.f.catchment')} error={errors.catchmentGeographyId}>
          {(p) => (
            <select {...p} value={f.catchmentGeographyId} onChange={set('catchmentGeographyId')}>
              <option value="">{t('collaboratives.none')}</option>
              {(geos.data?.items ?? [])
                .filter((g) => g.level !== 'neighbourhood')
                .map((g) => (
                  <option key={g.id} value={g.id}>
                    {i18n.language === 'fr' ? g.nameFr : g.nameEn}
                  </option>
                ))}
            </select>
          )}
        </Field>
        <Field path="leadOrganizationId" label={labels.leadOrganizationId} error={errors.leadOrganizationId}>
          {(p) => (
            <select {...p} value={f.leadOrganizationId} onChange={set('leadOrganizationId')}>
              <option value="">{t('collaboratives.none')}</option>
              {(orgs.data?.items ?? []).map((o) => (
                <option key={o.id} value={o.id}>
                  {o.legalName}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field path="focus" label={t('collaboratives.f.focus')} error={errors.focus}>
          {(p) => <input {...p} value={f.focus} onChange={set('focus')} />}
        </Field>
        <div className="field checkbox">
          <input id="field-incorporated" type="checkbox" checked={f.incorporated} onChange={(e) => setF({ ...f, incorporated: e.target.checked })} />
          <label htmlFor="field-incorporated">{t('collaboratives.f.incorporated')}</label>
        </div>
        {(['vision', 'mission', 'mandate', 'guidingPrinciples'] as const).map((k) => (
          <Field key={k} path={k} label={t(`collaboratives.f.${k}`)} error={errors[k]}>
            {(p) => <textarea {...p} rows={3} value={f[k]} onChange={set(k)} />}
          </Field>
        ))}
        <fieldset>
          <legend>{t('collaboratives.f.governance')}</legend>
          <div className="field-row">
            <Field path="quorumKind" label={t('collaboratives.f.quorumKind')} error={errors.quorumKind}>
              {(p) => (
                <select {...p} value={f.quorumKind} onChange={set('quorumKind')}>
                  {['majority', 'percent', 'count'].map((x) => (
                    <option key={x} value={x}>
                      {t(`enums.quorumKind.${x}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field path="quorumValue" label={labels.quorumValue} hint={t('collaboratives.f.quorumValueHint')} error={errors.quorumValue}>
              {(p) => <input {...p} type="number" min={0} value={f.quorumValue} onChange={set('quorumValue')} />}
            </Field>
            <Field path="voteRule" label={t('collaboratives.f.voteRule')} error={errors.voteRule}>
              {(p) => (
                <select {...p} value={f.voteRule} onChange={set('voteRule')}>
                  {['simple_majority', 'two_thirds', 'unanimous'].map((x) => (
                    <option key={x} value={x}>
                      {t(`enums.voteRule.${x}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>
        </fieldset>
        <fieldset>
          <legend>{t('collaboratives.f.checklistCategories')}</legend>
          {partnerCategories.map((v) => (
            <div className="checkbox" key={v}>
              <input id={`pc-${v}`} type="checkbox" checked={f.checklistPartnerCategories.includes(v)} onChange={() => toggle('checklistPartnerCategories', v)} />
              <label htmlFor={`pc-${v}`}>{t(`enums.partnerCategory.${v}`)}</label>
            </div>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t('collaboratives.f.checklistSectors')}</legend>
          {sectors.map((v) => (
            <div className="checkbox" key={v}>
              <input id={`sec-${v}`} type="checkbox" checked={f.checklistSectors.includes(v)} onChange={() => toggle('checklistSectors', v)} />
              <label htmlFor={`sec-${v}`}>{t(`enums.sector.${v}`)}</label>
            </div>
          ))}
        </fieldset>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={busy}>
            {initial ? t('collaboratives.save') : t('collaboratives.create')}
          </button>
        </div>
      </form>
    </>
  );
}
