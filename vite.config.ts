import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const api = 'http://localhost:3000';

/** The web app lives in web/; the server serves web/dist with an SPA fallback. */
export default defineConfig({
  root: 'web',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
  server: {
    proxy: {
      '/api': api,
      '/docs': api,
      '/openapi.json': api,
      '/health': api,
    },
  },
});
