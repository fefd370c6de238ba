import { invoke } from '../../shared/invoke';
import type { Envelope } from '../../../src/contracts/resolver-contract';
import type { AppConfig } from '../../../src/domain/app-config';
import type { AdminConfigView, RecordReset } from '../../../src/contracts/views/admin';

export type { AdminConfigView, AppConfig };

export const loadConfig = (): Promise<Envelope<AdminConfigView>> => invoke<Envelope<AdminConfigView>>('config/get');
export const saveConfig = (config: AppConfig, expectedRevision: number): Promise<Envelope<AdminConfigView>> =>
  invoke<Envelope<AdminConfigView>>('config/save', { config, expectedRevision });
export const resetRecord = (issueKey: string): Promise<Envelope<RecordReset>> =>
  invoke<Envelope<RecordReset>>('record/reset', { issueKey });
