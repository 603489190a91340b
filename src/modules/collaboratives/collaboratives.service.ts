import { asc, eq, sql } from 'drizzle-orm';
import type { Database, Db } from '../../core/db/database';
import type { Actor } from '../../core/accounts/actor';
import { Errors } from '../../core/http/errors';
import { collaboratives, type CollaborativeRow } from './collaboratives.tables';

export function collaborativeExists(db: Db, id: string): Promise<boolean> {
  return db.select({ id: collaboratives.id }).from(collaboratives).where(eq(collaboratives.id, id)).then((r) => r.length > 0);
}

/** The collaboratives a user holds a role in. Everyone signed in sees the list of tables. */
export async function listCollaboratives(database: Database, actor: Actor) {
  const rows = await database.db.select().from(collaboratives).orderBy(asc(collaboratives.name));
  return rows.map((r) => present(r, actor));
}

export async function getCollaborative(database: Database, actor: Actor, id: string) {
  const [row] = await database.db.select().from(collaboratives).where(eq(collaboratives.id, id));
  if (!row) throw Errors.notFound('Collaborative');
  return present(row, actor);
}

export async function collaborativeIdByName(db: Db, name: string): Promise<string | undefined> {
  const [row] = await db.select({ id: collaboratives.id }).from(collaboratives).where(sql`lower(${collaboratives.name}) = lower(${name})`);
  return row?.id;
}

function present(r: CollaborativeRow, actor: Actor) {
  const myRoles = actor.kind === 'user' ? actor.roles.filter((g) => g.scopeType === 'collaborative' && g.scopeId === r.id).map((g) => g.role) : [];
  return {
    id: r.id,
    name: r.name,
    shortName: r.shortName,
    type: r.type,
    scope: r.scope,
    catchmentGeographyId: r.catchmentGeographyId,
    leadOrganizationId: r.leadOrganizationId,
    focus: r.focus,
    mission: r.mission,
    myRoles,
  };
}
