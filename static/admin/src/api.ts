import { makeInvoke } from '@forge/bridge';
import type { ForgeDefinitions } from '../../../src/contracts/resolver-contract';
import type { ADMIN } from '../../../src/contracts/resolvers';
import type { AppConfig } from '../../../src/domain/app-config';
import type { AdminConfigView } from '../../../src/contracts/views/admin';

export type { AdminConfigView, AppConfig };

/**
 * The admin page's one way to its resolver: `@forge/bridge`'s `invoke`, typed by the resolver contract
 * (`src/contracts/resolvers.ts`), so a key, payload or answer the server does not have is a type error here.
 */
export const callAdmin = makeInvoke<ForgeDefinitions<typeof ADMIN>>();

export const loadConfig = () => callAdmin('config/get');
export const saveConfig = (config: AppConfig, expectedRevision: number) => callAdmin('config/save', { config, expectedRevision });
export const searchPeople = (query: string) => callAdmin('people/search', { query });
export const resetRecord = (issueKey: string) => callAdmin('record/reset', { issueKey });
