import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { api } from '../../core/api';
import { isPlatformAdmin, useUser } from '../../core/session';
import { ErrorSummary, Field, fieldErrorsOf, LoadError, Loading, useTitle } from '../../core/ui';
import { useAllPlaces } from '../geography/hooks';
import { nameIn, type Dashboard } from './api';
import { dataKeys, useDashboards, useIndicators } from './hooks';
import './data.css';

interface Collaborative {
  id: string;
  name: string;
  myRoles: string[];
}

/** Dashboards: a collaborative's saved indicators and places, members-only or public. */
export function DashboardsPage() {
  const { t } = useTranslation();
  useTitle(t('data.dashboards'));
  const list = useDashboards();
  const collaboratives = useQuery({ queryKey: ['collaboratives'], queryFn: () => api.get<{ items: Collaborative[] }>('/collaboratives') });
  const user = useUser();
  const managed = collaboratives.data?.items.filter((c) => isPlatformAdmin(user) || c.myRoles.includes('coordinator')) ?? [];
  return (
    <>
      <nav aria-label={t('data.breadcrumb')} className="breadcrumbs">
        <ol>
          <li><Link to="/data">{t('data.title')}</Link></li>
          <li aria-current="page">{t('data.dashboards')}</li>
        </ol>
      </nav>
      <h1>{t('data.dashboards')}</h1>
      <p className="lead">{t('data.dashboardsLead')}</p>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <LoadError error={list.error} />
      ) : list.data.items.length === 0 ? (
        <p>{t('data.noDashboards')}</p>
      ) : (
        <ul className="record-list">
          {list.data.items.map((d) => (
            <li key={d.id}>
              <Link to={`/data/dashboards/${d.id}`} className="record-title">{d.title}</Link>{' '}
              <span className="tag">{t(`data.visibility.${d.visibility}`)}</span>
              {d.description ? <p>{d.description}</p> : null}
            </li>
          ))}
        </ul>
      )}
      {managed.length > 0 ? <NewDashboard collaboratives={managed} /> : null}
    </>
  );
}

function NewDashboard({ collaboratives }: { collaboratives: Collaborative[] }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const indicators = useIndicators();
  const places = useAllPlaces();
  const [collaborativeId, setCollaborativeId] = useState(collaboratives[0].id);
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [visibility, setVisibility] = useState<'members' | 'public'>('members');
  const [indicatorIds, setIndicatorIds] = useState<string[]>([]);
  const [geographyIds, setGeographyIds] = useState<string[]>([]);
  const save = useMutation({
    mutationFn: () => api.post<Dashboard>('/data/dashboards', { collaborativeId, title, description: description || null, visibility, indicatorIds, geographyIds }),
    onSuccess: (d) => {
      void qc.invalidateQueries({ queryKey: dataKeys.dashboards() });
      void navigate(`/data/dashboards/${d.id}`);
    },
  });
  const errors = save.isError ? fieldErrorsOf(save.error) : {};
  const toggle = (list: string[], set: (v: string[]) => void, id: string) => set(list.includes(id) ? list.filter((x) => x !== id) : [...list, id]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  const durhamPlaces = (places.data?.items ?? []).filter((g) => g.level !== 'province');
  return (
    <section aria-labelledby="new-dashboard">
      <h2 id="new-dashboard">{t('data.newDashboard')}</h2>
      <form onSubmit={submit} noValidate className="form">
        <ErrorSummary
          errors={errors}
          labels={{ title: t('data.dashboardTitle'), indicatorIds: t('data.indicators'), geographyIds: t('data.places'), collaborativeId: t('data.collaborative') }}
          message={save.isError && !Object.keys(errors).length ? (save.error as Error).message : undefined}
        />
        <Field path="collaborativeId" label={t('data.collaborative')} error={errors.collaborativeId}>
          {(props) => (
            <select {...props} value={collaborativeId} onChange={(e) => setCollaborativeId(e.target.value)}>
              {collaboratives.map((c) => (
                <option key={c.id} value={c.id}>{c.name}</option>
              ))}
            </select>
          )}
        </Field>
        <Field path="title" label={t('data.dashboardTitle')} error={errors.title} required>
          {(props) => <input {...props} value={title} onChange={(e) => setTitle(e.target.value)} />}
        </Field>
        <Field path="description" label={t('data.description')} error={errors.description}>
          {(props) => <textarea {...props} rows={2} value={description} onChange={(e) => setDescription(e.target.value)} />}
        </Field>
        <fieldset>
          <legend>{t('data.whoSees')}</legend>
          {(['members', 'public'] as const).map((v) => (
            <div className="field checkbox" key={v}>
              <input type="radio" id={`vis-${v}`} name="visibility" checked={visibility === v} onChange={() => setVisibility(v)} />
              <label htmlFor={`vis-${v}`}>{t(`data.visibilityLong.${v}`)}</label>
            </div>
          ))}
        </fieldset>
        <fieldset id="field-indicatorIds" tabIndex={-1} aria-describedby={errors.indicatorIds ? 'indicatorIds-error' : undefined}>
          <legend>{t('data.indicators')}</legend>
          {errors.indicatorIds ? <p className="error-message" id="indicatorIds-error">{errors.indicatorIds}</p> : null}
          {indicators.data?.items.map((i) => (
            <div className="field checkbox" key={i.id}>
              <input type="checkbox" id={`di-${i.id}`} checked={indicatorIds.includes(i.id)} onChange={() => toggle(indicatorIds, setIndicatorIds, i.id)} />
              <label htmlFor={`di-${i.id}`}>{nameIn(i.name, i18n.language)}</label>
            </div>
          ))}
        </fieldset>
        <fieldset id="field-geographyIds" tabIndex={-1} aria-describedby={errors.geographyIds ? 'geographyIds-error' : undefined}>
          <legend>{t('data.places')}</legend>
          {errors.geographyIds ? <p className="error-message" id="geographyIds-error">{errors.geographyIds}</p> : null}
          {durhamPlaces.map((g) => (
            <div className="field checkbox" key={g.id}>
              <input type="checkbox" id={`dg-${g.id}`} checked={geographyIds.includes(g.id)} onChange={() => toggle(geographyIds, setGeographyIds, g.id)} />
              <label htmlFor={`dg-${g.id}`}>{nameIn({ en: g.nameEn, fr: g.nameFr }, i18n.language)}</label>
            </div>
          ))}
        </fieldset>
        <button type="submit" className="button-primary" disabled={save.isPending}>{t('data.saveDashboard')}</button>
      </form>
    </section>
  );
}
