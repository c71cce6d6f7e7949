// Progress for `npm run import`: on a terminal, one bar redrawn in place (done/total, rows/s, ETA); otherwise
// (CI, a pipe, a log file) one plain line per step, so logs stay readable.

export interface Progress {
  /** A step worth a line ("reading", "resolving …"). */
  step(message: string): void;
  /** Starts a counted phase of `total` units. */
  start(label: string, total: number): void;
  tick(n: number): void;
  /** Ends the counted phase (idempotent). */
  done(): void;
}

export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '?';
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m}m${String(s % 60).padStart(2, '0')}s` : `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

/** "[########------]  52% 2600/5000  1,234/s  ETA 2s" */
export function renderBar(label: string, done: number, total: number, elapsedMs: number, width = 80): string {
  const rate = elapsedMs > 0 ? (done * 1000) / elapsedMs : 0;
  const eta = rate > 0 ? ((total - done) / rate) * 1000 : NaN;
  const pct = total > 0 ? Math.min(100, Math.floor((done / total) * 100)) : 100;
  const tail = ` ${String(pct).padStart(3)}% ${done}/${total}  ${Math.round(rate).toLocaleString('en-US')}/s  ETA ${done >= total ? '0s' : formatDuration(eta)}`;
  const barWidth = Math.max(10, Math.min(30, width - label.length - tail.length - 4));
  const filled = total > 0 ? Math.round((done / total) * barWidth) : barWidth;
  return `${label} [${'#'.repeat(filled)}${'-'.repeat(barWidth - filled)}]${tail}`;
}

export function createProgress(stream: ProgressStream = process.stderr, tty = stream.isTTY === true): Progress {
  let label = '';
  let total = 0;
  let done = 0;
  let started = 0;
  let active = false;
  let lastDraw = 0;
  const draw = (force: boolean) => {
    const now = Date.now();
    if (!force && now - lastDraw < 100) return;
    lastDraw = now;
    stream.write(`\r${renderBar(label, done, total, now - started, stream.columns ?? 80)}\x1b[K`);
  };
  return {
    step(message) {
      if (active && tty) stream.write('\n');
      active = false;
      stream.write(`import: ${message}\n`);
    },
    start(l, t) {
      label = l;
      total = t;
      done = 0;
      started = Date.now();
      active = true;
      if (tty) draw(true);
      else stream.write(`import: ${label} ${total} nodes and relationships\n`);
    },
    tick(n) {
      done += n;
      if (!active) return;
      if (tty) draw(false);
    },
    done() {
      if (!active) return;
      active = false;
      if (tty) {
        draw(true);
        stream.write('\n');
      } else {
        const ms = Date.now() - started;
        stream.write(`import: ${label}: ${done}/${total} in ${(ms / 1000).toFixed(1)} s (${Math.round((done * 1000) / Math.max(ms, 1))}/s)\n`);
      }
    },
  };
}

/** Progress that says nothing (tests, --quiet). */
export const silentProgress: Progress = { step() {}, start() {}, tick() {}, done() {} };
