/** Typed calls to /api/v1/geographies; the types come from the server's contracts (geography.schema.ts). */
import type { z } from 'zod';
import { api } from '../../core/api';
import type { GeographyDetailSchema, GeographySchema } from '../../../../src/core/geography/geography.schema';
import type { Feature } from './projection';

export type Place = z.infer<typeof GeographySchema>;
export type PlaceDetail = z.infer<typeof GeographyDetailSchema>;
/** The server declares the features loosely (`z.any()`); they are the GeoJSON features the maps draw. */
export interface Boundaries {
  type: 'FeatureCollection';
  features: Feature[];
}

export const geographyApi = {
  all: () => api.get<{ items: Place[] }>('/geographies'),
  atLevel: (level: string) => api.get<{ items: Place[] }>(`/geographies?level=${level}`),
  place: (id: string) => api.get<PlaceDetail>(`/geographies/${id}`),
  boundaries: (parentId: string) => api.get<Boundaries>(`/geographies/boundaries?parentId=${parentId}`),
};
