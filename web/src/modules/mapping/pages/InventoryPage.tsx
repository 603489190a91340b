import { useMemo, useState } from 'react';
import { z } from 'zod';
import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../core/api';
import { CheckboxField, CheckboxGroup, Form, SelectField, TextArea, TextField, useZodForm } from '../../../core/form';
import { fieldWords } from '../../../core/labels';
import { LoadError, Loading, useTitle, Table } from '../../../core/ui';
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

function tableSchema(roundtable: boolean) {
  return z
    .object({
      name: z.string().trim().max(300),
      kind: z.enum(tableKinds),
      mandate: z.string().trim().max(5000),
      domains: z.array(z.string()).max(30),
      populations: z.string().max(4000),
      funder: z.string().trim().max(300),
      memberOrganizationIds: z.array(z.string()).max(500),
    })
    .superRefine((v, ctx) => {
      if (!roundtable && !v.name) ctx.addIssue({ code: 'custom', path: ['name'], message: 'errors.required' });
    });
}

function TableForm({ table, onDone }: { table: InventoryTable | null; onDone: () => void }) {
  const { t } = useTranslation();
  const save = useSaveTable();
  const orgs = useQuery({ queryKey: ['organizations', 'all'], queryFn: () => api.get<{ items: { id: string; legalName: string }[] }>('/organizations?perPage=100') });
  const roundtable = table?.source === 'roundtable';
  const schema = useMemo(() => tableSchema(roundtable), [roundtable]);
  const form = useZodForm(schema, {
    defaultValues: {
      name: table?.name ?? '',
      kind: table && (tableKinds as readonly string[]).includes(table.kind) ? (table.kind as (typeof tableKinds)[number]) : 'network',
      mandate: table?.mandate ?? '',
      domains: table?.domains ?? [],
      populations: (table?.populations ?? []).join(', '),
      funder: table?.funder ?? '',
      memberOrganizationIds: roundtable ? [] : (table?.memberOrganizationIds ?? []),
    },
  });
  return (
    <Form
      form={form}
      className="form mapping-form"
      heading={<h3>{table ? t('mapping.editTableNamed', { name: table.name }) : t('mapping.addTable')}</h3>}
      submitLabel={t('mapping.save')}
      actions={<button type="button" className="button button-secondary" onClick={onDone}>{t('mapping.cancel')}</button>}
      onSubmit={async (v) => {
        const body = {
          ...(roundtable ? {} : { name: v.name, kind: v.kind as never }),
          ...(roundtable && table?.version == null ? { name: table.name, kind: 'other' as never } : {}),
          mandate: v.mandate,
          domains: v.domains,
          funder: v.funder || null,
          populations: v.populations.split(',').map((s) => s.trim()).filter(Boolean),
          ...(roundtable ? {} : { memberOrganizationIds: v.memberOrganizationIds }),
        };
        await save.mutateAsync({ id: table?.id, version: table?.version, collaborativeId: roundtable ? table.id : undefined, body });
        onDone();
      }}
    >
      {roundtable ? <p className="small muted">{t('mapping.roundtableProfile')}</p> : (
        <>
          <TextField name="name" label={t('mapping.tableName')} required />
          <SelectField name="kind" label={t('mapping.kind')} choices={tableKinds.map((k) => ({ value: k, label: t(`mapping.tableKind.${k}`) }))} />
        </>
      )}
      <TextArea name="mandate" label={t('mapping.mandate')} />
      <CheckboxGroup name="domains" label={t('mapping.domains')} choices={DOMAIN_CODES.map((d) => ({ value: d, label: t(`mapping.domainName.${d}`) }))} />
      <TextField name="populations" label={t('mapping.populations')} hint={t('mapping.populationsHint')} />
      <TextField name="funder" label={t('mapping.funder')} />
      {!roundtable && orgs.data ? <CheckboxGroup name="memberOrganizationIds" label={t('mapping.members')} choices={orgs.data.items.map((o) => ({ value: o.id, label: o.legalName }))} /> : null}
    </Form>
  );
}

const importSchema = z.object({ csv: z.string().min(1).max(2_000_000), dryRun: z.boolean() });

function ImportForm() {
  const { t } = useTranslation();
  const imp = useImportTables();
  const form = useZodForm(importSchema, { defaultValues: { csv: '', dryRun: true } });
  return (
    <section aria-labelledby="inv-import">
      <h2 id="inv-import">{t('mapping.importHeading')}</h2>
      <p className="small">{t('mapping.importHint')}</p>
      <Form
        form={form}
        idPrefix="inv"
        submitLabel={t('mapping.import')}
        onSubmit={async (v) => {
          await imp.mutateAsync(v);
        }}
      >
        <div className="field">
          <label htmlFor="inv-csv-file">{t('mapping.importFile')}</label>
          <input id="inv-csv-file" type="file" accept=".csv,text/csv" onChange={async (e) => { const f = e.target.files?.[0]; if (f) form.setValue('csv', await f.text(), { shouldValidate: form.formState.isSubmitted }); }} />
        </div>
        <TextArea name="csv" label={t('mapping.importText')} rows={4} required />
        <CheckboxField name="dryRun" label={t('mapping.dryRun')} />
      </Form>
      <div role="status" aria-live="polite">
        {imp.data ? (
          imp.data.errors.length ? (
            <div className="notice notice-warning">
              <p>{t('mapping.importErrors', { count: imp.data.errors.length })}</p>
              <ul>{imp.data.errors.map((e, i) => <li key={i}>{t('mapping.importErrorLine', { line: e.line, field: fieldWords(e.field), message: e.message })}</li>)}</ul>
            </div>
          ) : <p className="notice notice-success">{t(imp.data.dryRun ? 'mapping.importDry' : 'mapping.importDone', { created: imp.data.created, updated: imp.data.updated })}</p>
        ) : null}
      </div>
    </section>
  );
}
