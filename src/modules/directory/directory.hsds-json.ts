/**
 * HSDS JSON objects as tables: a `service` (service_full), an `organization`
 * (organization_full), a `service_at_location`, an array of them, or an HSDA page with
 * `contents`. Each nested object becomes a row of its table, and the key that ties it to its
 * parent (service_id, location_id, link_id…) is filled in where the object leaves it out.
 * The same record met twice (an organization repeated in every service) is kept once.
 */

type Obj = Record<string, unknown>;
type Kind = 'organization' | 'service' | 'service_at_location' | 'location' | 'taxonomy_term';

const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);
const list = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter(isObj) : []);

/** Is this JSON HSDS objects rather than a datapackage? */
export function looksLikeHsdsObjects(json: unknown): boolean {
  if (Array.isArray(json)) return json.length === 0 || isObj(json[0]);
  return isObj(json) && !Array.isArray(json.resources) && (Array.isArray(json.contents) || typeof json.id === 'string');
}

function kindOf(o: Obj): Kind {
  if ('services' in o || 'organization_identifiers' in o || 'programs' in o || 'locations' in o || 'year_incorporated' in o || 'legal_status' in o) return 'organization';
  if ('service_at_locations' in o || 'organization' in o || 'organization_id' in o || 'program' in o || 'eligibility_description' in o) return 'service';
  if (('service_id' in o || 'service' in o) && ('location_id' in o || 'location' in o)) return 'service_at_location';
  if ('addresses' in o || 'latitude' in o || 'location_type' in o) return 'location';
  if ('taxonomy_detail' in o || ('code' in o && 'parent_id' in o)) return 'taxonomy_term';
  return 'service';
}

export function flattenHsds(json: unknown): { tables: Map<string, Obj[]>; errors: string[] } {
  const tables = new Map<string, Obj[]>();
  const seen = new Map<string, Set<string>>();
  const errors: string[] = [];

  const add = (table: string, o: Obj, fill: Obj = {}): Obj => {
    const row: Obj = { ...o };
    for (const [k, v] of Object.entries(fill)) if (row[k] == null && v != null) row[k] = v;
    const id = typeof row.id === 'string' ? row.id : undefined;
    if (id) {
      let ids = seen.get(table);
      if (!ids) seen.set(table, (ids = new Set()));
      if (ids.has(id)) return row;
      ids.add(id);
    }
    let rows = tables.get(table);
    if (!rows) tables.set(table, (rows = []));
    rows.push(row);
    return row;
  };

  const attributes = (v: unknown, entity: string, id: unknown) => {
    for (const a of list(v)) {
      const term = isObj(a.taxonomy_term) ? taxonomyTerm(a.taxonomy_term) : undefined;
      add('attribute', a, { link_id: id, link_entity: entity, taxonomy_term_id: term?.id });
    }
  };
  const metadata = (v: unknown, type: string, id: unknown) => {
    for (const m of list(v)) add('metadata', m, { resource_id: id, resource_type: type });
  };
  const taxonomyTerm = (t: Obj): Obj => {
    const detail = isObj(t.taxonomy_detail) ? add('taxonomy', t.taxonomy_detail) : undefined;
    return add('taxonomy_term', t, { taxonomy_id: detail?.id });
  };
  const phones = (v: unknown, fill: Obj) => {
    for (const p of list(v)) {
      const row = add('phone', p, fill);
      for (const l of list(p.languages)) add('language', l, { phone_id: row.id });
    }
  };
  const contacts = (v: unknown, fill: Obj) => {
    for (const c of list(v)) {
      const row = add('contact', c, fill);
      phones(c.phones, { contact_id: row.id });
    }
  };
  const schedules = (v: unknown, fill: Obj) => {
    for (const s of list(v)) add('schedule', s, fill);
  };

  const location = (l: Obj, fill: Obj = {}): Obj => {
    const row = add('location', l, fill);
    for (const a of list(l.addresses)) add('address', a, { location_id: row.id });
    phones(l.phones, { location_id: row.id });
    for (const x of list(l.languages)) add('language', x, { location_id: row.id });
    for (const x of list(l.accessibility)) add('accessibility', x, { location_id: row.id });
    schedules(l.schedules, { location_id: row.id });
    contacts(l.contacts, { location_id: row.id });
    attributes(l.attributes, 'location', row.id);
    metadata(l.metadata, 'location', row.id);
    return row;
  };

  const serviceAtLocation = (x: Obj, fill: Obj = {}): Obj => {
    const loc = isObj(x.location) ? location(x.location) : undefined;
    const svc = isObj(x.service) ? service(x.service) : undefined;
    const row = add('service_at_location', x, { ...fill, location_id: loc?.id ?? fill.location_id, service_id: svc?.id ?? fill.service_id });
    phones(x.phones, { service_at_location_id: row.id, service_id: row.service_id, location_id: row.location_id });
    schedules(x.schedules, { service_at_location_id: row.id });
    contacts(x.contacts, { service_at_location_id: row.id });
    attributes(x.attributes, 'service_at_location', row.id);
    return row;
  };

  const organization = (o: Obj): Obj => {
    const row = add('organization', o);
    const id = row.id;
    phones(o.phones, { organization_id: id });
    contacts(o.contacts, { organization_id: id });
    for (const f of list(o.funding)) add('funding', f, { organization_id: id });
    for (const l of list(o.locations)) location(l, { organization_id: id });
    for (const p of list(o.programs)) add('program', p, { organization_id: id });
    for (const i of list(o.organization_identifiers)) add('organization_identifier', i, { organization_id: id });
    attributes(o.attributes, 'organization', id);
    metadata(o.metadata, 'organization', id);
    for (const s of list(o.services)) service(s, { organization_id: id });
    return row;
  };

  const service = (s: Obj, fill: Obj = {}): Obj => {
    const org = isObj(s.organization) ? organization(s.organization) : undefined;
    const prog = isObj(s.program) ? add('program', s.program, { organization_id: org?.id ?? s.organization_id ?? fill.organization_id }) : undefined;
    const row = add('service', s, { ...fill, organization_id: org?.id ?? fill.organization_id, program_id: prog?.id });
    const id = row.id;
    phones(s.phones, { service_id: id });
    schedules(s.schedules, { service_id: id });
    for (const a of list(s.service_areas)) add('service_area', a, { service_id: id });
    for (const x of list(s.service_at_locations)) serviceAtLocation(x, { service_id: id });
    for (const l of list(s.languages)) add('language', l, { service_id: id });
    for (const f of list(s.funding)) add('funding', f, { service_id: id });
    for (const c of list(s.cost_options)) add('cost_option', c, { service_id: id });
    for (const d of list(s.required_documents)) add('required_document', d, { service_id: id });
    contacts(s.contacts, { service_id: id });
    for (const c of list(s.capacities)) {
      const unit = isObj(c.unit) ? add('unit', c.unit) : undefined;
      add('service_capacity', c, { service_id: id, unit_id: unit?.id });
    }
    attributes(s.attributes, 'service', id);
    metadata(s.metadata, 'service', id);
    return row;
  };

  const items = Array.isArray(json) ? json : isObj(json) && Array.isArray(json.contents) ? json.contents : [json];
  items.forEach((item, i) => {
    if (!isObj(item)) {
      errors.push(`Item ${i + 1} is not an object`);
      return;
    }
    const kind = kindOf(item);
    if (kind === 'organization') organization(item);
    else if (kind === 'service_at_location') serviceAtLocation(item);
    else if (kind === 'location') location(item);
    else if (kind === 'taxonomy_term') taxonomyTerm(item);
    else service(item);
  });
  return { tables, errors };
}
