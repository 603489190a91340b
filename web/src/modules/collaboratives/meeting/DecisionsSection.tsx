import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useWatch } from 'react-hook-form';
import { z } from 'zod';
import { useQueryClient } from '@tanstack/react-query';
import { collaborativesApi } from '../api';
import { Form, SelectField, TextArea, useZodForm } from '../../../core/form';
import { fieldId } from '../../../core/ui';
import type { Collab, Meeting } from '../types';
import { refreshCollab } from './shared';

const VOTES = ['for', 'against', 'abstain'] as const;
const schema = z.object({
  agendaItemId: z.string().min(1, 'errors.choose'),
  motion: z.string().trim().min(1),
  method: z.enum(['vote', 'consensus']),
  votes: z.record(z.string(), z.enum(['', ...VOTES])),
});
type Values = z.input<typeof schema>;

/** Decisions taken, and (for those who manage the meeting) the form to record one. */
export function DecisionsSection({ c, m, manage }: { c: Collab; m: Meeting; manage: boolean }) {
  const { t } = useTranslation();
  const decisionItems = m.agenda.filter((a) => a.kind === 'decision');
  return (
    <section aria-labelledby="dec-h">
      <h2 id="dec-h">{t('collaboratives.decisions')}</h2>
      {m.decisions.length ? (
        <ul>
          {m.decisions.map((d) => (
            <li key={d.id}>
              <strong>{d.motion}</strong> — {d.method === 'consensus' ? t('collaboratives.byConsensus') : t('collaboratives.tally', { for: d.votesFor, against: d.votesAgainst, abstain: d.abstentions })}{t('common.colon')}
              {t(`enums.decisionResult.${d.result}`)}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('collaboratives.noDecisions')}</p>
      )}
      {manage && !decisionItems.length ? <p className="muted">{t('collaboratives.noDecisionItems')}</p> : null}
      {manage && decisionItems.length ? <DecisionForm c={c} m={m} /> : null}
    </section>
  );
}

function DecisionForm({ c, m }: { c: Collab; m: Meeting }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  // Only decision items take a decision, and the choice follows the current agenda: an item
  // added (or removed) after this form first appeared is offered at once, without a reload.
  const decisionItems = m.agenda.filter((a) => a.kind === 'decision');
  const voters = m.attendance.filter((a) => a.voting && a.status === 'present');
  const form = useZodForm(schema, { defaultValues: { agendaItemId: decisionItems[0]?.id ?? '', motion: '', method: 'vote', votes: {} } satisfies Values });
  const itemIds = decisionItems.map((a) => a.id).join(',');
  useEffect(() => {
    const current = form.getValues('agendaItemId');
    if (!decisionItems.some((a) => a.id === current)) form.setValue('agendaItemId', decisionItems[0]?.id ?? '');
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [itemIds]);
  const method = useWatch({ control: form.control, name: 'method' });
  return (
    <Form
      form={form}
      heading={<h3>{t('collaboratives.recordDecision')}</h3>}
      labels={{ quorum: t('collaboratives.quorum'), votes: t('collaboratives.votes') }}
      submitLabel={t('collaboratives.recordDecision')}
      onSubmit={async (v) => {
        const d = await collaborativesApi.recordDecision(c.id, m.id, {
          agendaItemId: v.agendaItemId,
          motion: v.motion,
          method: v.method,
          votes: v.method === 'vote' ? Object.entries(v.votes).filter(([, x]) => x).map(([memberId, vote]) => ({ memberId, vote })) : [],
        });
        form.reset({ agendaItemId: v.agendaItemId, motion: '', method: v.method, votes: {} });
        await refreshCollab(client, c);
        return t('collaboratives.decisionRecorded', { result: t(`enums.decisionResult.${d.result}`) });
      }}
    >
      <SelectField name="agendaItemId" label={t('collaboratives.agendaItem')} required choices={decisionItems.map((a) => ({ value: a.id, label: `${a.position}. ${a.title} (${t(`enums.agendaKind.${a.kind}`)})` }))} />
      <TextArea name="motion" label={t('collaboratives.motion')} required rows={2} />
      <SelectField
        name="method"
        label={t('collaboratives.method')}
        choices={[
          { value: 'vote', label: t('collaboratives.methodVote') },
          { value: 'consensus', label: t('collaboratives.methodConsensus') },
        ]}
      />
      {method === 'vote' ? (
        <fieldset>
          <legend>{t('collaboratives.votes')}</legend>
          {voters.length === 0 ? <p>{t('collaboratives.noVoters')}</p> : null}
          {voters.map((v) => (
            <div className="field" key={v.memberId}>
              <label htmlFor={fieldId(`votes.${v.memberId}`)}>{t('collaboratives.voteOf', { name: v.displayName })}</label>
              <select id={fieldId(`votes.${v.memberId}`)} {...form.register(`votes.${v.memberId}`)}>
                <option value="">{t('collaboratives.noVote')}</option>
                {VOTES.map((x) => (
                  <option key={x} value={x}>
                    {t(`enums.vote.${x}`)}
                  </option>
                ))}
              </select>
            </div>
          ))}
        </fieldset>
      ) : null}
    </Form>
  );
}
