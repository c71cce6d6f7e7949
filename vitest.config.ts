// Unit and integration tests; integration tests share one real, ephemeral Neo4j started by the global setup.
import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

// graphql 16 ships CJS (main) and ESM (module) builds without an exports map: Node loads the CJS one for
// graphql-yoga and @graphql-tools, Vite would pick the ESM one for our code. One instance, the CJS one, for all.
export const graphqlCjs = createRequire(import.meta.url).resolve('graphql');

export default defineConfig({
  root: '.',
  resolve: { alias: [{ find: /^graphql$/, replacement: graphqlCjs }] },
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    // One shared database: files run one after another so a test that reloads data never races a reader.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 240_000,
    reporters: ['default'],
  },
});
