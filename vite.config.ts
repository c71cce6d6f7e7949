// Vite builds the browser client from client/ into client/dist; in dev it proxies the API to the server.
import { defineConfig } from 'vite';

const apiPort = process.env.API_PORT ?? process.env.PORT ?? '4000';
const api = `http://127.0.0.1:${apiPort}`;

export default defineConfig({
  root: 'client',
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 1500 },
  server: {
    port: Number(process.env.VITE_PORT ?? 5173),
    strictPort: false,
    proxy: { '/graphql': api, '/healthz': api },
  },
  worker: { format: 'es' },
});
