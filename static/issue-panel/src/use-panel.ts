import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { badgeStatusOf } from '../../../src/domain/badge-status';
import { focusPlace, forgetSaveOutcomes, restoreFocus } from './panel-memory';
import {
  announceRecordChanged,
  onIssueChanged,
  onRecordChanged,
  readPanel,
  refreshIssueView,
  runCommand,
  type CommandFields,
  type CommandKey,
  type PanelView,
} from './api';

type PanelState =
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
const badgeStatusText = (view: PanelView): string => JSON.stringify(badgeStatusOf(view.evaluation.summary));

export const usePanel = () => {
  const [state, setState] = useState<PanelState>({ status: 'loading' });
  const [saving, setSaving] = useState<CommandKey | null>(null);
  const [warnings, setWarnings] = useState<readonly string[]>([]);
  const revision = useRef<number | undefined>(undefined);
  /** The status the collapsed badge shows for the view last loaded or saved. */
  const badgeStatus = useRef<string | null>(null);
  /**
   * Keeps the collapsed badge in step with a view just loaded or saved: only a change the badge would show is worth
   * Jira fetching the issue view again. A reload counts too — a dependency added or removed changes the gate through
   * an issue link, not through a save of the record.
   */
  const followBadge = useCallback((view: PanelView) => {
    const status = badgeStatusText(view);
    if (badgeStatus.current !== null && status !== badgeStatus.current) void refreshIssueView();
    badgeStatus.current = status;
  }, []);

  const load = useCallback(async () => {
    try {
      const answer = await readPanel();
      if (answer.ok) {
        if (revision.current !== undefined && revision.current !== answer.data.record.revision) forgetSaveOutcomes();
        revision.current = answer.data.record.revision;
        followBadge(answer.data);
        setState({ status: 'ready', view: answer.data });
      } else {
        setState({ status: 'failed', message: answer.error.message });
      }
    } catch (error) {
      setState({ status: 'failed', message: error instanceof Error ? error.message : 'the Flight Plan could not be loaded' });
    }
  }, [followBadge]);

  useEffect(() => {
    void load();
    const subscription = onIssueChanged(() => void load());
    // Another module of the app (the panel) saved a revision this one has not seen: reload it.
    const recordChanged = onRecordChanged((changed) => {
      if (changed !== revision.current) void load();
    });
    return () => {
      void subscription.then((sub) => sub.unsubscribe());
      void recordChanged.then((sub) => sub.unsubscribe());
    };
  }, [load]);

  /** Where keyboard focus was when a save began, put back once its answer has re-rendered the panel. */
  const focusBeforeSave = useRef<ReturnType<typeof focusPlace>>(null);
  useLayoutEffect(() => {
    if (saving !== null) return;
    restoreFocus(focusBeforeSave.current);
    focusBeforeSave.current = null;
  }, [state, saving]);

  /** Shows the view a write answered with, and tells the badge: no second read for what the save already said. */
  const adopt = useCallback(
    (view: PanelView) => {
      revision.current = view.record.revision;
      setState({ status: 'ready', view });
      void announceRecordChanged(view.record.revision);
      followBadge(view);
      setWarnings(view.warnings);
    },
    [followBadge],
  );

  const save = useCallback(
    async <Key extends CommandKey>(key: Key, fields: CommandFields<Key>): Promise<SaveOutcome> => {
      // The forms show only once the view (and so its revision) has loaded.
      if (revision.current === undefined) return { ok: false, message: 'the Flight Plan has not loaded yet' };
      focusBeforeSave.current = focusPlace();
      setSaving(key);
      try {
        const answer = await runCommand(key, fields, revision.current);
        if (!answer.ok) return { ok: false, message: answer.error.message };
        adopt(answer.data);
        return { ok: true };
      } catch (error) {
        return { ok: false, message: error instanceof Error ? error.message : 'the change could not be saved' };
      } finally {
        setSaving(null);
      }
    },
    [adopt],
  );

  return { state, saving, warnings, save, adopt, reload: load };
};

export type Save = ReturnType<typeof usePanel>['save'];
