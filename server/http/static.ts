// Serves the built client (client/dist) with a single-page-app fallback to index.html.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.map': 'application/json',
  '.woff2': 'font/woff2',
};

export function serveStatic(root: string, pathname: string): Response | undefined {
  if (!existsSync(root)) return undefined;
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return new Response('Bad path', { status: 400 });
  }
  const candidate = normalize(join(root, decoded));
  if (!candidate.startsWith(root + sep) && candidate !== root) return new Response('Not found', { status: 404 });
  let file = candidate;
  if (!existsSync(file) || statSync(file).isDirectory()) {
    // Client-side routes (shared views) all load the same page.
    if (extname(decoded) !== '') return new Response('Not found', { status: 404 });
    file = join(root, 'index.html');
    if (!existsSync(file)) return undefined;
  }
  const immutable = file.includes(`${sep}assets${sep}`);
  return new Response(readFileSync(file), {
    status: 200,
    headers: {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      'x-content-type-options': 'nosniff',
    },
  });
}
