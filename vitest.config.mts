import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    // The offline Forge linter parses every source file and a 2.4 MB OpenAPI spec.
    testTimeout: 60_000,
    // Browser tests poll the page for what the app did; a slower CI machine gets more than vitest's 1 s.
    expect: { poll: { timeout: 10_000 } },
  },
});
