/** The agenda editor: the whole agenda replaced at once, guarded by the meeting's version. */
import type { Database } from '../../../core/db/database';
import type { Actor, RequestMeta } from '../../../core/accounts/actor';
import { runCommand } from '../../../core/command';
import { Errors, type FieldError } from '../../../core/http/errors';
import { requireAccess } from '../collaboratives.service';
import * as agendaRepo from '../repository/agenda';
import * as meetingsRepo from '../repository/meetings';
import type { AgendaInput } from '../collaboratives.schema';

/**
 * Replaces the agenda as a whole, if the meeting is still at the version the editor started
 * from; otherwise 409 with the current agenda, so two people editing never lose a change.
 * Items are added through the same path as `appendToNextAgenda` (repository/agenda.ts).
 */
export async function saveAgenda(database: Database, actor: Actor, meta: RequestMeta, collaborativeId: string, meetingId: string, input: AgendaInput) {
  return runCommand({ database, actor, meta }, async (tx) => {
    await requireAccess(tx, actor, collaborativeId, 'collaborative.agenda.update');
    const m = await meetingsRepo.findMeeting(tx, collaborativeId, meetingId);
    if (!m) throw Errors.notFound('Meeting');
    const version = await agendaRepo.bumpMeetingVersion(tx, meetingId, input.version);
    const existing = await agendaRepo.agendaOf(tx, meetingId);
    if (version === undefined) throw Errors.staleVersion({ version: m.version, agenda: existing.map((a) => ({ id: a.id, title: a.title, kind: a.kind, presenter: a.presenter, minutesAllotted: a.minutesAllotted })) });
    const existingIds = new Set(existing.map((a) => a.id));
    const errors: FieldError[] = [];
    input.items.forEach((it, i) => {
      if (it.id && !existingIds.has(it.id)) errors.push({ field: `items.${i}.id`, message: 'Not an item of this agenda' });
    });
    const kept = new Set(input.items.map((i) => i.id).filter(Boolean));
    for (const agendaItemId of await meetingsRepo.decidedAgendaItemIds(tx, meetingId)) {
      if (agendaItemId && !kept.has(agendaItemId)) errors.push({ field: 'items', message: 'An item with a recorded decision cannot be removed' });
      const idx = input.items.findIndex((it) => it.id === agendaItemId);
      if (idx >= 0 && input.items[idx].kind !== 'decision') errors.push({ field: `items.${idx}.kind`, message: 'This item has a recorded decision; it must stay a decision item' });
    }
    if (errors.length) throw Errors.validation(errors);
    await agendaRepo.deleteAgendaItems(tx, existing.filter((a) => !kept.has(a.id)).map((a) => a.id));
    const values = input.items.map((it, i) => ({ id: it.id, title: it.title, kind: it.kind, presenter: it.presenter ?? null, minutesAllotted: it.minutesAllotted ?? null, position: i + 1 }));
    for (const v of values.filter((v) => v.id)) await agendaRepo.updateAgendaItem(tx, v.id!, v);
    await agendaRepo.insertAgendaItems(tx, meetingId, values.filter((v) => !v.id));
    return { result: version, audit: { action: 'collaborative.agenda.update', entityType: 'collaborative_meeting', entityId: meetingId, details: { collaborativeId, items: input.items.length, version } } };
  });
}
