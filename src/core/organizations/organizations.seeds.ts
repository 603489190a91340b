import type { SeedContext } from '../module';
import { geographyByCode } from '../geography/geography.service';
import { organizations } from './organizations.tables';
import { sql } from 'drizzle-orm';
import type { CreateOrganizationInput } from './organizations.schema';

type SeedOrg = Omit<CreateOrganizationInput, 'geographyId' | 'parentId'> & { municipality: string };

/**
 * The settlement service organizations of Appendix B of the Durham integrated service
 * delivery report (seed 002, lines 2727-2776), with the municipality each is located in,
 * plus the Region itself as the Service Manager.
 */
export const durhamOrganizations: SeedOrg[] = [
  {
    legalName: 'Community Development Council Durham',
    alternateNames: ['CDCD', 'Community Development Council of Durham'],
    description: 'Settlement, LINC Assessment, HOST program, Settlement Workers in Schools, counselling and referrals. Serving all of Durham Region.',
    website: 'http://www.cdcd.org',
    phones: [{ number: '905-686-2661', type: 'voice' }],
    addresses: [],
    sector: 'settlement',
    partnerCategory: 'voluntary_nonprofit',
    municipality: '3518005',
  },
  {
    legalName: 'Community Economic Development for Immigrant Women',
    alternateNames: ['CEDIW'],
    description: 'Social enterprise and skills development for immigrant women. Serving all of Durham Region.',
    website: 'http://www.ced4iw-wo.org',
    phones: [],
    addresses: [],
    sector: 'employment',
    partnerCategory: 'population_specific',
    municipality: '3518001',
  },
  {
    legalName: 'Durham Catholic District School Board – Continuing and Alternative Education',
    alternateNames: ['DCDSB Continuing Education'],
    description: 'ESL, LINC, citizenship course, International Languages. Serving all of Durham Region.',
    website: 'http://www.con-ed.ca',
    phones: [],
    addresses: [],
    sector: 'education',
    partnerCategory: 'government_public_sector',
    municipality: '3518013',
  },
  {
    legalName: 'Durham District School Board – Durham Continuing Education',
    alternateNames: ['DDSB', 'Durham Continuing Education'],
    description: 'ESL, LINC, Enhanced Language Training (ELT), International Languages. Serving all of Durham Region.',
    website: 'http://dce.ddsbschools.ca',
    phones: [],
    addresses: [],
    sector: 'education',
    partnerCategory: 'government_public_sector',
    municipality: '3518013',
  },
  {
    legalName: 'Durham Region Unemployed Help Centre',
    alternateNames: ['Unemployed Help Centre'],
    description: 'Job search workshops and employment resources. Head office in Oshawa, also in Pickering. Serving all of Durham Region.',
    website: 'http://www.unemployedhelp.on.ca',
    phones: [],
    addresses: [],
    sector: 'employment',
    partnerCategory: 'voluntary_nonprofit',
    municipality: '3518013',
  },
  {
    legalName: 'Northern Lights Canada – Employment Services',
    alternateNames: ['Northern Lights Canada'],
    description: 'Job search workshops for newcomer youth, employment resources. Locations in Oshawa and Ajax. Serving all of Durham Region.',
    website: 'http://www.northernlightsosh.com',
    phones: [],
    addresses: [],
    sector: 'employment',
    partnerCategory: 'voluntary_nonprofit',
    municipality: '3518013',
  },
  {
    legalName: 'Women’s Multicultural Resource and Counselling Centre',
    alternateNames: ['WMRCC', "Women's Multicultural Resource and Counselling Centre of Durham"],
    description: 'Counselling, mentorship, youth HOST program, crisis intervention, referrals. Serving all of Durham Region.',
    website: 'http://www.wmrccdurham.com',
    phones: [],
    addresses: [],
    sector: 'settlement',
    partnerCategory: 'population_specific',
    municipality: '3518001',
  },
  {
    legalName: 'Regional Municipality of Durham',
    alternateNames: ['Region of Durham', 'Durham Region'],
    description: 'Upper-tier municipality and Consolidated Municipal Service Manager: Ontario Works, child care, housing and homelessness. Lead of the Durham Local Diversity and Immigration Partnership Council.',
    website: 'https://www.durham.ca',
    phones: [],
    addresses: [],
    sector: 'municipal_government',
    partnerCategory: 'government_public_sector',
    municipality: '3518009',
  },
  {
    legalName: 'John Howard Society of Durham Region',
    alternateNames: ['John Howard Society'],
    description: 'Community justice, housing and employment support.',
    website: null,
    phones: [],
    addresses: [],
    sector: 'justice_policing',
    partnerCategory: 'voluntary_nonprofit',
    municipality: '3518013',
  },
];

export async function seedOrganizations(ctx: SeedContext): Promise<void> {
  if (!ctx.demo) return;
  const db = ctx.database.db;
  let added = 0;
  for (const { municipality, ...org } of durhamOrganizations) {
    const [existing] = await db.select({ id: organizations.id }).from(organizations).where(sql`${organizations.legalName} = ${org.legalName}`);
    if (existing) continue;
    const place = await geographyByCode(db, municipality);
    await db.insert(organizations).values({ ...org, geographyId: place?.id ?? null });
    added++;
  }
  ctx.log(`organizations: ${added} Durham settlement and partner organizations`);
}

/** Looks up a seeded organization by legal name, for other modules' seeds. */
export async function seededOrganizationId(ctx: SeedContext, legalName: string): Promise<string | undefined> {
  const [row] = await ctx.database.db.select({ id: organizations.id }).from(organizations).where(sql`${organizations.legalName} = ${legalName}`);
  return row?.id;
}
