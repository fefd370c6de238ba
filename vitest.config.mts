import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    // The offline Forge linter parses every source file and a 2.4 MB OpenAPI spec.
    testTimeout: 60_000,
  },
});
