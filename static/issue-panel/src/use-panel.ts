import { useCallback, useEffect, useRef, useState } from 'react';
import type { CommandKey } from './api';
import { onIssueChanged, readPanel, runCommand, type PanelView } from './api';

export type PanelState =
  | { readonly status: 'loading' }
  | { readonly status: 'failed'; readonly message: string }
  | { readonly status: 'ready'; readonly view: PanelView };

export interface SaveOutcome {
  readonly ok: boolean;
  readonly message?: string;
}

/**
 * The panel's data: loads the view, reloads when Jira says the issue changed, and runs commands
 * with the revision the user saw (a stale one is refused by the server, not silently merged).
 */
export const usePanel = () => {
  const [state, setState] = useState<PanelState>({ status: 'loading' });
  const [saving, setSaving] = useState<CommandKey | null>(null);
  const [warnings, setWarnings] = useState<readonly string[]>([]);
  const revision = useRef<number | undefined>(undefined);

  const load = useCallback(async () => {
    try {
      const answer = await readPanel();
      if (answer.ok) {
        revision.current = answer.data.record.revision;
        setState({ status: 'ready', view: answer.data });
      } else {
        setState({ status: 'failed', message: answer.error.message });
      }
    } catch (error) {
      setState({ status: 'failed', message: error instanceof Error ? error.message : 'the Flight Plan could not be loaded' });
    }
  }, []);

  useEffect(() => {
    void load();
    const subscription = onIssueChanged(() => void load());
    return () => {
      void subscription.then((sub) => sub.unsubscribe());
    };
  }, [load]);

  const save = useCallback(async (key: CommandKey, payload: Record<string, unknown>): Promise<SaveOutcome> => {
    setSaving(key);
    try {
      const answer = await runCommand(key, { ...payload, expectedRevision: revision.current });
      if (!answer.ok) return { ok: false, message: answer.error.message };
      revision.current = answer.data.record.revision;
      setState({ status: 'ready', view: answer.data });
      setWarnings(answer.data.warnings);
      return { ok: true };
    } catch (error) {
      return { ok: false, message: error instanceof Error ? error.message : 'the change could not be saved' };
    } finally {
      setSaving(null);
    }
  }, []);

  return { state, saving, warnings, save, reload: load };
};

export type Save = ReturnType<typeof usePanel>['save'];
