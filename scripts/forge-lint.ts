/**
 * Runs the Forge CLI's linters offline (manifest schema, handlers, permissions against Atlassian's
 * OpenAPI spec, the project's copy in spec/) through @forge/lint, as `forge lint` would, without an Atlassian login.
 * `npm run lint:forge` prints the report; the manifest test asserts zero errors and zero warnings.
 */
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { lint, problemCount, reportLintResults } from '@forge/lint';
import { parse } from 'yaml';
import { writeSpecFiles } from './jira-spec';

const ROOT = path.resolve(__dirname, '..');

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? sourceFiles(full) : /\.(ts|tsx|js)$/.test(name) ? [full] : [];
  });

/** The linters ask feature flags of this client; offline, only the deprecated-runtime list matters. */
const offlineStatsig = new Proxy(
  {},
  {
    get: (_, name) =>
      name === 'getDeprecatedRuntimes' ? () => Promise.resolve(['nodejs18.x', 'nodejs20.x']) : () => Promise.resolve(false),
  },
);

interface ForgeLintReport {
  readonly errors: number;
  readonly warnings: number;
  readonly lines: readonly string[];
}

export const runForgeLint = async (): Promise<ForgeLintReport> => {
  // The permission linter reads the specs from files named here instead of downloading them.
  const specs = writeSpecFiles();
  Object.assign(process.env, {
    USE_LOCAL_SWAGGER: '1',
    LOCAL_JIRA_SWAGGER: specs.jira,
    LOCAL_JSM_SWAGGER: specs.empty,
    LOCAL_JSW_SWAGGER: specs.empty,
    LOCAL_CONF_SWAGGER: specs.empty,
    LOCAL_CONF_V2_SWAGGER: specs.empty,
    LOCAL_BB_SWAGGER: specs.empty,
  });
  try {
    const manifest = parse(readFileSync(path.join(ROOT, 'manifest.yml'), 'utf8')) as Parameters<typeof lint>[1];
    const lines: string[] = [];
    const logger = { info: (message: string) => void lines.push(message) };
    const results = await lint(sourceFiles(path.join(ROOT, 'src')), manifest, 'development', logger, offlineStatsig as never, {
      linter: { mode: 'client-side' },
    });
    reportLintResults(logger, results);
    const count = problemCount(results);
    return { errors: count.errors, warnings: count.warnings, lines };
  } finally {
    rmSync(path.dirname(specs.jira), { recursive: true, force: true });
  }
};

if (require.main === module) {
  runForgeLint()
    .then((report) => {
      console.log(report.lines.join('\n'));
      console.log(`forge lint (offline): ${report.errors} errors, ${report.warnings} warnings`);
      process.exitCode = report.errors + report.warnings > 0 ? 1 : 0;
    })
    .catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    });
}
