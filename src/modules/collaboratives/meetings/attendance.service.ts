/** Who is expected at a meeting, and recording who came. */
import type { Database, Db } from '../../../core/db/database';
import type { Actor, RequestMeta } from '../../../core/accounts/actor';
import { runCommand } from '../../../core/command';
import { Errors, type FieldError } from '../../../core/http/errors';
import type { MeetingRow } from '../collaboratives.tables';
import { requireAccess } from '../collaboratives.service';
import { memberName, orgNames } from '../collaboratives.members';
import { activeMemberRows } from '../repository/members';
import * as meetingsRepo from '../repository/meetings';
import { torontoDate } from './presenter';

export interface AttendanceEntry {
  memberId: string;
  displayName: string;
  voting: boolean;
  status: 'present' | 'regrets' | 'absent' | null;
}

/** Voting and non-voting members active on the meeting date, with their attendance. */
export async function attendanceOf(db: Db, collaborativeId: string, m: MeetingRow): Promise<AttendanceEntry[]> {
  // One after the other: `db` may be a transaction, whose one connection runs one query at a time.
  const mrows = await activeMemberRows(db, collaborativeId, torontoDate(m.startsAt));
  const att = await meetingsRepo.attendanceOfMeeting(db, m.id);
  const names = await orgNames(db, mrows.map((r) => r.organizationId));
  const status = new Map(att.map((a) => [a.memberId, a.status]));
  return mrows
    .map((r) => ({ memberId: r.id, displayName: memberName(r, names), voting: r.voting, status: status.get(r.id) ?? null }))
    .sort((a, b) => a.displayName.localeCompare(b.displayName));
}

export async function saveAttendance(database: Database, actor: Actor, meta: RequestMeta, collaborativeId: string, meetingId: string, entries: { memberId: string; status: 'present' | 'regrets' | 'absent' }[]) {
  return runCommand({ database, actor, meta }, async (tx) => {
    await requireAccess(tx, actor, collaborativeId, 'collaborative.attendance.update');
    const m = await meetingsRepo.findMeeting(tx, collaborativeId, meetingId);
    if (!m) throw Errors.notFound('Meeting');
    const eligible = new Set((await attendanceOf(tx, collaborativeId, m)).map((a) => a.memberId));
    const errors: FieldError[] = [];
    const seen = new Set<string>();
    entries.forEach((e, i) => {
      if (!eligible.has(e.memberId)) errors.push({ field: `entries.${i}.memberId`, message: 'Not a member of this collaborative on the meeting date' });
      if (seen.has(e.memberId)) errors.push({ field: `entries.${i}.memberId`, message: 'Listed twice' });
      seen.add(e.memberId);
    });
    if (errors.length) throw Errors.validation(errors);
    await meetingsRepo.upsertAttendance(tx, meetingId, entries);
    return { result: undefined, audit: { action: 'collaborative.attendance.update', entityType: 'collaborative_meeting', entityId: meetingId, details: { collaborativeId, entries: entries.length } } };
  });
}
