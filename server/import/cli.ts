// `npm run import -- <format> <file...> [--dry-run] [--vendor <id>] [--encoding <enc>] [--strict] [--rejects <file>]`
//
// Connects like `npm start` (NEO4J_URI, or the local Neo4j under DATA_DIR; the seed is loaded into an empty
// database), imports each file in its own all-or-nothing transaction and prints a summary. Exit 0 on success;
// 1 when a file failed (or, with --strict, had a rejected row); 2 on a usage error.
import { appendFileSync, existsSync, statSync, writeFileSync } from 'node:fs';
import { ConfigError, loadConfig } from '../config.ts';
import { connect, type Connection } from '../db/connect.ts';
import { LocalNeo4jError } from '../neo4j-local/launcher.ts';
import { isDatabaseEmpty, loadSeed } from '../seed/load.ts';
import { describeReject, n, parseArgs, summaryLines, USAGE, UsageError, type CliArgs } from './cli-args.ts';
import { createProgress } from './progress.ts';
import { importFile, type ImportResult } from './run.ts';

async function main(): Promise<number> {
  let args: CliArgs | 'help';
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`import: ${err.message}\n\n${USAGE}`);
      return 2;
    }
    throw err;
  }
  if (args === 'help') {
    console.log(USAGE);
    return 0;
  }
  const missing = args.files.filter((f) => !existsSync(f) || !statSync(f).isFile());
  if (missing.length > 0) {
    console.error(`import: no such file: ${missing.join(', ')}`);
    return 2;
  }
  const config = loadConfig();
  const log = (line: string) => console.error(line);
  const connection: Connection = await connect(config, log);
  let interrupted = false;
  const onSignal = (signal: string) => {
    if (interrupted) return;
    interrupted = true;
    // Closing the connection abandons the open transaction: the server rolls it back.
    console.error(`\nimport: ${signal}: stopping; the file being imported is rolled back`);
    void connection.close().finally(() => process.exit(130));
  };
  process.once('SIGINT', () => onSignal('SIGINT'));
  process.once('SIGTERM', () => onSignal('SIGTERM'));

  const delay = Number(process.env.HCG_IMPORT_DELAY_BEFORE_COMMIT_MS ?? 0) || undefined;
  const progress = createProgress();
  const results: ImportResult[] = [];
  try {
    if (config.seedOnEmpty && (await isDatabaseEmpty(connection.db))) {
      log('seed: the database is empty; loading seed/ first (as npm start would) …');
      const seeded = await loadSeed(connection.db);
      log(`seed: loaded ${seeded.nodes} nodes and ${seeded.relationships} relationships in ${seeded.ms} ms`);
    }
    if (args.rejects) writeFileSync(args.rejects, '');
    for (const path of args.files) {
      const result = await importFile(connection.db, path, {
        format: args.format,
        dryRun: args.dryRun,
        strict: args.strict,
        vendor: args.vendor,
        encoding: args.encoding,
        progress,
        delayBeforeCommitMs: delay,
      });
      results.push(result);
      const shown = result.rejects.slice(0, 20);
      for (const r of shown) console.error(`import: ${describeReject(result.file, r)}`);
      if (result.rejects.length > shown.length) console.error(`import: … and ${result.rejects.length - shown.length} more rejected rows${args.rejects ? ` (all in ${args.rejects})` : ' (use --rejects <file> for all)'}`);
      if (args.rejects && result.rejects.length > 0) {
        appendFileSync(args.rejects, result.rejects.map((r) => JSON.stringify({ file: result.file, line: r.line, at: r.at, reason: r.reason, record: r.record })).join('\n') + '\n');
      }
      for (const line of summaryLines(result)) console.log(`import: ${line}`);
    }
  } finally {
    await connection.close();
  }
  if (results.length > 1) {
    const sum = (f: (r: ImportResult) => number) => results.reduce((a, r) => a + f(r), 0);
    const ms = sum((r) => r.ms);
    console.log(
      `import: total ${results.length} files: ${n(sum((r) => r.rowsRead))} rows read, ${n(sum((r) => r.rejects.length))} rejected; ` +
        `entities ${n(sum((r) => r.nodes.created))} created / ${n(sum((r) => r.nodes.matched))} matched / ${n(sum((r) => r.nodes.updated))} updated; ` +
        `relationships ${n(sum((r) => r.relationships.created))} created; ${(ms / 1000).toFixed(1)} s, ${n(Math.round(sum((r) => r.rowsRead) / Math.max(ms / 1000, 0.001)))} rows/s; ` +
        `${results.filter((r) => r.error).length} failed`,
    );
  }
  const failed = results.some((r) => r.error !== undefined || (args.strict && r.rejects.length > 0));
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof ConfigError || err instanceof LocalNeo4jError) console.error(err.message);
    else console.error(`import: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
