import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCollaboratives } from './hooks';
import { EmptyState, LoadError, Loading, useTitle } from '../../core/ui';


export function CollaborativesPage() {
  const { t } = useTranslation();
  useTitle(t('collaboratives.title'));
  const list = useCollaboratives();
  return (
    <>
      <h1>{t('collaboratives.title')}</h1>
      <p className="lead">{t('collaboratives.lead')}</p>
      <p className="form-actions">
        <Link to="/collaboratives/my-tasks">{t('collaboratives.myTasks')}</Link>
        {list.data?.actions['collaborative.create'] ? (
          <Link className="button button-primary" to="/collaboratives/new">
            {t('collaboratives.create')}
          </Link>
        ) : null}
      </p>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <LoadError error={list.error} />
      ) : list.data.items.length === 0 ? (
        <EmptyState title={t('collaboratives.emptyTitle')}>
          <p>{t('collaboratives.empty')}</p>
        </EmptyState>
      ) : (
        <ul className="card-grid">
          {list.data.items.map((c) => (
            <li key={c.id} className="card">
              <h2>
                <Link to={`/collaboratives/${c.id}`}>{c.name}</Link>
                {c.shortName ? <span className="muted"> ({c.shortName})</span> : null}
              </h2>
              <p className="tags">
                <span className="tag">{t(`enums.collaborativeType.${c.type}`, { defaultValue: c.type })}</span>
                <span className="tag">{t(`enums.scope.${c.scope}`, { defaultValue: c.scope })}</span>
                <span className="tag">{t(`enums.collaborativeStage.${c.stage}`)}</span>
              </p>
              {c.focus ? <p>{c.focus}</p> : null}
              <p className="small">
                <strong>{t('collaboratives.myRoles')}</strong>{' '}
                {c.myRoles.length ? c.myRoles.map((r) => t(`enums.role.${r}`)).join(', ') : t('collaboratives.noRoles')}
              </p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
