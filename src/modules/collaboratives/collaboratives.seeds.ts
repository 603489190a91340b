import type { SeedContext } from '../../core/module';
import { geographyByCode } from '../../core/geography/geography.service';
import { seededOrganizationId } from '../../core/organizations/organizations.seeds';
import { collaboratives } from './collaboratives.tables';
import { collaborativeIdByName } from './collaboratives.service';
import { seedDemoAccount } from '../../core/accounts/accounts.seeds';

export const LDIPC_NAME = 'Durham Region Local Diversity and Immigration Partnership Council';

export async function seedCollaboratives(ctx: SeedContext): Promise<void> {
  if (!ctx.demo) return;
  const db = ctx.database.db;
  if (await collaborativeIdByName(db, LDIPC_NAME)) return seedCollaborativeAccounts(ctx);
  const durham = await geographyByCode(db, '3518');
  await db.insert(collaboratives).values({
    name: LDIPC_NAME,
    shortName: 'LDIPC',
    type: 'lip_partnership_council',
    scope: 'regional',
    catchmentGeographyId: durham?.id ?? null,
    leadOrganizationId: (await seededOrganizationId(ctx, 'Regional Municipality of Durham')) ?? null,
    focus: 'Newcomers and immigrants in Durham Region',
    mission: 'Plan and coordinate settlement and integration services so that Durham is a welcoming community for newcomers.',
  });
  ctx.log('collaboratives: Durham LDIPC');
  await seedCollaborativeAccounts(ctx);
}

/** Demo coordinator and member of the LDIPC; their roles are scoped to the collaborative. */
export async function seedCollaborativeAccounts(ctx: SeedContext): Promise<void> {
  if (!ctx.demo) return;
  const id = await collaborativeIdByName(ctx.database.db, LDIPC_NAME);
  if (!id) return;
  await seedDemoAccount(ctx, {
    email: 'coordinator@demo.roundtable.test',
    name: 'Demo LIP Coordinator (LDIPC)',
    organization: 'Regional Municipality of Durham',
    roles: () => [{ role: 'coordinator', scopeType: 'collaborative', scopeId: id }],
  });
  await seedDemoAccount(ctx, {
    email: 'member@demo.roundtable.test',
    name: 'Demo Council Member (LDIPC)',
    organization: 'Durham Region Unemployed Help Centre',
    roles: () => [{ role: 'member', scopeType: 'collaborative', scopeId: id }],
  });
}
