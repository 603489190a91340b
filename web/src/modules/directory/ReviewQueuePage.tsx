import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { Link } from 'react-router';
import { ApiError } from '../../core/api';
import { isPlatformAdmin, useUser } from '../../core/session';
import { Form, TextField, useZodForm } from '../../core/form';
import { EmptyState, LoadError, Loading, useTitle, Table } from '../../core/ui';
import { DirectoryBreadcrumb, formatDate } from './parts';
import type { ReviewItem } from './api';
import { useReviewQueue, useSetReviewMonths, useVerifyService } from './hooks';


export function ReviewQueuePage() {
  const { t, i18n } = useTranslation();
  useTitle(t('directory.reviewTitle'));
  const user = useUser();
  const queue = useReviewQueue();
  const verifyService = useVerifyService();
  const [done, setDone] = useState<string>();
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<string>();

  async function verify(item: ReviewItem) {
    setBusy(item.id);
    setError(undefined);
    try {
      await verifyService.mutateAsync(item.id);
      setDone(t('directory.verifiedNamed', { name: item.name }));
    } catch (err) {
      setError(err instanceof ApiError && err.status === 403 ? t('errors.forbidden') : t('errors.generic'));
    } finally {
      setBusy(undefined);
    }
  }

  return (
    <>
      <DirectoryBreadcrumb />
      <h1>{t('directory.reviewTitle')}</h1>
      {queue.isPending ? (
        <Loading />
      ) : queue.isError ? (
        queue.error instanceof ApiError && queue.error.status === 403 ? (
          <EmptyState title={t('directory.reviewNoServicesTitle')}>
            <p>{t('directory.reviewNoServices')}</p>
          </EmptyState>
        ) : (
          <LoadError error={queue.error} />
        )
      ) : (
        <>
          <p className="lead">{t('directory.reviewLead', { count: queue.data.months })}</p>
          <div role="status" aria-live="polite">
            {done ? <p className="notice notice-success">{done}</p> : null}
          </div>
          {error ? (
            <p className="notice notice-error" role="alert">
              {error}
            </p>
          ) : null}
          {isPlatformAdmin(user) ? <MonthsSetting months={queue.data.months} /> : null}
          {queue.data.items.length === 0 ? (
            <EmptyState title={t('directory.reviewEmptyTitle')}>
              <p>{t('directory.reviewEmpty')}</p>
            </EmptyState>
          ) : (
            <div className="table-wrap">
              <Table className="review-table">
                <caption className="visually-hidden">{t('directory.reviewCaption', { count: queue.data.items.length })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('directory.service')}</th>
                    <th scope="col">{t('directory.organization')}</th>
                    <th scope="col">{t('directory.lastVerified')}</th>
                    <th scope="col">
                      <span className="visually-hidden">{t('directory.actions')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {queue.data.items.map((item) => (
                    <tr key={item.id} data-service-id={item.id}>
                      <td>
                        <Link to={`/find/services/${item.id}`}>{item.name}</Link>
                      </td>
                      <td>{item.organization}</td>
                      <td>
                        {item.lastVerifiedAt
                          ? item.lastVerifiedBy
                            ? t('directory.verifiedAtBy', { date: formatDate(item.lastVerifiedAt, i18n.language), who: item.lastVerifiedBy })
                            : formatDate(item.lastVerifiedAt, i18n.language)
                          : t('directory.never')}
                      </td>
                      <td>
                        <button type="button" className="button-secondary" disabled={busy === item.id} onClick={() => verify(item)}>
                          {t('directory.verify')}
                          <span className="visually-hidden">: {item.name}</span>
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </Table>
            </div>
          )}
        </>
      )}
    </>
  );
}

/** The server's review-months setting: a whole number of months, 1 to 120. */
const monthsSchema = z.object({ months: z.number('directory.monthsInvalid').int('directory.monthsInvalid').min(1, 'directory.monthsInvalid').max(120, 'directory.monthsInvalid') });

function MonthsSetting({ months }: { months: number }) {
  const { t } = useTranslation();
  const setReviewMonths = useSetReviewMonths();
  const form = useZodForm(monthsSchema, { defaultValues: { months } });

  async function submit(v: z.infer<typeof monthsSchema>) {
    await setReviewMonths.mutateAsync(v.months);
    return t('directory.monthsSaved');
  }

  return (
    <Form form={form} onSubmit={submit} className="filters months-form" submitLabel={t('directory.saveMonths')}>
      <TextField name="months" type="number" className="narrow" inputMode="numeric" label={t('directory.months')} hint={t('directory.monthsHint')} required />
    </Form>
  );
}
