import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { api } from '../../core/api';
import { isPlatformAdmin, useUser } from '../../core/session';
import { CheckboxGroup, Form, RadioGroup, SelectField, TextArea, TextField, useZodForm } from '../../core/form';
import { LoadError, Loading, useTitle } from '../../core/ui';
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

/** The server's DashboardInputSchema as the form holds it. */
const dashboardSchema = z.object({
  collaborativeId: z.string().min(1),
  title: z.string().trim().min(1).max(200),
  description: z.string().trim().max(2000),
  visibility: z.enum(['members', 'public']),
  indicatorIds: z.array(z.string()).min(1).max(20),
  geographyIds: z.array(z.string()).min(1).max(20),
});
type DashboardValues = z.infer<typeof dashboardSchema>;

function NewDashboard({ collaboratives }: { collaboratives: Collaborative[] }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const indicators = useIndicators();
  const places = useAllPlaces();
  const form = useZodForm(dashboardSchema, { defaultValues: { collaborativeId: collaboratives[0].id, title: '', description: '', visibility: 'members', indicatorIds: [], geographyIds: [] } });
  async function submit(v: DashboardValues) {
    const d = await api.post<Dashboard>('/data/dashboards', { ...v, description: v.description || null, indicatorIds: v.indicatorIds || [], geographyIds: v.geographyIds || [] });
    void qc.invalidateQueries({ queryKey: dataKeys.dashboards() });
    void navigate(`/data/dashboards/${d.id}`);
  }
  const durhamPlaces = (places.data?.items ?? []).filter((g) => g.level !== 'province');
  return (
    <section aria-labelledby="new-dashboard">
      <h2 id="new-dashboard">{t('data.newDashboard')}</h2>
      <Form form={form} onSubmit={submit} submitLabel={t('data.saveDashboard')}>
        <SelectField name="collaborativeId" label={t('data.collaborative')} choices={collaboratives.map((c) => ({ value: c.id, label: c.name }))} />
        <TextField name="title" label={t('data.dashboardTitle')} required />
        <TextArea name="description" label={t('data.description')} rows={2} />
        <RadioGroup name="visibility" label={t('data.whoSees')} choices={(['members', 'public'] as const).map((v) => ({ value: v, label: t(`data.visibilityLong.${v}`) }))} />
        <CheckboxGroup name="indicatorIds" label={t('data.indicators')} required choices={(indicators.data?.items ?? []).map((i) => ({ value: i.id, label: nameIn(i.name, i18n.language) }))} />
        <CheckboxGroup name="geographyIds" label={t('data.places')} required choices={durhamPlaces.map((g) => ({ value: g.id, label: nameIn({ en: g.nameEn, fr: g.nameFr }, i18n.language) }))} />
      </Form>
    </section>
  );
}
