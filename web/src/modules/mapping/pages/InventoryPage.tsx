import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../core/api';
import { ErrorSummary, Field, fieldErrorsOf, LoadError, Loading, useTitle, type FieldErrors, Table } from '../../../core/ui';
import { tableKinds } from '../../../../../src/modules/mapping/mapping.schema';
import { useImportTables, useInventory, useSaveTable } from '../hooks';
import { MappingFrame, NetworkGraph } from '../components/parts';
import type { InventoryTable } from '../api';
import '../mapping.css';

export const DOMAIN_CODES = ['settlement', 'language', 'employment', 'housing', 'income', 'food', 'health', 'mental-health', 'child-care', 'education', 'legal', 'transportation', 'social-connection'];

export function InventoryPage() {
  const { t } = useTranslation();
  useTitle(t('mapping.inventoryTitle'));
  const q = useInventory();
  const [editing, setEditing] = useState<InventoryTable | 'new' | null>(null);
  return (
    <MappingFrame title={t('mapping.inventoryTitle')}>
      <p>{t('mapping.inventoryLead')}</p>
      {q.isPending ? <Loading /> : q.isError ? <LoadError error={q.error} /> : (
        <>
          <section aria-labelledby="inv-tables">
            <h2 id="inv-tables">{t('mapping.tablesHeading', { count: q.data.tables.length })}</h2>
            {q.data.actions['mapping.table.create'] ? <p><button type="button" onClick={() => setEditing('new')}>{t('mapping.addTable')}</button></p> : null}
            {editing ? <TableForm table={editing === 'new' ? null : editing} onDone={() => setEditing(null)} /> : null}
            <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="inv-tables">
              <Table className="data-table">
                <thead>
                  <tr>
                    <th scope="col">{t('mapping.tableName')}</th>
                    <th scope="col">{t('mapping.source')}</th>
                    <th scope="col">{t('mapping.domains')}</th>
                    <th scope="col">{t('mapping.populations')}</th>
                    <th scope="col" className="num">{t('mapping.members')}</th>
                    <th scope="col"><span className="visually-hidden">{t('mapping.actionsColumn')}</span></th>
                  </tr>
                </thead>
                <tbody>
                  {q.data.tables.map((x) => (
                    <tr key={x.id}>
                      <th scope="row">{x.name}{x.mandate ? <div className="small muted">{x.mandate}</div> : null}</th>
                      <td>{t(`mapping.sourceKind.${x.source}`)}</td>
                      <td>{x.domains.map((d) => t(`mapping.domainName.${d}`, { defaultValue: d })).join(', ') || '–'}</td>
                      <td>{x.populations.join(', ') || '–'}</td>
                      <td className="num">{x.memberOrganizationIds.length}</td>
                      <td>{x.actions['mapping.table.update'] ? <button type="button" className="button-secondary" onClick={() => setEditing(x)} aria-label={t('mapping.editTableNamed', { name: x.name })}>{t('mapping.edit')}</button> : null}</td>
                    </tr>
                  ))}
                </tbody>
              </Table>
            </div>
          </section>

          <section aria-labelledby="inv-matrix">
            <h2 id="inv-matrix">{t('mapping.matrixHeading')}</h2>
            <p>{t('mapping.matrixLead')}</p>
            <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="inv-matrix">
              <Table stack={false} className="data-table mapping-matrix">
                <thead>
                  <tr>
                    <th scope="col">{t('mapping.organization')}</th>
                    <th scope="col" className="num">{t('mapping.tableCount')}</th>
                    {q.data.tables.map((x) => <th scope="col" key={x.id} className="mapping-matrix-head"><span>{x.name}</span></th>)}
                  </tr>
                </thead>
                <tbody>
                  {q.data.organizations.map((o) => (
                    <tr key={o.id}>
                      <th scope="row">{o.name}</th>
                      <td className="num">{o.tableCount}</td>
                      {q.data.tables.map((x) => <td key={x.id} className="center">{x.memberOrganizationIds.includes(o.id) ? <span aria-label={t('mapping.sitsAt')}>●</span> : ''}</td>)}
                    </tr>
                  ))}
                </tbody>
              </Table>
            </div>
          </section>

          <section aria-labelledby="inv-graph">
            <h2 id="inv-graph">{t('mapping.graphHeading')}</h2>
            <p className="small muted">{t('mapping.graphKey')}</p>
            <NetworkGraph inventory={q.data} titleId="inv-graph" />
          </section>

          <section aria-labelledby="inv-overlaps">
            <h2 id="inv-overlaps">{t('mapping.overlapsHeading')}</h2>
            <p>{t('mapping.overlapsLead')}</p>
            {q.data.overlaps.length === 0 ? <p>{t('mapping.none')}</p> : (
              <ul className="mapping-overlaps">
                {q.data.overlaps.map((o) => {
                  const a = q.data.tables.find((x) => x.id === o.a)!, b = q.data.tables.find((x) => x.id === o.b)!;
                  return (
                    <li key={`${o.a}-${o.b}`}>
                      <strong>{a.name}</strong> · <strong>{b.name}</strong>: {t('mapping.overlapLine', { domains: o.sharedDomains.map((d) => t(`mapping.domainName.${d}`, { defaultValue: d })).join(', '), places: o.sharedPlaces, members: o.sharedMembers })}
                      {o.sharedPopulations.length ? ` ${t('mapping.overlapPopulations', { populations: o.sharedPopulations.join(', ') })}` : ''}
                    </li>
                  );
                })}
              </ul>
            )}
          </section>

          {q.data.actions['mapping.table.create'] ? <ImportForm /> : null}
        </>
      )}
    </MappingFrame>
  );
}

function TableForm({ table, onDone }: { table: InventoryTable | null; onDone: () => void }) {
  const { t } = useTranslation();
  const save = useSaveTable();
  const orgs = useQuery({ queryKey: ['organizations', 'all'], queryFn: () => api.get<{ items: { id: string; legalName: string }[] }>('/organizations?perPage=100') });
  const roundtable = table?.source === 'roundtable';
  const [name, setName] = useState(table?.name ?? '');
  const [kind, setKind] = useState(table && (tableKinds as readonly string[]).includes(table.kind) ? table.kind : 'network');
  const [mandate, setMandate] = useState(table?.mandate ?? '');
  const [domains, setDomains] = useState<string[]>(table?.domains ?? []);
  const [populations, setPopulations] = useState((table?.populations ?? []).join(', '));
  const [funder, setFunder] = useState(table?.funder ?? '');
  const [members, setMembers] = useState<string[]>(roundtable ? [] : (table?.memberOrganizationIds ?? []));
  const [errors, setErrors] = useState<FieldErrors>({});
  const labels = { name: t('mapping.tableName'), kind: t('mapping.kind'), mandate: t('mapping.mandate'), domains: t('mapping.domains'), populations: t('mapping.populations'), funder: t('mapping.funder'), memberOrganizationIds: t('mapping.members') };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const body = {
      ...(roundtable ? {} : { name, kind: kind as InventoryTable['kind'] as never }),
      ...(roundtable && table?.version == null ? { name: table.name, kind: 'other' as never } : {}),
      mandate, domains, funder: funder || null,
      populations: populations.split(',').map((s) => s.trim()).filter(Boolean),
      ...(roundtable ? {} : { memberOrganizationIds: members }),
    };
    try {
      await save.mutateAsync({ id: table?.id, version: table?.version, collaborativeId: roundtable ? table.id : undefined, body });
      onDone();
    } catch (err) {
      setErrors(fieldErrorsOf(err));
    }
  };
  return (
    <form className="mapping-form" onSubmit={submit} noValidate>
      <h3>{table ? t('mapping.editTableNamed', { name: table.name }) : t('mapping.addTable')}</h3>
      <ErrorSummary errors={errors} labels={labels} />
      {roundtable ? <p className="small muted">{t('mapping.roundtableProfile')}</p> : (
        <>
          <Field path="name" label={labels.name} error={errors.name} required>
            {(p) => <input {...p} value={name} onChange={(e) => setName(e.target.value)} required />}
          </Field>
          <Field path="kind" label={labels.kind} error={errors.kind}>
            {(p) => <select {...p} value={kind} onChange={(e) => setKind(e.target.value)}>
              {tableKinds.map((k) => <option key={k} value={k}>{t(`mapping.tableKind.${k}`)}</option>)}
            </select>}
          </Field>
        </>
      )}
      <Field path="mandate" label={labels.mandate} error={errors.mandate}>
        {(p) => <textarea {...p} value={mandate} onChange={(e) => setMandate(e.target.value)} rows={3} />}
      </Field>
      <fieldset>
        <legend>{labels.domains}</legend>
        <div className="mapping-checks">
          {DOMAIN_CODES.map((d) => (
            <div className="field checkbox" key={d}>
              <input id={`dom-${d}`} type="checkbox" checked={domains.includes(d)} onChange={(e) => setDomains(e.target.checked ? [...domains, d] : domains.filter((x) => x !== d))} />
              <label htmlFor={`dom-${d}`}>{t(`mapping.domainName.${d}`)}</label>
            </div>
          ))}
        </div>
      </fieldset>
      <Field path="populations" label={labels.populations} hint={t('mapping.populationsHint')} error={errors.populations}>
        {(p) => <input {...p} value={populations} onChange={(e) => setPopulations(e.target.value)} />}
      </Field>
      <Field path="funder" label={labels.funder} error={errors.funder}>
        {(p) => <input {...p} value={funder} onChange={(e) => setFunder(e.target.value)} />}
      </Field>
      {!roundtable && orgs.data ? (
        <fieldset>
          <legend>{labels.memberOrganizationIds}</legend>
          <div className="mapping-checks">
            {orgs.data.items.map((o) => (
              <div className="field checkbox" key={o.id}>
                <input id={`org-${o.id}`} type="checkbox" checked={members.includes(o.id)} onChange={(e) => setMembers(e.target.checked ? [...members, o.id] : members.filter((x) => x !== o.id))} />
                <label htmlFor={`org-${o.id}`}>{o.legalName}</label>
              </div>
            ))}
          </div>
        </fieldset>
      ) : null}
      <p>
        <button type="submit" disabled={save.isPending}>{t('mapping.save')}</button>{' '}
        <button type="button" className="button-secondary" onClick={onDone}>{t('mapping.cancel')}</button>
      </p>
    </form>
  );
}

function ImportForm() {
  const { t } = useTranslation();
  const imp = useImportTables();
  const [csv, setCsv] = useState('');
  const [dryRun, setDryRun] = useState(true);
  return (
    <section aria-labelledby="inv-import">
      <h2 id="inv-import">{t('mapping.importHeading')}</h2>
      <p className="small">{t('mapping.importHint')}</p>
      <form onSubmit={(e) => { e.preventDefault(); imp.mutate({ csv, dryRun }); }}>
        <div className="field">
          <label htmlFor="inv-csv-file">{t('mapping.importFile')}</label>
          <input id="inv-csv-file" type="file" accept=".csv,text/csv" onChange={async (e) => { const f = e.target.files?.[0]; if (f) setCsv(await f.text()); }} />
        </div>
        <div className="field">
          <label htmlFor="inv-csv">{t('mapping.importText')}</label>
          <textarea id="inv-csv" rows={4} value={csv} onChange={(e) => setCsv(e.target.value)} />
        </div>
        <div className="field checkbox">
          <input id="inv-dry" type="checkbox" checked={dryRun} onChange={(e) => setDryRun(e.target.checked)} />
          <label htmlFor="inv-dry">{t('mapping.dryRun')}</label>
        </div>
        <button type="submit" disabled={!csv || imp.isPending}>{t('mapping.import')}</button>
      </form>
      <div role="status" aria-live="polite">
        {imp.data ? (
          imp.data.errors.length ? (
            <div className="notice notice-warning">
              <p>{t('mapping.importErrors', { count: imp.data.errors.length })}</p>
              <ul>{imp.data.errors.map((e, i) => <li key={i}>{t('mapping.importErrorLine', { line: e.line, field: e.field, message: e.message })}</li>)}</ul>
            </div>
          ) : <p className="notice notice-success">{t(imp.data.dryRun ? 'mapping.importDry' : 'mapping.importDone', { created: imp.data.created, updated: imp.data.updated })}</p>
        ) : null}
        {imp.isError ? <LoadError error={imp.error} /> : null}
      </div>
    </section>
  );
}
