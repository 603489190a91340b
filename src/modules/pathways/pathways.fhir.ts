/**
 * A pathway as a FHIR R4 PlanDefinition and back, without loss. Each step is an action: its key
 * the action id, its touchpoint and need domain `code`s, its conditions applicability
 * `condition`s (kind in `expression.name`, the people's words in `expression.description`: they are
 * read by people, not computed), its branches `relatedAction`s (before-start, the
 * branch condition in an extension), the responsible role a `participant`, the target days
 * `timingDuration`, services and organizations extensions with references. French text rides
 * on the standard translation extension. Pure.
 */
import type { Step, StepKind } from './pathways.schema';
import { stepKinds } from './pathways.schema';

export const SYSTEM = {
  kind: 'https://roundtable.example/fhir/CodeSystem/pathway-touchpoint',
  domain: 'https://roundtable.example/fhir/CodeSystem/need-domain',
  ext: 'https://roundtable.example/fhir/StructureDefinition',
  translation: 'http://hl7.org/fhir/StructureDefinition/translation',
};

type Json = Record<string, unknown>;

export interface PathwayForFhir {
  id?: string;
  name: string;
  nameFr: string;
  scenario: string;
  scenarioFr: string;
  population: string;
  reviewDate: string | null;
  status: 'draft' | 'published';
  version?: number | null;
  steps: Step[];
}

const fr = (value: string) => (value ? { extension: [{ url: SYSTEM.translation, extension: [{ url: 'lang', valueCode: 'fr' }, { url: 'content', valueString: value }] }] } : undefined);
const frOf = (el: unknown): string => {
  const ext = (el as { extension?: Json[] } | undefined)?.extension?.find((e) => e.url === SYSTEM.translation) as { extension?: Json[] } | undefined;
  return (ext?.extension?.find((e) => e.url === 'content')?.valueString as string | undefined) ?? '';
};
const clean = <T extends Json>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0))) as T;
const fhirId = (s: string) => s.replace(/[^A-Za-z0-9\-.]/g, '-').slice(0, 64);

function action(s: Step): Json {
  const extension: Json[] = [
    ...s.serviceIds.map((id) => ({ url: `${SYSTEM.ext}/pathway-service`, valueReference: { reference: `HealthcareService/${id}` } })),
    ...s.organizationIds.map((id) => ({ url: `${SYSTEM.ext}/pathway-organization`, valueReference: { reference: `Organization/${id}` } })),
    ...(s.toBring || s.toBringFr ? [{ url: `${SYSTEM.ext}/pathway-to-bring`, valueString: s.toBring || ' ', _valueString: fr(s.toBringFr) }].map(clean) : []),
  ];
  return clean({
    id: s.key,
    extension,
    title: s.title,
    _title: fr(s.titleFr),
    description: s.description,
    _description: fr(s.descriptionFr),
    code: [
      { coding: [{ system: SYSTEM.kind, code: s.kind }] },
      ...(s.domain ? [{ coding: [{ system: SYSTEM.domain, code: s.domain }] }] : []),
    ],
    condition: s.conditions.map((c) => ({
      kind: 'applicability',
      expression: clean({ name: c.kind, language: 'text/cql', description: c.text, _description: fr(c.textFr) }),
    })),
    relatedAction: s.next.map((n) => clean({
      actionId: n.to,
      relationship: 'before-start',
      extension: n.condition ? [{ url: `${SYSTEM.ext}/pathway-branch-condition`, valueString: n.condition }] : undefined,
    })),
    timingDuration: s.targetDays === null ? undefined : { value: s.targetDays, unit: 'd', system: 'http://unitsofmeasure.org', code: 'd' },
    participant: s.responsibleRole ? [{ type: 'practitioner', role: { text: s.responsibleRole } }] : undefined,
  });
}

export function toPlanDefinition(p: PathwayForFhir): Json {
  return clean({
    resourceType: 'PlanDefinition',
    id: p.id ? fhirId(p.id) : undefined,
    version: p.version ? String(p.version) : undefined,
    name: fhirId(p.name).replace(/[^A-Za-z0-9]/g, '') || undefined,
    title: p.name,
    _title: fr(p.nameFr),
    type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/plan-definition-type', code: 'workflow-definition' }] },
    status: p.status === 'published' ? 'active' : 'draft',
    description: p.scenario,
    _description: fr(p.scenarioFr),
    usage: p.population,
    lastReviewDate: undefined,
    effectivePeriod: p.reviewDate ? { end: p.reviewDate } : undefined,
    action: p.steps.map(action),
  });
}

const exts = (a: Json, name: string) => ((a.extension as Json[] | undefined) ?? []).filter((e) => e.url === `${SYSTEM.ext}/${name}`);

export class PlanDefinitionError extends Error {
  constructor(public field: string, message: string) { super(message); }
}

/** A PlanDefinition back into a pathway. Nested actions are flattened in document order. */
export function fromPlanDefinition(pd: Json): Omit<PathwayForFhir, 'status'> {
  if (pd.resourceType !== 'PlanDefinition') throw new PlanDefinitionError('resourceType', 'Expected a PlanDefinition');
  const flat: Json[] = [];
  const walk = (list: unknown) => { for (const a of (list as Json[] | undefined) ?? []) { flat.push(a); walk(a.action); } };
  walk(pd.action);
  const steps: Step[] = flat.map((a, i) => {
    const codes = ((a.code as Json[] | undefined) ?? []).flatMap((c) => (c.coding as Json[] | undefined) ?? []);
    const kind = codes.find((c) => c.system === SYSTEM.kind)?.code as StepKind | undefined;
    const key = typeof a.id === 'string' && /^[a-z0-9][a-z0-9-]{0,39}$/.test(a.id) ? a.id : `step-${i + 1}`;
    const toBring = exts(a, 'pathway-to-bring')[0];
    return {
      key,
      kind: kind && (stepKinds as readonly string[]).includes(kind) ? kind : 'service',
      title: (a.title as string | undefined) ?? (a.description as string | undefined)?.slice(0, 200) ?? `Step ${i + 1}`,
      titleFr: frOf(a._title),
      description: (a.description as string | undefined) ?? '',
      descriptionFr: frOf(a._description),
      toBring: ((toBring?.valueString as string | undefined) ?? '').trim(),
      toBringFr: frOf(toBring?._valueString),
      domain: (codes.find((c) => c.system === SYSTEM.domain)?.code as string | undefined) ?? null,
      serviceIds: exts(a, 'pathway-service').map((e) => String((e.valueReference as Json).reference).split('/')[1]!),
      organizationIds: exts(a, 'pathway-organization').map((e) => String((e.valueReference as Json).reference).split('/')[1]!),
      conditions: ((a.condition as Json[] | undefined) ?? []).map((c) => {
        const e = (c.expression ?? {}) as Json;
        const k = e.name as string;
        return { kind: k === 'eligibility' || k === 'acuity' ? k : 'other', text: String(e.description ?? e.expression ?? ''), textFr: frOf(e._description) } as Step['conditions'][number];
      }),
      targetDays: a.timingDuration ? Math.round(Number((a.timingDuration as Json).value)) : null,
      responsibleRole: (((a.participant as Json[] | undefined)?.[0]?.role as Json | undefined)?.text as string | undefined) ?? '',
      next: ((a.relatedAction as Json[] | undefined) ?? []).filter((r) => r.relationship === 'before-start' || r.relationship === 'before').map((r) => ({
        to: String(r.actionId),
        condition: (exts(r, 'pathway-branch-condition')[0]?.valueString as string | undefined) ?? '',
      })),
    };
  });
  return {
    name: (pd.title as string | undefined) ?? (pd.name as string | undefined) ?? 'Imported pathway',
    nameFr: frOf(pd._title),
    scenario: (pd.description as string | undefined) ?? '',
    scenarioFr: frOf(pd._description),
    population: (pd.usage as string | undefined) ?? '',
    reviewDate: ((pd.effectivePeriod as Json | undefined)?.end as string | undefined) ?? null,
    steps,
  };
}
