import { useQuery } from '@tanstack/react-query';
import { api } from '../../core/api';
import type { Geography, Organization } from '../../core/types';

export function useOrganization(id: string | undefined) {
  return useQuery({
    queryKey: ['organization', id],
    queryFn: () => api.get<Organization>(`/organizations/${id}`),
    enabled: !!id,
  });
}

export function useMunicipalities() {
  return useQuery({
    queryKey: ['geographies', 'municipality'],
    queryFn: () => api.get<{ items: Geography[] }>('/geographies?level=municipality'),
    staleTime: 5 * 60_000,
  });
}

export function placeName(g: Pick<Geography, 'nameEn' | 'nameFr'>, lng: string): string {
  return lng === 'fr' && g.nameFr ? g.nameFr : g.nameEn;
}

/** Every organization (up to 200), for pickers. */
export function useAllOrganizations() {
  return useQuery({ queryKey: ['organizations', 'all'], queryFn: () => api.get<{ items: Organization[] }>('/organizations?perPage=200') });
}
