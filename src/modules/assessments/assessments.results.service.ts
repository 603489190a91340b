/** Results: computed once at close from the answers, stored immutable; read, compared over rounds, exported, handed on. */
import type { Database, Db } from '../../core/db/database';
import type { Actor, RequestMeta } from '../../core/accounts/actor';
import { actorUserId } from '../../core/accounts/actor';
import { authorizeAction } from '../../core/policy';
import { runCommand } from '../../core/command';
import { Errors } from '../../core/http/errors';
import { collaborativeAccess, collaborativeExists, appendToNextAgenda } from '../collaboratives/collaboratives.api';
import { addDraftAction, planCollaborativeId } from '../strategy/strategy.api';
import { can } from './assessments.policy';
import * as repo from './assessments.repository';
import { loadInstrument } from './assessments.instruments.service';
import { presentFor, visibleRound } from './assessments.rounds.service';
import { MIN_RESPONDENTS, scoreChecklist, scoreLikert, scorePairs, type PairRating } from './assessments.scoring';
import type { Results } from './assessments.schema';

export const METHOD = {
  version: 1,
  minRespondents: MIN_RESPONDENTS,
  en: 'Pair ratings: each partner rated every other on the scale (0 = not aware of them). Density at a level is the share of all possible ratings by the respondents at that level or higher. Extent, scope and depth follow the Human Services Integration Measure (Browne et al. 2004): the share of other partners a respondent reports any relationship with, the share of sectors those partners span, and the mean level over those relationships, averaged over respondents. Reciprocity is the share of pairs rated by both sides where the two ratings agree. Centrality is the share of an organization’s raters who report a relationship with it. Pairs whose two ratings differ by two levels or more are listed for discussion (Frey et al. 2006), without saying who rated what. Likert factors: each respondent’s mean over the factor’s items, then the mean, standard deviation and range over respondents; 4.0 or more reads as a strength, 3.0 to 3.9 borderline, under 3.0 a concern (Wilder). Any aggregate with fewer than 3 respondents is hidden.',
  fr: 'Évaluations par paires : chaque partenaire a évalué chacun des autres sur l’échelle (0 = ne le connaît pas). La densité à un niveau est la part de toutes les évaluations possibles des répondants à ce niveau ou plus. Étendue, portée et profondeur suivent la mesure d’intégration des services sociaux (Browne et coll. 2004) : part des autres partenaires avec lesquels un répondant déclare une relation, part des secteurs que couvrent ces partenaires, et niveau moyen de ces relations, en moyenne sur les répondants. La réciprocité est la part des paires évaluées des deux côtés où les deux évaluations concordent. La centralité est la part des évaluateurs d’une organisation qui déclarent une relation avec elle. Les paires dont les deux évaluations diffèrent de deux niveaux ou plus sont listées pour discussion (Frey et coll. 2006), sans dire qui a répondu quoi. Facteurs Likert : moyenne de chaque répondant sur les énoncés du facteur, puis moyenne, écart type et étendue sur les répondants ; 4,0 ou plus est une force, 3,0 à 3,9 limite, moins de 3,0 une préoccupation (Wilder). Tout agrégat de moins de 3 répondants est masqué.',
};

/** The aggregates of a round. Individual answers go in; only aggregates come out. */
export async function computeResults(db: Db, round: repo.RoundRow) {
  const instrument = (await loadInstrument(db, round.instrumentId))!;
  const roster = await repo.roster(db, round.id);
  const answers = await repo.answersOfRound(db, round.id);
  const submitted = new Set(roster.filter((p) => p.submittedAt).map((p) => p.id));
  const counted = answers.filter((a) => submitted.has(a.respondentId));
  let results: Record<string, unknown> = { pairs: null, factors: null, checklist: null };
  if (instrument.kind === 'pair_rating') {
    const themes = ['', ...(instrument.definition.themes ?? []).map((t) => t.key)];
    const rate = (theme: string, item: string): PairRating[] => counted.filter((a) => a.theme === theme && a.item === item && a.targetId).map((a) => ({ from: a.respondentId, to: a.targetId!, level: a.value }));
    const levels = (instrument.scale?.levels ?? []).map((l) => l.value);
    const blocks = themes
      .map((theme) => ({ theme, ratings: rate(theme, 'level') }))
      .filter((b, i) => i === 0 || b.ratings.length > 0)
      .map(({ theme, ratings }) => ({
        theme,
        ...scorePairs({
          roster: roster.map((p) => ({ id: p.id, name: p.displayName, sector: p.sector })), responded: [...submitted], ratings, levels,
          trust: instrument.definition.trustValue ? rate(theme, 'trust') : undefined, value: instrument.definition.trustValue ? rate(theme, 'value') : undefined,
        }),
      }));
    results = { ...results, pairs: blocks };
  } else {
    const responses = [...submitted].map((id) => Object.fromEntries(counted.filter((a) => a.respondentId === id).map((a) => [a.item, a.value])));
    if (instrument.kind === 'likert') {
      results = { ...results, factors: scoreLikert({ factors: instrument.definition.factors ?? [], items: (instrument.definition.items ?? []).map((i) => ({ key: i.key, factor: i.factor ?? '' })), responses }) };
    } else {
      results = { ...results, checklist: scoreChecklist((instrument.definition.items ?? []).map((i) => i.key), responses) };
    }
  }
  return { method: METHOD, results };
}

export async function getResults(database: Database, actor: Actor, roundId: string): Promise<Results> {
  const { round, me, resource } = await visibleRound(database.db, actor, roundId);
  authorizeAction(can, actor, 'assessments.results.read', resource);
  const stored = (await repo.findResults(database.db, round.id))!;
  const instrument = (await loadInstrument(database.db, round.instrumentId))!;
  const r = stored.results as Pick<Results, 'pairs' | 'factors' | 'checklist'>;
  return { round: await presentFor(database.db, actor, round, me, resource), computedAt: stored.computedAt, method: stored.method, scale: instrument.scale, definition: instrument.definition, pairs: r.pairs, factors: r.factors, checklist: r.checklist };
}

const csvCell = (v: unknown) => {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** The aggregates as CSV: never an individual answer. */
export function resultsAsCsv(r: Results, lang: 'en' | 'fr'): string {
  const label = (v: number) => (v === 0 ? (lang === 'fr' ? 'Ne le connaît pas' : 'Not aware of them') : (r.scale?.levels.find((l) => l.value === v)?.[lang] ?? String(v)));
  const lines: string[][] = [];
  const hidden = lang === 'fr' ? 'masqué (< 3 répondants)' : 'hidden (< 3 respondents)';
  for (const b of r.pairs ?? []) {
    lines.push(['section', 'theme', 'measure', 'value']);
    lines.push(['network', b.theme, 'respondents', String(b.respondents)], ['network', b.theme, 'roster', String(b.rosterSize)]);
    for (const m of ['extent', 'scope', 'depth'] as const) lines.push(['network', b.theme, m, b.suppressed ? hidden : String(b[m] ?? '')]);
    lines.push(['network', b.theme, 'reciprocity', b.suppressed ? hidden : String(b.reciprocity.share ?? '')]);
    for (const l of b.levels) lines.push(['level', b.theme, label(l.level), b.suppressed ? hidden : `share ${l.share}; density ${l.densityAtLeast}`]);
    for (const o of b.organizations) lines.push(['organization', b.theme, o.name, o.suppressed ? hidden : `centrality ${o.centrality}; mean level received ${o.meanLevelReceived}`]);
    const names = new Map(b.organizations.map((o) => [o.id, o.name]));
    for (const d of b.discrepancies) lines.push(['discussion', b.theme, `${names.get(d.a)} / ${names.get(d.b)}`, `gap ${d.gap}`]);
  }
  if (r.factors) {
    lines.push(['factor', 'respondents', 'mean', 'sd', 'min', 'max']);
    for (const f of r.factors) lines.push(f.suppressed ? [f.factor, String(f.respondents), hidden, '', '', ''] : [f.factor, String(f.respondents), String(f.mean), String(f.sd), String(f.min), String(f.max)]);
  }
  if (r.checklist) {
    lines.push(['item', 'respondents', 'checked', 'share']);
    for (const c of r.checklist) lines.push(c.suppressed ? [c.item, String(c.respondents), hidden, ''] : [c.item, String(c.respondents), String(c.checked), String(c.share)]);
  }
  return lines.map((l) => l.map(csvCell).join(',')).join('\n') + '\n';
}

/** Closed rounds of one instrument (every version) in a collaborative, oldest first. */
export async function trends(database: Database, actor: Actor, q: { collaborativeId: string; instrumentKey: string }) {
  const access = collaborativeAccess(actor, q.collaborativeId);
  if (!can(actor, 'assessments.results.read', { access, status: 'closed' })) throw Errors.notFound('Collaborative');
  const rows = await repo.closedResultsFor(database.db, q.collaborativeId, q.instrumentKey);
  return {
    items: rows.map((row) => {
      const res = row.results as Pick<Results, 'pairs' | 'factors'>;
      const b = res.pairs?.[0];
      return {
        roundId: row.roundId, title: row.title, closesOn: row.closesOn, illustrative: row.illustrative,
        respondents: b?.respondents ?? res.factors?.[0]?.respondents ?? 0, suppressed: b?.suppressed ?? !!res.factors?.[0]?.suppressed,
        densityAtLeast: Object.fromEntries((b?.levels ?? []).map((l) => [String(l.level), l.densityAtLeast])),
        extent: b?.extent ?? null, scope: b?.scope ?? null, depth: b?.depth ?? null, reciprocity: b?.reciprocity.share ?? null, discrepancies: b?.discrepancies.length ?? 0,
        factors: Object.fromEntries((res.factors ?? []).map((f) => [f.factor, f.mean])),
      };
    }),
  };
}

/**
 * Hands a finding on: as a discussion item on the agenda of the round's collaborative's next
 * meeting, or as a draft action of one of its strategy plans. The actor must coordinate that
 * collaborative. What was created is kept with the hand-off (null: no meeting coming yet).
 */
export async function addFollowUp(database: Database, actor: Actor, meta: RequestMeta, roundId: string, input: { kind: 'meeting_agenda' | 'strategy_action'; targetId: string; finding: string }) {
  return runCommand({ database, actor, meta }, async (tx) => {
    const { round, resource } = await visibleRound(tx, actor, roundId);
    authorizeAction(can, actor, 'assessments.results.followUp', resource);
    const owner = input.kind === 'meeting_agenda' ? (input.targetId === round.collaborativeId && (await collaborativeExists(tx, input.targetId)) ? input.targetId : undefined) : await planCollaborativeId(tx, input.targetId);
    if (!owner || owner !== round.collaborativeId) throw Errors.validation([{ field: 'targetId', message: input.kind === 'meeting_agenda' ? 'Name the round’s collaborative' : 'Choose a plan of the round’s collaborative' }]);
    if (collaborativeAccess(actor, owner) !== 'manage') throw Errors.forbidden(input.kind === 'meeting_agenda' ? 'collaborative.agenda.update' : 'strategy.plan.update');
    const title = `Assessment “${round.title}”: ${input.finding}`;
    const created =
      input.kind === 'meeting_agenda'
        ? await appendToNextAgenda(tx, owner, title)
        : { elementId: await addDraftAction(tx, { planId: input.targetId, title: title.slice(0, 500), description: `From the results of “${round.title}” (/assessments/rounds/${round.id}/results): ${input.finding}`.slice(0, 4000), sourceLabel: `Assessment results: ${round.title}`.slice(0, 300) }) };
    const row = await repo.insertFollowUp(tx, { roundId: round.id, kind: input.kind, targetId: input.targetId, finding: input.finding, createdBy: actorUserId(actor) });
    return { result: row, audit: { action: 'assessments.results.follow_up', entityType: 'assessments_round', entityId: round.id, details: { kind: input.kind, targetId: input.targetId, created } } };
  });
}
