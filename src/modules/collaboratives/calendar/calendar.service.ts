import crypto from 'node:crypto';
import type { Database } from '../../../core/db/database';
import type { Actor } from '../../../core/accounts/actor';
import { activeUserActor } from '../../../core/accounts/accounts.service';
import { runCommand, type CommandContext } from '../../../core/command';
import { allowedActions, authorizeAction } from '../../../core/policy';
import { Errors } from '../../../core/http/errors';
import { collaborativeAccess } from '../collaboratives.policy';
import { loadCollaborative } from '../collaboratives.service';
import { getMeeting } from '../meetings';
import * as repo from './calendar.repository';
import { can } from './calendar.policy';
import { collaborativeCalendar, meetingCalendar } from './ics';

const hash = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

/** Where a subscription link points: outside /api/v1, readable by calendar programs without a session. */
export const calendarPath = (token: string) => `/calendar/${token}.ics`;

/** One meeting as an .ics file, for someone who may see the meeting. */
export async function meetingIcs(database: Database, actor: Actor | null, collaborativeId: string, meetingId: string, meetingUrl: (id: string) => string) {
  const m = await getMeeting(database, actor, collaborativeId, meetingId);
  const { row } = await loadCollaborative(database.db, actor, collaborativeId);
  const cal = await repo.meetingById(database.db, collaborativeId, meetingId);
  if (!cal) throw Errors.notFound('Meeting');
  const text = meetingCalendar({ ...cal, agenda: m.agenda.map((a) => `${a.position}. ${a.title} (${a.kind})`) }, { collaborativeName: row.name, meetingUrl });
  return { text, startsAt: m.startsAt };
}

/**
 * A new personal subscription link to the collaborative's calendar; any earlier link of the
 * same person stops working. The secret is returned once and stored only as a hash.
 */
export async function createCalendarLink(ctx: CommandContext, collaborativeId: string) {
  const { actor } = ctx;
  const { access } = await loadCollaborative(ctx.database.db, actor, collaborativeId);
  authorizeAction(can, actor, 'calendar.link.create', { access });
  const userId = actor.kind === 'user' ? actor.userId : '';
  const token = crypto.randomBytes(32).toString('base64url');
  return runCommand(ctx, async (tx) => {
    const replaced = await repo.revokeFeedsOf(tx, collaborativeId, userId);
    const id = await repo.insertFeed(tx, collaborativeId, userId, hash(token));
    return {
      result: { id, path: calendarPath(token) },
      audit: { action: 'collaborative.calendar_link.create', entityType: 'collaborative_calendar_link', entityId: id, details: { collaborativeId, replaced } },
    };
  });
}

/** Live links: a manager sees everyone's (without secrets), a member their own. */
export async function listCalendarLinks(database: Database, actor: Actor, collaborativeId: string) {
  const { access } = await loadCollaborative(database.db, actor, collaborativeId);
  authorizeAction(can, actor, 'calendar.read', { access });
  const all = can(actor, 'calendar.link.list_all', { access });
  const rows = await repo.liveFeeds(database.db, collaborativeId, all || actor.kind !== 'user' ? undefined : actor.userId);
  return {
    items: rows.map((r) => ({ ...r, actions: allowedActions(can, actor, ['calendar.link.revoke'], { access, linkOwnerId: r.userId }) })),
    actions: allowedActions(can, actor, ['calendar.link.create', 'calendar.link.list_all'], { access }),
  };
}

export async function revokeCalendarLink(ctx: CommandContext, collaborativeId: string, linkId: string) {
  const { access } = await loadCollaborative(ctx.database.db, ctx.actor, collaborativeId);
  const link = await repo.feedById(ctx.database.db, collaborativeId, linkId);
  // 404 for a link that is not yours to see, as for a missing one.
  if (!link || !can(ctx.actor, 'calendar.link.revoke', { access, linkOwnerId: link.userId })) throw Errors.notFound('Calendar link');
  await runCommand(ctx, async (tx) => {
    await repo.revokeFeed(tx, linkId);
    return { result: null, audit: { action: 'collaborative.calendar_link.revoke', entityType: 'collaborative_calendar_link', entityId: linkId, details: { collaborativeId, ownerId: link.userId } } };
  });
}

/**
 * The calendar behind a subscription link, as its owner would see it today: a revoked link,
 * a deactivated owner or one no longer a member all get the same 404.
 */
export async function subscribedCalendar(database: Database, token: string, meetingUrl: (collaborativeId: string, meetingId: string) => string): Promise<string> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) throw Errors.notFound('Calendar');
  const feed = await repo.feedByTokenHash(database.db, hash(token));
  const owner = feed && (await activeUserActor(database.db, feed.userId));
  if (!feed || !owner || !can(owner, 'calendar.read', { access: collaborativeAccess(owner, feed.collaborativeId) })) throw Errors.notFound('Calendar');
  const { row } = await loadCollaborative(database.db, owner, feed.collaborativeId);
  const meetings = await repo.meetingsOf(database.db, feed.collaborativeId);
  return collaborativeCalendar(meetings, { collaborativeName: row.name, meetingUrl: (id) => meetingUrl(feed.collaborativeId, id) });
}
