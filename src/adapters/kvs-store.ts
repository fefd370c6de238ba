import { kvs } from '@forge/kvs';
import type { AppStore } from '../use-cases/ports';

/** App storage on Forge KVS. `batchGet` reads every key the caller needs in one round trip. */
export const kvsStore: AppStore = {
  async getMany(keys) {
    const result = await kvs.batchGet<unknown>(keys.map((key) => ({ key })));
    if (result.failedKeys.length > 0) {
      throw new Error(`app storage could not read ${result.failedKeys.map((failed) => failed.key).join(', ')}`);
    }
    return new Map(result.successfulKeys.map((item) => [item.key, item.value]));
  },
  set: (key, value) => kvs.set(key, value),
  async setMany(entries) {
    const result = await kvs.batchSet([...entries].map(([key, value]) => ({ key, value })));
    if (result.failedKeys.length > 0) {
      throw new Error(`app storage could not write ${result.failedKeys.map((failed) => failed.key).join(', ')}`);
    }
  },
};
