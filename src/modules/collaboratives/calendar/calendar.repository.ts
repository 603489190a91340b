import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../../../core/db/database';
import type { CalendarMeeting } from './ics';

interface MeetingRowSql {
  id: string;
  title: string;
  starts_at: Date | string;
  ends_at: Date | string;
  location: string | null;
  status: CalendarMeeting['status'];
  series_id: string | null;
  recurrence: string | null;
  sequence: number;
  original_starts_at: Date | string | null;
}

const toMeeting = (r: MeetingRowSql): CalendarMeeting => ({
  id: r.id,
  title: r.title,
  startsAt: new Date(r.starts_at),
  endsAt: new Date(r.ends_at),
  location: r.location,
  status: r.status,
  seriesId: r.series_id,
  recurrence: r.recurrence,
  sequence: r.sequence,
  originalStartsAt: r.original_starts_at ? new Date(r.original_starts_at) : null,
});

const MEETING_COLUMNS = sql`id, title, starts_at, ends_at, location, status, series_id, recurrence, sequence, original_starts_at`;

export async function meetingsOf(db: Db, collaborativeId: string): Promise<CalendarMeeting[]> {
  const rows = await rowsOf<MeetingRowSql>(db, sql`SELECT ${MEETING_COLUMNS} FROM collaboratives_meetings WHERE collaborative_id = ${collaborativeId} ORDER BY starts_at`);
  return rows.map(toMeeting);
}

export async function meetingById(db: Db, collaborativeId: string, meetingId: string): Promise<CalendarMeeting | undefined> {
  const [row] = await rowsOf<MeetingRowSql>(db, sql`SELECT ${MEETING_COLUMNS} FROM collaboratives_meetings WHERE id = ${meetingId} AND collaborative_id = ${collaborativeId}`);
  return row && toMeeting(row);
}

export interface FeedRow {
  id: string;
  collaborativeId: string;
  userId: string;
  userName: string;
  createdAt: string;
}

const FEED_SELECT = sql`SELECT f.id, f.collaborative_id AS "collaborativeId", f.user_id AS "userId", u.name AS "userName", f.created_at AS "createdAt"
  FROM collaboratives_calendar_feeds f JOIN users u ON u.id = f.user_id`;

/** Live subscription links of a collaborative: all of them, or one user's. */
export async function liveFeeds(db: Db, collaborativeId: string, userId?: string): Promise<FeedRow[]> {
  const rows = await rowsOf<FeedRow>(
    db,
    sql`${FEED_SELECT} WHERE f.collaborative_id = ${collaborativeId} AND f.revoked_at IS NULL ${userId ? sql`AND f.user_id = ${userId}` : sql``} ORDER BY f.created_at DESC`,
  );
  return rows.map((r) => ({ ...r, createdAt: new Date(r.createdAt).toISOString() }));
}

export async function feedById(db: Db, collaborativeId: string, id: string): Promise<FeedRow | undefined> {
  return (await rowsOf<FeedRow>(db, sql`${FEED_SELECT} WHERE f.id = ${id} AND f.collaborative_id = ${collaborativeId} AND f.revoked_at IS NULL`))[0];
}

export async function feedByTokenHash(db: Db, tokenHash: string): Promise<{ collaborativeId: string; userId: string } | undefined> {
  return (
    await rowsOf<{ collaborativeId: string; userId: string }>(
      db,
      sql`SELECT collaborative_id AS "collaborativeId", user_id AS "userId" FROM collaboratives_calendar_feeds WHERE token_hash = ${tokenHash} AND revoked_at IS NULL`,
    )
  )[0];
}

/** Revokes the user's live link to the collaborative's calendar, if any. */
export async function revokeFeedsOf(db: Db, collaborativeId: string, userId: string): Promise<number> {
  const rows = await rowsOf(db, sql`UPDATE collaboratives_calendar_feeds SET revoked_at = now() WHERE collaborative_id = ${collaborativeId} AND user_id = ${userId} AND revoked_at IS NULL RETURNING id`);
  return rows.length;
}

export async function revokeFeed(db: Db, id: string): Promise<void> {
  await db.execute(sql`UPDATE collaboratives_calendar_feeds SET revoked_at = now() WHERE id = ${id} AND revoked_at IS NULL`);
}

export async function insertFeed(db: Db, collaborativeId: string, userId: string, tokenHash: string): Promise<string> {
  const [row] = await rowsOf<{ id: string }>(
    db,
    sql`INSERT INTO collaboratives_calendar_feeds (collaborative_id, user_id, token_hash) VALUES (${collaborativeId}, ${userId}, ${tokenHash}) RETURNING id`,
  );
  return row.id;
}
