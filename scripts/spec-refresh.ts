/**
 * `npm run spec:refresh`: replaces the project's copy of Atlassian's Jira OpenAPI spec with the one
 * Atlassian publishes now. Review the change (`git diff --stat spec/`) and run the tests before committing it.
 */
import { renameSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { JIRA_SPEC_FILE, JIRA_SPEC_URL } from './jira-spec';

interface RefreshedSpec {
  readonly version: string;
  readonly operations: number;
  readonly bytes: number;
}

/** What makes a download the Jira platform spec and not an error page or a truncated body. */
const describeSpec = (text: string): { version: string; operations: number } | string => {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    return 'the answer is not JSON';
  }
  const { openapi, info, paths } = (document ?? {}) as {
    openapi?: unknown;
    info?: { version?: unknown };
    paths?: Record<string, object> | null;
  };
  if (typeof openapi !== 'string' || !openapi.startsWith('3.')) return 'the answer is not an OpenAPI 3 document';
  if (typeof paths !== 'object' || paths === null || !Object.keys(paths).some((route) => route.startsWith('/rest/api/3/')))
    return 'the document has no /rest/api/3/ operations';
  return {
    version: typeof info?.version === 'string' ? info.version : 'unknown',
    operations: Object.values(paths).reduce((sum, methods) => sum + Object.keys(methods).length, 0),
  };
};

/** Downloads the spec from `url` and writes it gzipped to `file` in one step (or not at all). */
export const refreshJiraSpec = async (url: string = JIRA_SPEC_URL, file: string = JIRA_SPEC_FILE): Promise<RefreshedSpec> => {
  const response = await fetch(url).catch((error: unknown) => {
    const cause = (error as { cause?: { message?: string } }).cause?.message ?? (error as Error).message;
    throw new Error(`could not reach ${url} (${cause}); the project's copy is unchanged`);
  });
  if (!response.ok) throw new Error(`${url} answered ${response.status} ${response.statusText}; the project's copy is unchanged`);
  const text = await response.text();
  const described = describeSpec(text);
  if (typeof described === 'string') throw new Error(`${url}: ${described}; the project's copy is unchanged`);
  // gzip at its highest level; Node writes no timestamp in the header, so the same spec gives the same bytes.
  const compressed = gzipSync(text, { level: 9 });
  const partial = `${file}.partial`;
  writeFileSync(partial, compressed);
  renameSync(partial, file);
  return { ...described, bytes: compressed.length };
};

if (require.main === module) {
  refreshJiraSpec(process.argv[2])
    .then(({ version, operations, bytes }) =>
      console.log(
        `Jira OpenAPI spec ${version}: ${operations} operations, ${Math.round(bytes / 1024)} KiB gzipped, written to ${JIRA_SPEC_FILE}`,
      ),
    )
    .catch((error: unknown) => {
      console.error(`spec:refresh: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
    });
}
