import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { ApiError } from '../../core/api';
import { collaborativesApi, type Representation } from './api';
import { collaborativesKeys, useAgreement, useBodies, useMembers, useOrganizationOptions, useRepresentation } from './hooks';
import { ErrorSummary, Field, fieldErrorsOf, type FieldErrors, LoadError, Loading, useTitle, Table } from '../../core/ui';
import { partnerCategories, sectors } from '../../../../src/shared/contracts';
import { CollabFrame, formatDate, formatWhen, Notice } from './parts';
import type { Body, Collab, Member } from './types';

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
              {list.data.canManage ? <th scope="col">{t('collaboratives.actions')}</th> : null}
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
                {list.data.canManage ? (
                  <td>
                    <button type="button" className="link-button" onClick={() => setEditing(m)}>
                      {t('collaboratives.editMember', { name: m.displayName })}
                    </button>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </Table>
      </div>
      {current ? <EditMember key={current.id + current.version} c={c} m={current} onDone={() => setEditing(undefined)} /> : null}
      {rep.data ? <Representation rep={rep.data} /> : null}
      {bodies.data ? <Structure bodies={bodies.data.items} /> : null}
      {list.data.canManage && bodies.data ? <AddBody c={c} bodies={bodies.data.items} members={list.data.items} /> : null}
      {list.data.canManage ? <AddMember c={c} /> : null}
    </>
  );
}

function AgreementPanel({ c, m }: { c: Collab; m: Member }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const agreement = useAgreement(c.id);
  const [name, setName] = useState('');
  const [agree, setAgree] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [done, setDone] = useState<string>();
  async function sign(e: FormEvent) {
    e.preventDefault();
    setErrors({});
    try {
      await collaborativesApi.signAgreement(c.id, m.id, { signatureName: name, agree: agree || undefined });
      setDone(t('collaboratives.signedNotice'));
      await client.invalidateQueries({ queryKey: collaborativesKeys.members(c.id) });
    } catch (err) {
      setErrors(fieldErrorsOf(err));
    }
  }
  return (
    <section className="panel" aria-labelledby={`agr-${m.id}`}>
      <h2 id={`agr-${m.id}`}>{t('collaboratives.myAgreement', { name: m.displayName })}</h2>
      <Notice text={done} />
      {m.agreementSignedAt ? (
        <p>{t('collaboratives.signedOn', { name: m.agreementSignedByName, date: formatWhen(m.agreementSignedAt, i18n.language) })}</p>
      ) : agreement.data?.text ? (
        <form onSubmit={sign} noValidate>
          <div className="prewrap">{agreement.data.text}</div>
          <ErrorSummary errors={errors} labels={{ signatureName: t('collaboratives.signatureName'), agree: t('collaboratives.agree') }} />
          <Field path="signatureName" label={t('collaboratives.signatureName')} hint={t('collaboratives.signatureHint')} required error={errors.signatureName}>
            {(p) => <input {...p} value={name} onChange={(e) => setName(e.target.value)} autoComplete="name" />}
          </Field>
          <div className={errors.agree ? 'field field-error checkbox' : 'field checkbox'}>
            <input id="field-agree" type="checkbox" checked={agree} onChange={(e) => setAgree(e.target.checked)} aria-invalid={errors.agree ? true : undefined} />
            <label htmlFor="field-agree">{t('collaboratives.agree')}</label>
          </div>
          <button type="submit" className="button button-primary">
            {t('collaboratives.sign')}
          </button>
        </form>
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
                .map((m) => `${t(`enums.bodyRole.${m.role}`)}: ${m.displayName}`)
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
  const [f, setF] = useState(empty);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [done, setDone] = useState<string>();
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });
  const labels = { organizationId: t('collaboratives.f.organization'), individualName: t('collaboratives.f.individual'), endDate: t('collaboratives.f.endDate'), startDate: t('collaboratives.f.startDate') };
  async function submit(e: FormEvent) {
    e.preventDefault();
    setErrors({});
    const n = (s: string) => (s.trim() ? s : null);
    try {
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
      setF(empty);
      setDone(t('collaboratives.memberAdded', { name: m.displayName }));
      await client.invalidateQueries({ queryKey: collaborativesKeys.one(c.id) });
    } catch (err) {
      setErrors(fieldErrorsOf(err));
    }
  }
  return (
    <form className="form" onSubmit={submit} noValidate aria-labelledby="add-member-h">
      <h2 id="add-member-h">{t('collaboratives.addMember')}</h2>
      <Notice text={done} />
      <ErrorSummary errors={errors} labels={labels} />
      <Field path="organizationId" label={labels.organizationId} error={errors.organizationId}>
        {(p) => (
          <select {...p} value={f.organizationId} onChange={set('organizationId')}>
            <option value="">{t('collaboratives.individualMember')}</option>
            {(orgs.data?.items ?? []).map((o) => (
              <option key={o.id} value={o.id}>
                {o.legalName}
              </option>
            ))}
          </select>
        )}
      </Field>
      {!f.organizationId ? (
        <Field path="individualName" label={labels.individualName} error={errors.individualName}>
          {(p) => <input {...p} value={f.individualName} onChange={set('individualName')} />}
        </Field>
      ) : null}
      <Field path="representativeName" label={t('collaboratives.f.representative')} error={errors.representativeName}>
        {(p) => <input {...p} value={f.representativeName} onChange={set('representativeName')} />}
      </Field>
      <Field path="representativeEmail" label={t('collaboratives.f.representativeEmail')} hint={t('collaboratives.f.representativeEmailHint')} error={errors.representativeEmail}>
        {(p) => <input {...p} type="email" value={f.representativeEmail} onChange={set('representativeEmail')} />}
      </Field>
      <div className="field-row">
        <Field path="sector" label={t('collaboratives.f.sector')} error={errors.sector}>
          {(p) => (
            <select {...p} value={f.sector} onChange={set('sector')}>
              {sectors.map((s) => (
                <option key={s} value={s}>
                  {t(`enums.sector.${s}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field path="partnerCategory" label={t('collaboratives.f.partnerCategory')} error={errors.partnerCategory}>
          {(p) => (
            <select {...p} value={f.partnerCategory} onChange={set('partnerCategory')}>
              {partnerCategories.map((s) => (
                <option key={s} value={s}>
                  {t(`enums.partnerCategory.${s}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field path="howJoined" label={t('collaboratives.f.howJoined')} error={errors.howJoined}>
          {(p) => (
            <select {...p} value={f.howJoined} onChange={set('howJoined')}>
              {['open_call', 'invitation', 'selection_committee'].map((s) => (
                <option key={s} value={s}>
                  {t(`enums.joinMethod.${s}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <div className="field-row">
        <Field path="startDate" label={labels.startDate} required error={errors.startDate}>
          {(p) => <input {...p} type="date" value={f.startDate} onChange={set('startDate')} />}
        </Field>
        <Field path="endDate" label={labels.endDate} error={errors.endDate}>
          {(p) => <input {...p} type="date" value={f.endDate} onChange={set('endDate')} />}
        </Field>
        <Field path="feeTier" label={t('collaboratives.f.feeTier')} error={errors.feeTier}>
          {(p) => <input {...p} value={f.feeTier} onChange={set('feeTier')} />}
        </Field>
      </div>
      <div className="field checkbox">
        <input id="field-voting" type="checkbox" checked={f.voting} onChange={(e) => setF({ ...f, voting: e.target.checked })} />
        <label htmlFor="field-voting">{t('collaboratives.f.voting')}</label>
      </div>
      <button type="submit" className="button button-primary">
        {t('collaboratives.addMember')}
      </button>
    </form>
  );
}

function AddBody({ c, bodies, members }: { c: Collab; bodies: Body[]; members: Member[] }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const empty = { name: '', kind: 'working_group', parentId: bodies[0]?.id ?? '', basis: '', mandate: '', chair: '', coChair: '' };
  const [f, setF] = useState(empty);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [done, setDone] = useState<string>();
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });
  async function submit(e: FormEvent) {
    e.preventDefault();
    setErrors({});
    const people = [
      ...(f.chair ? [{ memberId: f.chair, role: 'chair' }] : []),
      ...(f.coChair && f.coChair !== f.chair ? [{ memberId: f.coChair, role: 'co_chair' }] : []),
    ];
    try {
      await collaborativesApi.createBody(c.id, { name: f.name, kind: f.kind, parentId: f.parentId || null, basis: f.basis || null, mandate: f.mandate || null, members: people });
      setDone(t('collaboratives.bodyAdded', { name: f.name }));
      setF(empty);
      await client.invalidateQueries({ queryKey: collaborativesKeys.bodies(c.id) });
    } catch (err) {
      setErrors(fieldErrorsOf(err));
    }
  }
  const memberOptions = members.map((m) => (
    <option key={m.id} value={m.id}>
      {m.displayName}
    </option>
  ));
  return (
    <form className="form" onSubmit={submit} noValidate aria-labelledby="add-body-h">
      <h2 id="add-body-h">{t('collaboratives.addBody')}</h2>
      <Notice text={done} />
      <ErrorSummary errors={errors} labels={{ name: t('collaboratives.bodyName'), parentId: t('collaboratives.parentBody'), members: t('collaboratives.membersTitle') }} />
      <Field path="name" label={t('collaboratives.bodyName')} required error={errors.name}>
        {(p) => <input {...p} value={f.name} onChange={set('name')} />}
      </Field>
      <div className="field-row">
        <Field path="kind" label={t('collaboratives.bodyKind')}>
          {(p) => (
            <select {...p} value={f.kind} onChange={set('kind')}>
              {['council', 'steering_committee', 'working_group', 'sub_council', 'affiliated_group'].map((k) => (
                <option key={k} value={k}>
                  {t(`enums.bodyKind.${k}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field path="parentId" label={t('collaboratives.parentBody')} error={errors.parentId}>
          {(p) => (
            <select {...p} value={f.parentId} onChange={set('parentId')}>
              <option value="">{t('collaboratives.none')}</option>
              {bodies.map((b) => (
                <option key={b.id} value={b.id}>
                  {b.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field path="basis" label={t('collaboratives.basis')}>
          {(p) => (
            <select {...p} value={f.basis} onChange={set('basis')}>
              <option value="">{t('collaboratives.none')}</option>
              {['sector', 'issue', 'population'].map((k) => (
                <option key={k} value={k}>
                  {t(`enums.bodyBasis.${k}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <div className="field-row">
        <Field path="chair" label={t('enums.bodyRole.chair')}>
          {(p) => (
            <select {...p} value={f.chair} onChange={set('chair')}>
              <option value="">{t('collaboratives.none')}</option>
              {memberOptions}
            </select>
          )}
        </Field>
        <Field path="coChair" label={t('enums.bodyRole.co_chair')}>
          {(p) => (
            <select {...p} value={f.coChair} onChange={set('coChair')}>
              <option value="">{t('collaboratives.none')}</option>
              {memberOptions}
            </select>
          )}
        </Field>
      </div>
      <Field path="mandate" label={t('collaboratives.f.mandate')} error={errors.mandate}>
        {(p) => <textarea {...p} rows={3} value={f.mandate} onChange={set('mandate')} />}
      </Field>
      <button type="submit" className="button button-primary">
        {t('collaboratives.addBody')}
      </button>
    </form>
  );
}

function EditMember({ c, m, onDone }: { c: Collab; m: Member; onDone: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [f, setF] = useState({ representativeName: m.representativeName ?? '', representativeEmail: m.representativeEmail ?? '', endDate: m.endDate ?? '', feeTier: m.feeTier ?? '', voting: m.voting });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string>();
  const set = (k: 'representativeName' | 'representativeEmail' | 'endDate' | 'feeTier') => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });
  const n = (s: string) => (s.trim() ? s : null);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setErrors({});
    setMessage(undefined);
    try {
      await collaborativesApi.updateMember(c.id, m.id, { version: m.version, representativeName: n(f.representativeName), representativeEmail: n(f.representativeEmail), endDate: n(f.endDate), feeTier: n(f.feeTier), voting: f.voting });
      await client.invalidateQueries({ queryKey: collaborativesKeys.one(c.id) });
      onDone();
    } catch (err) {
      setErrors(fieldErrorsOf(err));
      if (err instanceof ApiError && err.status === 409) setMessage(t('collaboratives.stale'));
    }
  }
  return (
    <form className="form panel" onSubmit={submit} noValidate aria-labelledby="edit-member-h">
      <h2 id="edit-member-h">{t('collaboratives.editMember', { name: m.displayName })}</h2>
      <ErrorSummary errors={errors} labels={{ endDate: t('collaboratives.f.endDate') }} message={message} />
      <Field path="representativeName" label={t('collaboratives.f.representative')} error={errors.representativeName}>
        {(p) => <input {...p} value={f.representativeName} onChange={set('representativeName')} />}
      </Field>
      <Field path="representativeEmail" label={t('collaboratives.f.representativeEmail')} hint={t('collaboratives.f.representativeEmailHint')} error={errors.representativeEmail}>
        {(p) => <input {...p} type="email" value={f.representativeEmail} onChange={set('representativeEmail')} />}
      </Field>
      <div className="field-row">
        <Field path="endDate" label={t('collaboratives.f.endDate')} hint={t('collaboratives.f.endDateHint')} error={errors.endDate}>
          {(p) => <input {...p} type="date" value={f.endDate} onChange={set('endDate')} />}
        </Field>
        <Field path="feeTier" label={t('collaboratives.f.feeTier')} error={errors.feeTier}>
          {(p) => <input {...p} value={f.feeTier} onChange={set('feeTier')} />}
        </Field>
      </div>
      <div className="field checkbox">
        <input id="field-edit-voting" type="checkbox" checked={f.voting} onChange={(e) => setF({ ...f, voting: e.target.checked })} />
        <label htmlFor="field-edit-voting">{t('collaboratives.f.voting')}</label>
      </div>
      <div className="form-actions">
        <button type="submit" className="button button-primary">
          {t('collaboratives.save')}
        </button>
        <button type="button" className="button-secondary" onClick={onDone}>
          {t('collaboratives.cancel')}
        </button>
      </div>
    </form>
  );
}
