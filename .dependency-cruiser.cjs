/**
 * The layer rules of ARCHITECTURE.md, checked by dependency-cruiser in `npm test` (`npm run lint:layers`).
 * A rule broken is a failed build: move the code to the layer it belongs in rather than adding an exception.
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: 'domain-imports-only-domain',
      comment: 'src/domain is the pure core: no Forge, no zod, no Node, no I/O. It imports only itself.',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { pathNot: '^src/domain/' },
    },
    {
      name: 'contracts-import-only-domain-and-zod',
      comment: 'src/contracts are the shapes that cross a boundary: they build on the domain and zod, nothing that runs I/O.',
      severity: 'error',
      from: { path: '^src/contracts/' },
      to: { pathNot: ['^src/(contracts|domain)/', '(^|/)node_modules/zod/'] },
    },
    {
      name: 'use-cases-never-import-adapters-or-handlers',
      comment: 'Use cases call the ports beside them (jira-port.ts, setup-port.ts, ports.ts); the handlers pass the adapters in.',
      severity: 'error',
      from: { path: '^src/use-cases/' },
      to: { path: ['^src/(adapters|handlers|cli)/', '^src/index\\.ts$', '(^|/)node_modules/@forge/'] },
    },
    {
      name: 'only-handlers-wire-adapters',
      comment: 'Inside src, only the handlers (and other adapters) import an adapter: the wiring happens in one place.',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/handlers/', '^src/adapters/'] },
      to: { path: '^src/adapters/' },
    },
    {
      name: 'adapters-implement-ports-only',
      comment: 'An adapter implements a port: from src/use-cases it imports the port files, never a use case.',
      severity: 'error',
      from: { path: '^src/adapters/' },
      to: { path: ['^src/use-cases/', '^src/handlers/'], pathNot: '^src/use-cases/(ports|jira-port|setup-port)\\.ts$' },
    },
    {
      name: 'forge-platform-only-in-adapters-and-handlers',
      comment: 'Forge server packages (@forge/api, kvs, events, resolver) are reached through adapters, wired by handlers.',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/adapters/', '^src/handlers/'] },
      to: { path: '(^|/)node_modules/@forge/' },
    },
    {
      name: 'cli-imports-only-domain-contracts-and-node',
      comment:
        'src/cli is the `npm run metrics` command: it reads an export file with the pure domain, the contracts, zod and ' +
        'Node built-ins. It never reaches Forge, a use case, an adapter or a handler, which need the platform.',
      severity: 'error',
      from: { path: '^src/cli/' },
      to: { pathNot: ['^src/(cli|contracts|domain)/', '(^|/)node_modules/zod/'], dependencyTypesNot: ['core'] },
    },
    {
      name: 'nothing-imports-the-cli',
      comment: 'The CLI is an entry point of its own (bundled by esbuild): the app and the Custom UI never import it.',
      severity: 'error',
      from: { path: '^(src|static)/', pathNot: '^src/cli/' },
      to: { path: '^src/cli/' },
    },
    {
      name: 'custom-ui-imports-contracts-domain-and-its-own-code',
      comment:
        'A Custom UI app imports the contracts (resolver keys, payloads, views) and the pure domain (labels, checks it shows as ' +
        'you type), static/shared and its own folder: never a use case, adapter or handler, which run on the server.',
      severity: 'error',
      from: { path: '^static/([^/]+)/' },
      to: {
        pathNot: ['^static/$1/', '^static/shared/', '^src/(contracts|domain)/', '(^|/)node_modules/'],
      },
    },
    {
      name: 'custom-ui-no-server-forge-packages',
      comment:
        'The browser reaches the app through @forge/bridge only, and Jira through @forge/jira-bridge (Custom UI bridge APIs ' +
        "such as CreateIssueModal, which opens Jira's Create dialog); never a server package.",
      severity: 'error',
      from: { path: '^static/' },
      to: { path: '(^|/)node_modules/@forge/', pathNot: '(^|/)node_modules/@forge/(bridge|jira-bridge)/' },
    },
    {
      name: 'production-code-never-imports-tests-or-sandbox',
      comment: 'src and static ship; test/, sandbox/, bench/ and scripts/ do not.',
      severity: 'error',
      from: { path: '^(src|static)/' },
      to: { path: '^(test|sandbox|bench|scripts)/' },
    },
    {
      name: 'no-circular',
      comment:
        'A cycle of imports that run means two modules are one: merge them, or move what both need to a third. ' +
        'Cycles through type-only imports are erased at compile time and allowed (app-config names the ApprovalPaths type).',
      severity: 'error',
      from: { path: '^(src|static)/' },
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'An import that resolves to nothing is a typo or a missing dependency.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['(^|/)dist/', '\\.d\\.ts$'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      // @forge/jira-bridge names its entry only as `browser` (it runs in Custom UI frames).
      mainFields: ['main', 'browser'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.mts', '.js', '.mjs', '.cjs', '.json'],
    },
  },
};
