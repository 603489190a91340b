import type { Database, Db } from '../../core/db/database';
import type { Actor, RequestMeta } from '../../core/accounts/actor';
import { runCommand } from '../../core/command';
import { Errors, type FieldError } from '../../core/http/errors';
import { organizationExists } from '../../core/organizations/organizations.service';
import * as repo from './repository/funding';
import type { EngagementRow } from './repository/funding';
import { requireAccess } from './collaboratives.service';
import { addDaysToDate, amountByYear, torontoToday } from './collaboratives.rules';
import { orgNames } from './collaboratives.members';
import { engagementListActions, type EngagementInput, type FundingSourceInput } from './collaboratives.schema';
import { collaborativeActions } from './collaboratives.policy';

export async function fundingSummary(database: Database, actor: Actor, collaborativeId: string) {
  await requireAccess(database.db, actor, collaborativeId, 'collaborative.funding.read');
  return summary(database.db, collaborativeId);
}

export async function summary(db: Db, collaborativeId: string) {
  const rows = await repo.fundingSourcesOf(db, collaborativeId);
  const obligations = await repo.obligationsOf(db, rows.map((r) => r.id));
  const names = await orgNames(db, rows.map((r) => r.leadRecipientOrganizationId));
  const today = torontoToday();
  const sources = rows.map((r) => ({
    id: r.id,
    funderName: r.funderName,
    type: r.type,
    amount: Number(r.amount),
    currency: r.currency,
    startsOn: r.startsOn,
    endsOn: r.endsOn,
    leadRecipientOrganizationId: r.leadRecipientOrganizationId,
    leadRecipientName: r.leadRecipientOrganizationId ? (names.get(r.leadRecipientOrganizationId) ?? null) : null,
    purpose: r.purpose,
    purposeNote: r.purposeNote,
    obligations: obligations
      .filter((o) => o.sourceId === r.id)
      .map((o) => ({ id: o.id, title: o.title, dueOn: o.dueOn, submittedOn: o.submittedOn, overdue: !o.submittedOn && o.dueOn < today })),
  }));
  // Sums across currencies would mislead; the summary counts CAD, which is what Ontario tables report in.
  const cells = new Map<string, number>();
  for (const s of sources.filter((x) => x.currency === 'CAD')) {
    for (const part of amountByYear(s.amount, s.startsOn, s.endsOn)) {
      const key = `${part.year}|${s.type}`;
      cells.set(key, Math.round(((cells.get(key) ?? 0) + part.amount) * 100) / 100);
    }
  }
  const byYear = [...cells].map(([k, amount]) => ({ year: Number(k.split('|')[0]), type: k.split('|')[1], amount })).sort((a, b) => a.year - b.year || a.type.localeCompare(b.type));
  const totals = new Map<string, number>();
  for (const s of sources.filter((x) => x.currency === 'CAD')) totals.set(s.type, (totals.get(s.type) ?? 0) + s.amount);
  return {
    sources,
    byYear,
    years: [...new Set(byYear.map((b) => b.year))],
    totalsByType: [...totals].map(([type, amount]) => ({ type, amount })),
  };
}

export async function createFundingSource(database: Database, actor: Actor, meta: RequestMeta, collaborativeId: string, input: FundingSourceInput) {
  const errors: FieldError[] = [];
  if (input.endsOn < input.startsOn) errors.push({ field: 'endsOn', message: 'The end date cannot be before the start date' });
  if (errors.length) throw Errors.validation(errors);
  return runCommand({ database, actor, meta }, async (tx) => {
    await requireAccess(tx, actor, collaborativeId, 'collaborative.funding.create');
    if (input.leadRecipientOrganizationId && !(await organizationExists(tx, input.leadRecipientOrganizationId))) {
      throw Errors.validation([{ field: 'leadRecipientOrganizationId', message: 'No such organization' }]);
    }
    const { obligations, ...fields } = input;
    const id = await repo.insertFundingSource(tx, { ...fields, collaborativeId, amount: input.amount.toFixed(2) }, obligations);
    return { result: id, audit: { action: 'collaborative.funding.create', entityType: 'collaborative_funding_source', entityId: id, details: { collaborativeId, funder: input.funderName, amount: input.amount } } };
  });
}

export async function markObligationSubmitted(database: Database, actor: Actor, meta: RequestMeta, collaborativeId: string, obligationId: string, submittedOn: string | null) {
  await runCommand({ database, actor, meta }, async (tx) => {
    await requireAccess(tx, actor, collaborativeId, 'collaborative.funding.update');
    if (!(await repo.obligationExists(tx, collaborativeId, obligationId))) throw Errors.notFound('Reporting obligation');
    await repo.setObligationSubmitted(tx, obligationId, submittedOn);
    return { result: undefined, audit: { action: 'collaborative.funding.obligation', entityType: 'collaborative_funding_obligation', entityId: obligationId, details: { collaborativeId, submittedOn } } };
  });
}

/** Reporting obligations not yet submitted, due within `days` days or already overdue. */
export async function obligationsDue(db: Db, collaborativeId: string, days = 90) {
  const today = torontoToday();
  const horizon = addDaysToDate(today, days);
  const rows = await repo.unsubmittedObligations(db, collaborativeId, horizon);
  return rows.map((r) => ({ id: r.o.id, title: r.o.title, funderName: r.funderName, dueOn: r.o.dueOn, overdue: r.o.dueOn < today }));
}

// ---------- engagement ----------

function presentEngagement(r: EngagementRow) {
  return { id: r.id, title: r.title, heldOn: r.heldOn, place: r.place, method: r.method, audience: r.audience, participantCount: r.participantCount, themes: r.themes, goalRefs: r.goalRefs, summary: r.summary };
}

export async function listEngagements(database: Database, actor: Actor, collaborativeId: string) {
  await requireAccess(database.db, actor, collaborativeId, 'collaborative.engagement.read');
  const rows = await repo.engagementsOf(database.db, collaborativeId);
  return { items: rows.map(presentEngagement), actions: collaborativeActions(actor, engagementListActions, { collaborativeId }) };
}

export async function createEngagement(database: Database, actor: Actor, meta: RequestMeta, collaborativeId: string, input: EngagementInput) {
  return runCommand({ database, actor, meta }, async (tx) => {
    await requireAccess(tx, actor, collaborativeId, 'collaborative.engagement.create');
    const row = await repo.insertEngagement(tx, { ...input, collaborativeId });
    return { result: presentEngagement(row), audit: { action: 'collaborative.engagement.create', entityType: 'collaborative_engagement', entityId: row.id, details: { collaborativeId, title: row.title, method: row.method } } };
  });
}

/** For the strategy module (through collaboratives.api.ts): engagement records of one collaborative by id. */
export async function engagementsByIds(db: Db, collaborativeId: string, ids: string[]) {
  const valid = ids.filter((id) => /^[0-9a-f-]{36}$/i.test(id));
  return repo.engagementsByIds(db, collaborativeId, valid);
}
