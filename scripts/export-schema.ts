// Writes schema.graphql: the whole API contract in one file for clients (codegen, notebooks, GraphiQL users).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { printSchemaFile } from '../server/schema/print.ts';

const out = join(import.meta.dirname, '..', 'schema.graphql');
writeFileSync(out, printSchemaFile());
console.log(`wrote ${out}`);
