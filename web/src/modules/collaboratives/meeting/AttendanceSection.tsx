import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { useQueryClient } from '@tanstack/react-query';
import { collaborativesApi } from '../api';
import { Form, useZodForm } from '../../../core/form';
import { Table } from '../../../core/ui';
import type { Collab, Meeting } from '../types';
import { refreshCollab } from './shared';

const STATUSES = ['present', 'regrets', 'absent'] as const;
const schema = z.object({ status: z.record(z.string(), z.enum(['', ...STATUSES])) });
type Values = z.input<typeof schema>;

/** Who came, and whether the meeting has quorum. */
export function AttendanceSection({ c, m, manage }: { c: Collab; m: Meeting; manage: boolean }) {
  const { t } = useTranslation();
  const q = m.quorum;
  const table = (control?: (memberId: string, name: string) => React.ReactNode) => (
    <Table>
      <caption>{t('collaboratives.attendanceCaption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('collaboratives.member')}</th>
          <th scope="col">{t('collaboratives.f.voting')}</th>
          <th scope="col">{t('collaboratives.attendance')}</th>
        </tr>
      </thead>
      <tbody>
        {m.attendance.map((a) => (
          <tr key={a.memberId}>
            <th scope="row">{a.displayName}</th>
            <td>{a.voting ? t('collaboratives.voting') : t('collaboratives.nonVoting')}</td>
            <td>{control ? control(a.memberId, a.displayName) : a.status ? t(`enums.attendance.${a.status}`) : t('collaboratives.notRecorded')}</td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
  return (
    <section aria-labelledby="att-h">
      <h2 id="att-h">{t('collaboratives.attendance')}</h2>
      <p className={q.met ? 'notice notice-success' : 'notice notice-warning'} data-testid="quorum">
        {t(q.met ? 'collaboratives.quorumMet' : 'collaboratives.quorumNotMet', { present: q.votingPresent, total: q.votingMembers, required: q.required })}
      </p>
      {manage ? <AttendanceForm c={c} m={m} table={table} /> : table()}
    </section>
  );
}

function AttendanceForm({ c, m, table }: { c: Collab; m: Meeting; table: (control: (memberId: string, name: string) => React.ReactNode) => React.ReactNode }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const fromMeeting = (): Values => ({ status: Object.fromEntries(m.attendance.map((a) => [a.memberId, (a.status ?? '') as Values['status'][string]])) });
  const form = useZodForm(schema, { defaultValues: fromMeeting() });
  useEffect(() => {
    form.reset(fromMeeting());
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [m.version, m.attendance.length]);
  return (
    <Form
      form={form}
      submitLabel={t('collaboratives.saveAttendance')}
      onSubmit={async (v) => {
        const entries = Object.entries(v.status)
          .filter(([, s]) => s)
          .map(([memberId, status]) => ({ memberId, status }));
        await collaborativesApi.saveAttendance(c.id, m.id, { entries });
        await refreshCollab(client, c);
        return t('collaboratives.attendanceSaved');
      }}
    >
      {table((memberId, name) => (
        <select aria-label={t('collaboratives.attendanceOf', { name })} {...form.register(`status.${memberId}`)}>
          <option value="">{t('collaboratives.notRecorded')}</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`enums.attendance.${s}`)}
            </option>
          ))}
        </select>
      ))}
    </Form>
  );
}
