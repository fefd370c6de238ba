import { existsSync } from 'node:fs';
import path from 'node:path';

/** Atlassian's Jira OpenAPI spec and the empty stand-in, beside the project at ../shared/jira/. */
export const SHARED_JIRA_DIR = path.resolve(__dirname, '..', '..', 'shared', 'jira');
export const JIRA_SPEC_PATH = path.join(SHARED_JIRA_DIR, 'jira-platform.openapi.json');
export const EMPTY_SPEC_PATH = path.join(SHARED_JIRA_DIR, 'empty.openapi.json');

export const sharedSpecAvailable = (): boolean => existsSync(JIRA_SPEC_PATH) && existsSync(EMPTY_SPEC_PATH);

/** Why spec-based checks cannot run in a clone without ../shared (CI always has it). */
export const MISSING_SPEC_MESSAGE = `Atlassian's Jira OpenAPI spec is not at ${JIRA_SPEC_PATH}: spec-based checks did not run. Place the project beside its shared/ folder to run them.`;
