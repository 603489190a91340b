/** Test factories: notices without leaning on other modules' commands. */
import type { Db } from '../../core/db/database';
import * as repo from './notifications.repository';
import type { NotificationKind } from './notifications.schema';

let n = 0;

export async function makeNotification(db: Db, userId: string, overrides: Partial<repo.NewNotification> = {}): Promise<void> {
  n++;
  await repo.insertNotifications(db, [userId], { kind: 'decision_recorded' as NotificationKind, params: { collaborative: `Test table ${n}`, result: 'carried' }, link: '/collaboratives', ...overrides });
}
