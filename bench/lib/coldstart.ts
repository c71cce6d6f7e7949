// Cold start: the real server (`npm start`: node --import tsx server/main.ts, as bench/server-process.ts runs it) on
// an empty data directory until /healthz answers 200 (local Neo4j start, schema, seed load, listen), then a second
// start on the same, now filled, directory; idle RSS of the server and of its Neo4j after each.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rssMb, startServer } from '../server-process.ts';
import { ROOT, sleep } from './common.ts';

export interface StartFigure {
  ms: number;
  readyLineMs: number;
  serverRssMb: number | null;
  neo4jRssMb: number | null;
}

export interface ColdStart {
  clientBuilt: boolean;
  first: StartFigure;
  second: StartFigure | null;
  idleSeconds: number;
  note: string;
}

async function oneStart(dataDir: string, idleSeconds: number, log: (line: string) => void): Promise<StartFigure> {
  const t0 = performance.now();
  const server = await startServer({ DATA_DIR: dataDir }, (line) => {
    if (/seed:|neo4j: ready|error/i.test(line)) log(`coldstart: ${line}`);
  });
  const readyLineMs = performance.now() - t0;
  try {
    let ms = NaN;
    for (let i = 0; i < 600; i++) {
      try {
        const res = await fetch(`${server.url}/healthz`);
        await res.text();
        if (res.status === 200) {
          ms = performance.now() - t0;
          break;
        }
      } catch {
        // not listening yet
      }
      await sleep(50);
    }
    await sleep(idleSeconds * 1000);
    return { ms: Math.round(ms), readyLineMs: Math.round(readyLineMs), serverRssMb: await rssMb(server.child.pid), neo4jRssMb: await rssMb(server.neo4jPid) };
  } finally {
    await server.stop();
  }
}

export async function coldStart(opts: { second: boolean; idleSeconds: number; log: (line: string) => void }): Promise<ColdStart> {
  const dataDir = mkdtempSync(join(tmpdir(), 'hcgraph-coldstart-'));
  const clientBuilt = existsSync(join(ROOT, 'client', 'dist', 'index.html'));
  try {
    const first = await oneStart(dataDir, opts.idleSeconds, opts.log);
    opts.log(`coldstart: first start (empty store, seed load) → /healthz 200 in ${first.ms} ms; idle RSS server ${first.serverRssMb} MB, Neo4j ${first.neo4jRssMb} MB`);
    const second = opts.second ? await oneStart(dataDir, opts.idleSeconds, opts.log) : null;
    if (second) opts.log(`coldstart: second start (store kept) → /healthz 200 in ${second.ms} ms; idle RSS server ${second.serverRssMb} MB, Neo4j ${second.neo4jRssMb} MB`);
    return {
      clientBuilt,
      first,
      second,
      idleSeconds: opts.idleSeconds,
      note: `node --import tsx server/main.ts (what npm start runs) with NODE_ENV=production, warm Maven cache and launcher build${clientBuilt ? ', client already built' : ', client NOT built (the first start includes vite build)'}; first start on an empty DATA_DIR (seed loaded), second on the same directory`,
    };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
