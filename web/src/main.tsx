import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter } from 'react-router';
import './core/i18n';
import './styles.css';
import { App } from './core/App';
import { ApiError, fetchSession } from './core/api';
import { sessionKey } from './core/session';

const client = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      // Don't retry what will fail again: permissions, missing records, bad input.
      retry: (count, err) => !(err instanceof ApiError && err.status < 500) && count < 2,
    },
  },
});

// The session loads beside the interface text and the page's chunk, not after them.
void client.prefetchQuery({ queryKey: sessionKey, queryFn: fetchSession, staleTime: Infinity });

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={client}>
      <BrowserRouter>
        <App />
      </BrowserRouter>
    </QueryClientProvider>
  </StrictMode>,
);
