// Browser scenarios: one real server (its own Neo4j and seed) for the run, headless Chromium with software WebGL.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: '.',
  test: {
    include: ['test/e2e/**/*.test.ts'],
    globalSetup: ['test/e2e/global-setup.ts'],
    // One server and one CPU-bound browser at a time: software WebGL is slow, parallel files only fight for cores.
    fileParallelism: false,
    testTimeout: 240_000,
    hookTimeout: 300_000,
    reporters: ['default'],
  },
});
