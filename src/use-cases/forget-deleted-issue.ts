import { storageKeys, type AppStore } from './ports';

/**
 * What the app keeps about one request, and no longer needs once Jira deleted it: its record, stage log, reminder
 * ledger, every page of its audit trail and any unreadable value kept for it. Read by key and by prefix, then deleted;
 * answers how many keys went. What the quarterly audit keeps by quarter (refusals, decisions, approvals) stays: it is
 * the quarter's account, bounded by the quarter, and names the request by key.
 */
export const forgetDeletedIssue = async (store: AppStore, issueId: string): Promise<number> => {
  const own = [storageKeys.record(issueId), storageKeys.stageLog(issueId), storageKeys.reminders(issueId)];
  const [stored, trail, keptRecords, keptLogs] = await Promise.all([
    store.getMany(own),
    store.list(storageKeys.auditPagesOf(issueId)),
    store.list(storageKeys.unreadableKeptOf(storageKeys.record(issueId))),
    store.list(storageKeys.unreadableKeptOf(storageKeys.stageLog(issueId))),
  ]);
  const keys = [...stored.keys(), ...trail.keys(), ...keptRecords.keys(), ...keptLogs.keys()];
  if (keys.length > 0) await store.deleteMany(keys);
  return keys.length;
};
