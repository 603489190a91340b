import type { SeedContext } from '../module';
import { seededOrganizationId } from '../organizations/organizations.seeds';
import { createUser } from './accounts.service';
import { findUserByEmail } from './accounts.repository';
import type { RoleGrant } from './actor';

/** Published in the README. Demo accounts exist only where demo data was loaded. */
export const DEMO_PASSWORD = 'roundtable-demo';

export interface DemoAccount {
  email: string;
  name: string;
  organization?: string;
  roles: (orgId: string | null) => RoleGrant[];
}

export async function seedDemoAccount(ctx: SeedContext, account: DemoAccount): Promise<void> {
  if (await findUserByEmail(ctx.database.db, account.email)) return;
  const orgId = account.organization ? ((await seededOrganizationId(ctx, account.organization)) ?? null) : null;
  await createUser(ctx.database, ctx.actor, {}, {
    email: account.email,
    name: account.name,
    password: DEMO_PASSWORD,
    organizationId: orgId,
    roles: account.roles(orgId),
    isDemo: true,
  });
}

const CDCD = 'Community Development Council Durham';
export const demoAccounts: DemoAccount[] = [
  { email: 'admin@demo.roundtable.test', name: 'Demo Platform Admin', roles: () => [{ role: 'platform_admin', scopeType: 'platform', scopeId: null }] },
  {
    email: 'orgadmin@demo.roundtable.test',
    name: 'Demo Organization Admin (CDCD)',
    organization: CDCD,
    roles: (org) => [{ role: 'org_admin', scopeType: 'organization', scopeId: org }],
  },
  {
    email: 'staff@demo.roundtable.test',
    name: 'Demo Settlement Worker (CDCD)',
    organization: CDCD,
    roles: (org) => [{ role: 'staff', scopeType: 'organization', scopeId: org }],
  },
  {
    email: 'viewer@demo.roundtable.test',
    name: 'Demo Viewer (Region of Durham)',
    organization: 'Regional Municipality of Durham',
    roles: (org) => [{ role: 'viewer', scopeType: 'organization', scopeId: org }],
  },
];

export async function seedAccounts(ctx: SeedContext): Promise<void> {
  if (!ctx.demo) return;
  for (const a of demoAccounts) await seedDemoAccount(ctx, a);
  ctx.log(`accounts: ${demoAccounts.length} demo accounts (password "${DEMO_PASSWORD}")`);
}
