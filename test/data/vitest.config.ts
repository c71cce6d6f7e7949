// Opt-in suite (`npm run test:data`): imports every real file under ../shared/data into its own ephemeral Neo4j
// (schema + seed first) and checks the counts the dataset READMEs give. Skips, saying so, when the data is absent.
import { defineConfig } from 'vitest/config';
import { graphqlCjs } from '../../vitest.config.ts';

export default defineConfig({
  root: '.',
  // One graphql instance for our code and yoga's (see vitest.config.ts).
  resolve: { alias: [{ find: /^graphql$/, replacement: graphqlCjs }] },
  test: {
    include: ['test/data/**/*.test.ts'],
    globalSetup: ['test/data/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 600_000,
    hookTimeout: 600_000,
    reporters: ['default'],
  },
});
