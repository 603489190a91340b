import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { useQueryClient } from '@tanstack/react-query';
import { ApiError } from '../../core/api';
import { collaborativesApi, type Representation } from './api';
import { collaborativesKeys, useAgreement, useBodies, useMembers, useOrganizationOptions, useRepresentation } from './hooks';
import { CheckboxField, Form, SelectField, TextArea, TextField, useZodForm } from '../../core/form';
import { LoadError, Loading, useTitle, Table } from '../../core/ui';
import { partnerCategories, sectors } from '../../../../src/shared/contracts';
import { CollabFrame, formatDate, formatWhen, Notice } from './parts';
import type { Body, Collab, Member } from './types';

const n = (s: string) => (s.trim() ? s.trim() : null);
/** An e-mail address that may be left empty. */
const optionalEmail = z.string().trim().max(320).refine((v) => !v || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), 'errors.email');

const signSchema = z.object({ signatureName: z.string().trim().min(1).max(200), agree: z.literal(true, 'collaboratives.mustAgree') });
const memberSchema = z
  .object({
    organizationId: z.string(),
    individualName: z.string().trim().max(200),
    representativeName: z.string().trim().max(200),
    representativeEmail: optionalEmail,
    sector: z.string(),
    partnerCategory: z.string(),
    voting: z.boolean(),
    startDate: z.string().min(1),
    endDate: z.string(),
    howJoined: z.string(),
    feeTier: z.string().trim().max(100),
  })
  .superRefine((v, ctx) => {
    if (!v.organizationId && !v.individualName) ctx.addIssue({ code: 'custom', path: ['individualName'], message: 'collaboratives.individualNeeded' });
    if (v.endDate && v.startDate && v.endDate < v.startDate) ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'collaboratives.endBeforeStart' });
  });
const bodySchema = z.object({ name: z.string().trim().min(1).max(200), kind: z.string(), parentId: z.string(), basis: z.string(), mandate: z.string().trim().max(5000), chair: z.string(), coChair: z.string() });
const editSchema = z.object({ representativeName: z.string().trim().max(200), representativeEmail: optionalEmail, endDate: z.string(), feeTier: z.string().trim().max(100), voting: z.boolean() });

export function MembersPage() {
  const { t } = useTranslation();
  return <CollabFrame title={t('collaboratives.membersTitle')}>{(c) => <Members c={c} />}</CollabFrame>;
}

type Rep = Representation;

function Members({ c }: { c: Collab }) {
  const { t, i18n } = useTranslation();
  useTitle(`${t('collaboratives.membersTitle')} – ${c.shortName ?? c.name}`);
  const list = useMembers(c.id);
  const rep = useRepresentation(c.id);
  const bodies = useBodies(c.id);
  const [editing, setEditing] = useState<Member>();
  const [saved, setSaved] = useState<string>();
  if (list.isPending) return <Loading />;
  if (list.isError) return <LoadError error={list.error} />;
  const mine = list.data.items.filter((m) => m.isMe);
  const current = editing ? list.data.items.find((m) => m.id === editing.id) : undefined;
  return (
    <>
      {mine.map((m) => (
        <AgreementPanel key={m.id} c={c} m={m} />
      ))}
      <div className="table-wrap" tabIndex={0} role="region" aria-label={t('collaboratives.scrollTable')}>
        <Table>
          <caption>{t('collaboratives.membersCaption', { count: list.data.items.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('collaboratives.member')}</th>
              <th scope="col">{t('collaboratives.f.representative')}</th>
              <th scope="col">{t('collaboratives.f.sector')}</th>
              <th scope="col">{t('collaboratives.f.partnerCategory')}</th>
              <th scope="col">{t('collaboratives.f.voting')}</th>
              <th scope="col">{t('collaboratives.f.howJoined')}</th>
              <th scope="col">{t('collaboratives.f.startDate')}</th>
              <th scope="col">{t('collaboratives.agreement')}</th>
              {list.data.actions['collaborative.members.update'] ? <th scope="col">{t('collaboratives.actions')}</th> : null}
            </tr>
          </thead>
          <tbody>
            {list.data.items.map((m) => (
              <tr key={m.id}>
                <th scope="row">{m.displayName}</th>
                <td>{m.representativeName ?? ''}</td>
                <td>{t(`enums.sector.${m.sector}`)}</td>
                <td>{t(`enums.partnerCategory.${m.partnerCategory}`)}</td>
                <td>{m.voting ? t('collaboratives.voting') : t('collaboratives.nonVoting')}</td>
                <td>{t(`enums.joinMethod.${m.howJoined}`)}</td>
                <td>
                  {formatDate(m.startDate, i18n.language)}
                  {m.endDate ? ` – ${formatDate(m.endDate, i18n.language)}` : ''}
                </td>
                <td>{m.agreementSignedAt ? t('collaboratives.signedOn', { name: m.agreementSignedByName, date: formatWhen(m.agreementSignedAt, i18n.language) }) : t('collaboratives.notSigned')}</td>
                {list.data.actions['collaborative.members.update'] ? (
                  <td>
                    <button type="button" className="link-button" onClick={() => {
                        setSaved(undefined);
                        setEditing(m);
                      }}>
                      {t('collaboratives.editMember', { name: m.displayName })}
                    </button>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </Table>
      </div>
      <Notice text={saved} />
      {current ? (
        <EditMember
          key={current.id + current.version}
          c={c}
          m={current}
          onDone={(text) => {
            setEditing(undefined);
            setSaved(text);
          }}
        />
      ) : null}
      {rep.data ? <Representation rep={rep.data} /> : null}
      {bodies.data ? <Structure bodies={bodies.data.items} /> : null}
      {list.data.actions['collaborative.structure.create'] && bodies.data ? <AddBody c={c} bodies={bodies.data.items} members={list.data.items} /> : null}
      {list.data.actions['collaborative.members.create'] ? <AddMember c={c} /> : null}
    </>
  );
}

function AgreementPanel({ c, m }: { c: Collab; m: Member }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const agreement = useAgreement(c.id);
  const form = useZodForm(signSchema, { defaultValues: { signatureName: '', agree: false } });
  // The form goes once the agreement is signed: the confirmation stays in the panel.
  const [done, setDone] = useState<string>();
  return (
    <section className="panel" aria-labelledby={`agr-${m.id}`}>
      <h2 id={`agr-${m.id}`}>{t('collaboratives.myAgreement', { name: m.displayName })}</h2>
      <Notice text={done} />
      {m.agreementSignedAt ? (
        <p>{t('collaboratives.signedOn', { name: m.agreementSignedByName, date: formatWhen(m.agreementSignedAt, i18n.language) })}</p>
      ) : agreement.data?.text ? (
        <Form
          form={form}
          submitLabel={t('collaboratives.sign')}
          onSubmit={async (v) => {
            await collaborativesApi.signAgreement(c.id, m.id, v);
            setDone(t('collaboratives.signedNotice'));
            await client.invalidateQueries({ queryKey: collaborativesKeys.members(c.id) });
          }}
        >
          <div className="prewrap">{agreement.data.text}</div>
          <TextField name="signatureName" label={t('collaboratives.signatureName')} hint={t('collaboratives.signatureHint')} required autoComplete="name" />
          <CheckboxField name="agree" label={t('collaboratives.agree')} />
        </Form>
      ) : (
        <p>{t('collaboratives.noAgreement')}</p>
      )}
    </section>
  );
}

function Representation({ rep }: { rep: Rep }) {
  const { t } = useTranslation();
  const rows = (kind: 'partnerCategory' | 'sector', items: Rep['sectors']) =>
    items
      .filter((i) => i.wanted || i.members > 0)
      .map((i) => (
        <tr key={i.value}>
          <th scope="row">{t(`enums.${kind}.${i.value}`)}</th>
          <td>{i.wanted ? t('collaboratives.yes') : t('collaboratives.no')}</td>
          <td>{i.members}</td>
          <td>{i.wanted && i.members === 0 ? <strong>{t('collaboratives.missing')}</strong> : t('collaboratives.present')}</td>
        </tr>
      ));
  const head = (
    <thead>
      <tr>
        <th scope="col">{t('collaboratives.category')}</th>
        <th scope="col">{t('collaboratives.onChecklist')}</th>
        <th scope="col">{t('collaboratives.membersCount')}</th>
        <th scope="col">{t('collaboratives.status')}</th>
      </tr>
    </thead>
  );
  return (
    <section aria-labelledby="rep-h">
      <h2 id="rep-h">{t('collaboratives.representation')}</h2>
      <div className="table-wrap" tabIndex={0} role="region" aria-label={t('collaboratives.scrollTable')}>
        <Table>
          <caption>{t('collaboratives.repCategories')}</caption>
          {head}
          <tbody>{rows('partnerCategory', rep.partnerCategories)}</tbody>
        </Table>
      </div>
      <div className="table-wrap" tabIndex={0} role="region" aria-label={t('collaboratives.scrollTable')}>
        <Table>
          <caption>{t('collaboratives.repSectors')}</caption>
          {head}
          <tbody>{rows('sector', rep.sectors)}</tbody>
        </Table>
      </div>
    </section>
  );
}

function Structure({ bodies }: { bodies: Body[] }) {
  const { t } = useTranslation();
  const render = (parentId: string | null) => {
    const kids = bodies.filter((b) => b.parentId === parentId);
    if (!kids.length) return null;
    return (
      <ul className="place-tree">
        {kids.map((b) => (
          <li key={b.id}>
            <strong>{b.name}</strong> <span className="tag">{t(`enums.bodyKind.${b.kind}`)}</span>
            {b.mandate ? <p className="small">{b.mandate}</p> : null}
            <p className="small">
              {b.members
                .filter((m) => m.role !== 'member')
                .map((m) => `${t(`enums.bodyRole.${m.role}`)}${t('common.colon')}${m.displayName}`)
                .join(' · ')}
              {b.members.length ? ` · ${t('collaboratives.bodyMembers', { count: b.members.length })}` : ''}
            </p>
            {render(b.id)}
          </li>
        ))}
      </ul>
    );
  };
  return (
    <section aria-labelledby="structure-h">
      <h2 id="structure-h">{t('collaboratives.structure')}</h2>
      {bodies.length ? render(null) : <p>{t('collaboratives.noStructure')}</p>}
    </section>
  );
}

function AddMember({ c }: { c: Collab }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const orgs = useOrganizationOptions();
  const empty = { organizationId: '', individualName: '', representativeName: '', representativeEmail: '', sector: 'settlement', partnerCategory: 'voluntary_nonprofit', voting: true, startDate: new Date().toISOString().slice(0, 10), endDate: '', howJoined: 'invitation', feeTier: '' };
  const form = useZodForm(memberSchema, { defaultValues: empty });
  const individual = !form.watch('organizationId');
  return (
    <Form
      form={form}
      heading={<h2 id="add-member-h">{t('collaboratives.addMember')}</h2>}
      submitLabel={t('collaboratives.addMember')}
      onSubmit={async (f) => {
        const m = await collaborativesApi.createMember(c.id, {
          organizationId: n(f.organizationId),
          individualName: f.organizationId ? null : n(f.individualName),
          representativeName: n(f.representativeName),
          representativeEmail: n(f.representativeEmail),
          sector: f.sector,
          partnerCategory: f.partnerCategory,
          voting: f.voting,
          startDate: f.startDate,
          endDate: n(f.endDate),
          howJoined: f.howJoined,
          feeTier: n(f.feeTier),
        });
        form.reset(empty);
        await client.invalidateQueries({ queryKey: collaborativesKeys.one(c.id) });
        return t('collaboratives.memberAdded', { name: m.displayName });
      }}
    >
      <SelectField name="organizationId" label={t('collaboratives.f.organization')} placeholder={t('collaboratives.individualMember')} choices={(orgs.data?.items ?? []).map((o) => ({ value: o.id, label: o.legalName }))} />
      {individual ? <TextField name="individualName" label={t('collaboratives.f.individual')} required /> : null}
      <TextField name="representativeName" label={t('collaboratives.f.representative')} />
      <TextField name="representativeEmail" type="email" label={t('collaboratives.f.representativeEmail')} hint={t('collaboratives.f.representativeEmailHint')} />
      <div className="field-row">
        <SelectField name="sector" label={t('collaboratives.f.sector')} choices={sectors.map((s) => ({ value: s, label: t(`enums.sector.${s}`) }))} />
        <SelectField name="partnerCategory" label={t('collaboratives.f.partnerCategory')} choices={partnerCategories.map((s) => ({ value: s, label: t(`enums.partnerCategory.${s}`) }))} />
        <SelectField name="howJoined" label={t('collaboratives.f.howJoined')} choices={['open_call', 'invitation', 'selection_committee'].map((s) => ({ value: s, label: t(`enums.joinMethod.${s}`) }))} />
      </div>
      <div className="field-row">
        <TextField name="startDate" type="date" label={t('collaboratives.f.startDate')} required />
        <TextField name="endDate" type="date" label={t('collaboratives.f.endDate')} />
        <TextField name="feeTier" label={t('collaboratives.f.feeTier')} />
      </div>
      <CheckboxField name="voting" label={t('collaboratives.f.voting')} />
    </Form>
  );
}

function AddBody({ c, bodies, members }: { c: Collab; bodies: Body[]; members: Member[] }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const empty = { name: '', kind: 'working_group', parentId: bodies[0]?.id ?? '', basis: '', mandate: '', chair: '', coChair: '' };
  const form = useZodForm(bodySchema, { defaultValues: empty });
  const memberChoices = members.map((m) => ({ value: m.id, label: m.displayName }));
  return (
    <Form
      form={form}
      heading={<h2 id="add-body-h">{t('collaboratives.addBody')}</h2>}
      labels={{ members: t('collaboratives.membersTitle') }}
      submitLabel={t('collaboratives.addBody')}
      onSubmit={async (f) => {
        const people = [...(f.chair ? [{ memberId: f.chair, role: 'chair' }] : []), ...(f.coChair && f.coChair !== f.chair ? [{ memberId: f.coChair, role: 'co_chair' }] : [])];
        await collaborativesApi.createBody(c.id, { name: f.name, kind: f.kind, parentId: f.parentId || null, basis: f.basis || null, mandate: f.mandate || null, members: people });
        form.reset(empty);
        await client.invalidateQueries({ queryKey: collaborativesKeys.bodies(c.id) });
        return t('collaboratives.bodyAdded', { name: f.name });
      }}
    >
      <TextField name="name" label={t('collaboratives.bodyName')} required />
      <div className="field-row">
        <SelectField name="kind" label={t('collaboratives.bodyKind')} choices={['council', 'steering_committee', 'working_group', 'sub_council', 'affiliated_group'].map((k) => ({ value: k, label: t(`enums.bodyKind.${k}`) }))} />
        <SelectField name="parentId" label={t('collaboratives.parentBody')} placeholder={t('collaboratives.none')} choices={bodies.map((b) => ({ value: b.id, label: b.name }))} />
        <SelectField name="basis" label={t('collaboratives.basis')} placeholder={t('collaboratives.none')} choices={['sector', 'issue', 'population'].map((k) => ({ value: k, label: t(`enums.bodyBasis.${k}`) }))} />
      </div>
      <div className="field-row">
        <SelectField name="chair" label={t('enums.bodyRole.chair')} placeholder={t('collaboratives.none')} choices={memberChoices} />
        <SelectField name="coChair" label={t('enums.bodyRole.co_chair')} placeholder={t('collaboratives.none')} choices={memberChoices} />
      </div>
      <TextArea name="mandate" label={t('collaboratives.f.mandate')} />
    </Form>
  );
}

function EditMember({ c, m, onDone }: { c: Collab; m: Member; onDone: (saved?: string) => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const form = useZodForm(editSchema, { defaultValues: { representativeName: m.representativeName ?? '', representativeEmail: m.representativeEmail ?? '', endDate: m.endDate ?? '', feeTier: m.feeTier ?? '', voting: m.voting } });
  return (
    <Form
      form={form}
      idPrefix="edit"
      className="form panel"
      heading={<h2 id="edit-member-h">{t('collaboratives.editMember', { name: m.displayName })}</h2>}
      submitLabel={t('collaboratives.save')}
      onError={(err) => (err instanceof ApiError && err.status === 409 ? t('collaboratives.stale') : undefined)}
      actions={
        <button type="button" className="button-secondary" onClick={() => onDone()}>
          {t('collaboratives.cancel')}
        </button>
      }
      onSubmit={async (f) => {
        await collaborativesApi.updateMember(c.id, m.id, { version: m.version, representativeName: n(f.representativeName), representativeEmail: n(f.representativeEmail), endDate: n(f.endDate), feeTier: n(f.feeTier), voting: f.voting });
        await client.invalidateQueries({ queryKey: collaborativesKeys.one(c.id) });
        onDone(t('collaboratives.memberSaved', { name: m.displayName }));
      }}
    >
      <TextField name="representativeName" label={t('collaboratives.f.representative')} />
      <TextField name="representativeEmail" type="email" label={t('collaboratives.f.representativeEmail')} hint={t('collaboratives.f.representativeEmailHint')} />
      <div className="field-row">
        <TextField name="endDate" type="date" label={t('collaboratives.f.endDate')} hint={t('collaboratives.f.endDateHint')} />
        <TextField name="feeTier" label={t('collaboratives.f.feeTier')} />
      </div>
      <CheckboxField name="voting" label={t('collaboratives.f.voting')} />
    </Form>
  );
}
