import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { collaborativesApi } from './api';
import { collaborativesKeys, useMyTasks } from './hooks';
import { EmptyState, LoadError, Loading, useTitle, Table } from '../../core/ui';
import { formatDate } from './parts';
import type { ActionItem } from './types';

/** The signed-in user's action items across collaboratives; overdue ones are marked. */
export function MyTasksPage() {
  const { t, i18n } = useTranslation();
  useTitle(t('collaboratives.myTasks'));
  const client = useQueryClient();
  const q = useMyTasks();
  async function done(a: ActionItem) {
    await collaborativesApi.updateActionItem(a.collaborativeId, a.id, { status: 'done', version: a.version });
    await client.invalidateQueries({ queryKey: collaborativesKeys.all });
  }
  return (
    <>
      <nav className="breadcrumbs" aria-label={t('collaboratives.breadcrumb')}>
        <ol>
          <li>
            <Link to="/collaboratives">{t('collaboratives.title')}</Link>
          </li>
        </ol>
      </nav>
      <h1>{t('collaboratives.myTasks')}</h1>
      {q.isPending ? (
        <Loading />
      ) : q.isError ? (
        <LoadError error={q.error} />
      ) : q.data.items.length === 0 ? (
        <EmptyState title={t('collaboratives.noTasks')} />
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-label={t('collaboratives.scrollTable')}>
          <Table>
            <caption>{t('collaboratives.tasksCaption', { count: q.data.items.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('collaboratives.actionTitle')}</th>
                <th scope="col">{t('collaboratives.title')}</th>
                <th scope="col">{t('collaboratives.dueOn')}</th>
                <th scope="col">{t('collaboratives.status')}</th>
                <th scope="col">{t('collaboratives.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {q.data.items.map((a) => (
                <tr key={a.id}>
                  <th scope="row">{a.title}</th>
                  <td>
                    <Link to={`/collaboratives/${a.collaborativeId}`}>{a.collaborativeName}</Link>
                  </td>
                  <td>{formatDate(a.dueOn, i18n.language)}</td>
                  <td>{a.overdue ? <strong className="badge badge-closed">{t('collaboratives.overdue')}</strong> : t(`enums.actionStatus.${a.status}`)}</td>
                  <td>
                    {a.actions['collaborative.action.update'] && a.status === 'open' ? (
                      <button type="button" className="link-button" onClick={() => done(a)}>
                        {t('collaboratives.markDone', { title: a.title })}
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
        </div>
      )}
    </>
  );
}
