import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ErrorSummary, Field, fieldErrorsOf, LoadError, Loading, Table, useTitle, type FieldErrors } from '../../../core/ui';
import { pathwaysApi } from '../api';
import { useCollaborativeOptions, usePathwayMutation, usePathways } from '../hooks';
import { pick } from '../components/parts';
import '../pathways.css';

export function PathwaysPage() {
  const { t, i18n } = useTranslation();
  useTitle(t('pathways.title'));
  const q = usePathways();
  const collaboratives = useCollaborativeOptions();
  const create = usePathwayMutation(pathwaysApi.create);
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const [scenario, setScenario] = useState('');
  const [collaborativeId, setCollaborativeId] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      const p = await create.mutateAsync({ collaborativeId, name, scenario });
      navigate(`/pathways/${p.id}`);
    } catch (err) {
      setErrors(fieldErrorsOf(err));
    }
  };
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
            <form className="pathways-form" onSubmit={submit} noValidate>
              <h2>{t('pathways.createHeading')}</h2>
              <ErrorSummary errors={errors} labels={{ collaborativeId: t('pathways.collaborative'), name: t('pathways.name'), scenario: t('pathways.scenario') }} />
              <Field path="collaborativeId" label={t('pathways.collaborative')} error={errors.collaborativeId} required>
                {(p) => (
                  <select {...p} value={collaborativeId} onChange={(e) => setCollaborativeId(e.target.value)}>
                    <option value="">–</option>
                    {(collaboratives.data ?? []).map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
                  </select>
                )}
              </Field>
              <Field path="name" label={t('pathways.name')} error={errors.name} required>
                {(p) => <input {...p} value={name} onChange={(e) => setName(e.target.value)} />}
              </Field>
              <Field path="scenario" label={t('pathways.scenario')} hint={t('pathways.scenarioHint')} error={errors.scenario}>
                {(p) => <textarea {...p} rows={2} value={scenario} onChange={(e) => setScenario(e.target.value)} />}
              </Field>
              <button type="submit" disabled={create.isPending}>{t('pathways.create')}</button>
            </form>
          ) : null}
        </>
      )}
    </>
  );
}
