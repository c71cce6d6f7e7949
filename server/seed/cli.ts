// `npm run seed`: validates seed/ and (re)loads it into the configured Neo4j; `--validate-only` stops after checking.
//
// Which Neo4j: NEO4J_URI (with NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE) when set, as `npm start` does.
// Otherwise the local one: the one `npm start` is running on 127.0.0.1:NEO4J_BOLT_PORT if it answers, else this
// command starts the local Neo4j on DATA_DIR itself, loads, and stops it again.
//   npm run seed -- [--validate-only] [--dir <seed dir>]
import { resolve } from 'node:path';
import { readSchemaStatements } from '../db/cypher.ts';
import { ConfigError, loadConfig, type Config } from '../config.ts';
import { connect, type Connection } from '../db/connect.ts';
import { Db } from '../db/db.ts';
import { LocalNeo4jError } from '../neo4j-local/launcher.ts';
import { loadSeed, SEED_DIR, SeedValidationError } from './load.ts';
import { formatProblems, readSeed, SeedReadError, validateSeed } from './validate.ts';

interface Args {
  validateOnly: boolean;
  dir: string;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { validateOnly: false, dir: SEED_DIR };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--validate-only') args.validateOnly = true;
    else if (a === '--dir' && argv[i + 1] !== undefined) args.dir = resolve(argv[++i] as string);
    else if (a === '--help' || a === '-h') {
      console.log('usage: npm run seed -- [--validate-only] [--dir <seed dir>]');
      process.exit(0);
    } else {
      console.error(`seed: unknown argument "${String(a)}" (try --help)`);
      process.exit(2);
    }
  }
  return args;
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const seed = readSeed(args.dir);
  const problems = validateSeed(seed);
  const nodes = Object.values(seed.nodes).reduce((n, list) => n + list.length, 0);
  const relationships = Object.values(seed.relationships).reduce((n, list) => n + list.length, 0);
  if (problems.length > 0) {
    console.error(`seed: ${args.dir} has ${problems.length} problem(s):\n${formatProblems(problems)}`);
    return 1;
  }
  console.log(`seed: ${args.dir} is valid (${nodes} nodes, ${relationships} relationships)`);
  if (args.validateOnly) return 0;

  const config = loadConfig();
  const connection = await open(config);
  const where = `${connection.db.uri} (database ${config.neo4jDatabase})`;
  try {
    await connection.db.runStatements(readSchemaStatements());
    const result = await loadSeed(connection.db, args.dir);
    console.log(`seed: loaded ${result.nodes} nodes and ${result.relationships} relationships into ${where} in ${result.ms} ms`);
    return 0;
  } catch (err) {
    if (err instanceof SeedValidationError) throw err;
    throw new Error(`loading into ${where} failed: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  } finally {
    await connection.close();
  }
}

/** NEO4J_URI when set; else the local Neo4j `npm start` is running, if it answers; else a local one started here. */
async function open(config: Config): Promise<Connection> {
  const log = (line: string) => console.error(line);
  if (config.neo4jUri !== undefined || config.neo4jBoltPort === 0) return connect(config, log);
  const running = new Db({ uri: `bolt://127.0.0.1:${config.neo4jBoltPort}`, database: config.neo4jDatabase, queryTimeoutMs: 30_000 });
  try {
    await running.driver.verifyConnectivity({ database: config.neo4jDatabase });
    return { db: running, local: undefined, close: () => running.close() };
  } catch {
    await running.close();
    log(`seed: no Neo4j answers on 127.0.0.1:${config.neo4jBoltPort}; starting the local one (set NEO4J_URI to use yours)`);
    return connect(config, log);
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof SeedReadError || err instanceof SeedValidationError || err instanceof ConfigError || err instanceof LocalNeo4jError)
      console.error(err.message);
    else console.error(`seed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
