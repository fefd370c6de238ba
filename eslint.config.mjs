// ESLint: typescript-eslint's strict type-checked rules over every TypeScript file of the app, the sandbox,
// the tests and the scripts. Type information comes from the two projects `npm run typecheck` checks.
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      'coverage/**',
      'node_modules/**',
      '.sandbox-data/**',
      'sandbox/shell/bridge-shim.js',
      '.dependency-cruiser.cjs',
    ],
  },
  eslint.configs.recommended,
  tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        project: ['./tsconfig.json', './tsconfig.ui.json', './tsconfig.tools.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // `const { tier: _tier, ...rest } = record` leaves a property out on purpose.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      // Numbers in messages read as numbers; everything else must be made a string on purpose.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      // `onClick={() => setOpen(false)}` returns nothing anyone reads; elsewhere a void value must not be used.
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
      // A switch over a union must name every member or say what happens by default: without a default,
      // a new stage, tier or code is a lint error wherever it is not handled yet.
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
    },
  },
  {
    // The sandbox and the test fakes stand in for Forge's and Jira's asynchronous APIs with code that has nothing
    // to wait for: `async` keeps a thrown error a rejected promise, as the real API's is. The sandbox keeps Jira's
    // and Forge's state (and the test fakes theirs) as plain JSON records, so removing an entry is deleting its key.
    files: ['sandbox/**', 'test/**', 'bench/**'],
    rules: { '@typescript-eslint/require-await': 'off' },
  },
  {
    files: ['sandbox/**', 'test/**'],
    rules: { '@typescript-eslint/no-dynamic-delete': 'off' },
  },
  {
    // In a test, a missing value dereferenced through `!` fails the test at that line, which is the point; vitest's
    // asymmetric matchers (`expect.stringContaining`, …) are typed `any`, and parsed output of the wrong shape fails
    // the assertion that reads it; test doubles stand in for classes with the part of them a test uses.
    files: ['test/**'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-class-instance-assignment': 'off',
    },
  },
  {
    files: ['**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
  },
);
