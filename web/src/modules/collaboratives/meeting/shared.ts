import type { QueryClient } from '@tanstack/react-query';
import { collaborativesKeys } from '../hooks';
import type { Collab } from '../types';

/** After a change, everything cached about this collaborative is fetched again. */
export const refreshCollab = (client: QueryClient, c: Collab) => client.invalidateQueries({ queryKey: collaborativesKeys.one(c.id) });
