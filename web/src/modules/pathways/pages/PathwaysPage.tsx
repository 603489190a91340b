import { z } from 'zod';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { Form, SelectField, TextArea, TextField, useZodForm } from '../../../core/form';
import { LoadError, Loading, Table, useTitle } from '../../../core/ui';
import { pathwaysApi } from '../api';
import { useCollaborativeOptions, usePathwayMutation, usePathways } from '../hooks';
import { pick } from '../components/parts';
import '../pathways.css';

const createSchema = z.object({ collaborativeId: z.string().min(1, 'errors.choose'), name: z.string().trim().min(1).max(200), scenario: z.string().trim().max(2000) });

export function PathwaysPage() {
  const { t, i18n } = useTranslation();
  useTitle(t('pathways.title'));
  const q = usePathways();
  const collaboratives = useCollaborativeOptions();
  const create = usePathwayMutation(pathwaysApi.create);
  const navigate = useNavigate();
  const form = useZodForm(createSchema, { defaultValues: { collaborativeId: '', name: '', scenario: '' } });
  return (
    <>
      <h1>{t('pathways.title')}</h1>
      <p className="lead">{t('pathways.lead')}</p>
      {q.isPending ? <Loading /> : q.isError ? <LoadError error={q.error} /> : (
        <>
          {q.data.items.length === 0 ? <p>{t('pathways.none')}</p> : (
            <Table className="data-table">
              <caption>{t('pathways.listCaption')}</caption>
              <thead><tr><th scope="col">{t('pathways.name')}</th><th scope="col">{t('pathways.collaborative')}</th><th scope="col">{t('pathways.status')}</th><th scope="col">{t('pathways.stepsCount')}</th></tr></thead>
              <tbody>
                {q.data.items.map((p) => (
                  <tr key={p.id}>
                    <th scope="row"><Link to={`/pathways/${p.id}`}>{pick(i18n.language, p.name, p.nameFr)}</Link>{p.baseChanged ? <> <span className="pathways-badge is-warning">{t('pathways.baseChangedShort')}</span></> : null}</th>
                    <td>{p.collaborativeName}</td>
                    <td>{p.publishedVersion ? t('pathways.statusPublished', { version: p.publishedVersion }) : t('pathways.statusDraft')}</td>
                    <td>{p.steps}</td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
          {q.data.actions['pathways.create'] ? (
            <Form
              form={form}
              className="form pathways-form"
              heading={<h2>{t('pathways.createHeading')}</h2>}
              submitLabel={t('pathways.create')}
              onSubmit={async (v) => {
                const p = await create.mutateAsync(v);
                navigate(`/pathways/${p.id}`);
              }}
            >
              <SelectField name="collaborativeId" label={t('pathways.collaborative')} required placeholder="–" choices={(collaboratives.data ?? []).map((c) => ({ value: c.id, label: c.name }))} />
              <TextField name="name" label={t('pathways.name')} required />
              <TextArea name="scenario" label={t('pathways.scenario')} hint={t('pathways.scenarioHint')} rows={2} />
            </Form>
          ) : null}
        </>
      )}
    </>
  );
}
