export interface Phone {
  number: string;
  extension?: string | null;
  type?: string | null;
  description?: string | null;
}

export interface Address {
  type: string;
  address1: string;
  address2?: string | null;
  city: string;
  province: string;
  postalCode?: string | null;
  country: string;
}

export interface Organization {
  id: string;
  legalName: string;
  alternateNames: string[];
  description: string | null;
  website: string | null;
  email: string | null;
  phones: Phone[];
  addresses: Address[];
  sector: string | null;
  partnerCategory: string | null;
  parentId: string | null;
  parentName: string | null;
  geographyId: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  actions: { update: boolean; viewUsers: boolean };
}

export interface Paged<T> {
  items: T[];
  page: number;
  perPage: number;
  total: number;
}

export interface OrganizationList extends Paged<Organization> {
  actions: { create: boolean };
}

export interface Geography {
  id: string;
  code: string;
  sgcCode: string | null;
  level: string;
  nameEn: string;
  nameFr: string | null;
  parentId: string | null;
  latitude: number | null;
  longitude: number | null;
  hasBoundary: boolean;
  boundaryApproximate: boolean;
  version: number;
}

export interface GeographyDetail extends Geography {
  boundary: unknown;
  ancestors: Geography[];
  children: Geography[];
}

export interface User {
  id: string;
  email: string;
  name: string;
  organizationId: string | null;
  preferredLanguage: string;
  isActive: boolean;
  isDemo: boolean;
  lastLoginAt: string | null;
  createdAt: string;
  roles: { role: string; scopeType: string; scopeId: string | null }[];
}

export interface AuditEvent {
  id: number;
  occurredAt: string;
  actorUserId: string | null;
  actorLabel: string;
  action: string;
  entityType: string;
  entityId: string | null;
  organizationId: string | null;
  ip: string | null;
  userAgent: string | null;
  purpose: string | null;
  details: Record<string, unknown> | null;
}

export interface Collaborative {
  id: string;
  name: string;
  shortName: string | null;
  type: string;
  scope: string;
  catchmentGeographyId: string | null;
  leadOrganizationId: string | null;
  focus: string | null;
  mission: string | null;
  myRoles: string[];
}
