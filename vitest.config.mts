import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    environment: 'node',
    // The offline Forge linter parses every source file and a 2.4 MB OpenAPI spec.
    testTimeout: 60_000,
    // Only browser tests poll: the page, for what the sandbox's server did (a save, the badge's status asked again, a
    // transition's trigger). Under a fully loaded machine (the whole suite, load 7.5) the badge's QA count once took
    // more than 10 s to follow a save; 20 s is what the tests' longer waits already give.
    expect: { poll: { timeout: 20_000 } },
    // `npm test` runs with coverage: the pure domain keeps a floor (measured at 92 % statements, 85 % branches,
    // 89 % functions, 94 % lines from the domain tests alone). A glob key, as vitest reads threshold keys as globs.
    coverage: {
      provider: 'v8',
      include: ['src/**'],
      reporter: ['text-summary'],
      thresholds: { 'src/domain/**': { statements: 90, branches: 82, functions: 86, lines: 91 } },
    },
  },
});
