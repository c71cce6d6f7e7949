// `npm run dev`: the API server (as `npm start` runs it) plus Vite's dev server with hot reload, proxying /graphql.
import { spawn } from 'node:child_process';
import { createServer } from 'vite';

const apiPort = process.env.API_PORT ?? process.env.PORT ?? '4000';
process.env.API_PORT = apiPort; // vite.config.ts proxies /graphql to it
const api = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
  stdio: 'inherit',
  env: { ...process.env, PORT: apiPort, NODE_ENV: 'development' },
});

const vite = await createServer({ configFile: 'vite.config.ts' });
await vite.listen();
vite.printUrls();
console.error(`dev: API on http://127.0.0.1:${apiPort} (proxied at /graphql)`);

let stopping = false;
async function stop(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  await vite.close();
  if (api.exitCode === null) {
    api.kill('SIGTERM');
    await new Promise((resolve) => api.once('exit', resolve));
  }
  process.exit(code);
}
api.once('exit', (code) => void stop(code ?? 1));
process.once('SIGINT', () => void stop(0));
process.once('SIGTERM', () => void stop(0));
