// `npm run seed`: validates seed/ and (re)loads it into the configured Neo4j; `--validate-only` stops after checking.
//
//   NEO4J_URI (default bolt://127.0.0.1:7687), NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE (default neo4j)
//   npm run seed -- [--validate-only] [--dir <seed dir>]
import { resolve } from 'node:path';
import { readSchemaStatements } from '../db/cypher.ts';
import { Db } from '../db/db.ts';
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

  const env = process.env;
  const uri = env.NEO4J_URI?.trim() || 'bolt://127.0.0.1:7687';
  const database = env.NEO4J_DATABASE?.trim() || 'neo4j';
  const db = new Db({ uri, username: env.NEO4J_USERNAME?.trim() || undefined, password: env.NEO4J_PASSWORD, database, queryTimeoutMs: 30_000 });
  try {
    await db.runStatements(readSchemaStatements());
    const result = await loadSeed(db, args.dir);
    console.log(`seed: loaded ${result.nodes} nodes and ${result.relationships} relationships into ${uri} (database ${database}) in ${result.ms} ms`);
    return 0;
  } catch (err) {
    if (err instanceof SeedValidationError) throw err;
    throw new Error(`loading into ${uri} (database ${database}) failed: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  } finally {
    await db.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof SeedReadError || err instanceof SeedValidationError) console.error(err.message);
    else console.error(`seed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
