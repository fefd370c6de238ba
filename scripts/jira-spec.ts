import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';

/**
 * Atlassian's published OpenAPI description of the Jira Cloud platform REST API (v3), the URL the
 * Forge CLI's own permission linter downloads (@forge/lint, permission-linter.js).
 */
export const JIRA_SPEC_URL = 'https://developer.atlassian.com/cloud/jira/platform/swagger-v3.v3.json';

/** The project's copy of that spec, gzipped; `npm run spec:refresh` replaces it with the published one. */
export const JIRA_SPEC_FILE = path.resolve(__dirname, '..', 'spec', 'jira-platform.openapi.json.gz');

/** The spec's text, as Atlassian published it. */
export const readJiraSpecText = (file: string = JIRA_SPEC_FILE): string => gunzipSync(readFileSync(file)).toString('utf8');

/** An OpenAPI document with no operations: stands in for the products the app never calls. */
const EMPTY_SPEC = JSON.stringify({ openapi: '3.0.1', info: { title: 'empty', version: '0' }, paths: {} });

/**
 * The spec and the empty stand-in as plain files in a fresh temporary folder, for tools that read a
 * spec only from a path (the Forge linter's LOCAL_*_SWAGGER variables).
 */
export const writeSpecFiles = (): { jira: string; empty: string } => {
  const dir = mkdtempSync(path.join(tmpdir(), 'flight-plan-spec-'));
  const files = { jira: path.join(dir, 'jira-platform.openapi.json'), empty: path.join(dir, 'empty.openapi.json') };
  writeFileSync(files.jira, readJiraSpecText());
  writeFileSync(files.empty, EMPTY_SPEC);
  return files;
};
