import { events, view } from '@forge/bridge';
import { useCallback, useEffect, useState } from 'react';
import type { Envelope } from '../../../src/contracts/resolver-contract';
import { isRefreshForGadget } from './refresh-event';
import { scalarText } from '../../../src/contracts/scalar-text';

export type GadgetState<T> =
  | { readonly status: 'loading' }
  | { readonly status: 'failed'; readonly code: string; readonly message: string }
  | { readonly status: 'ready'; readonly data: T };

/** Loads a gadget's view, again when Jira's refresh button means this gadget, and on demand (`reload`). */
export const useGadget = <T>(load: (fresh: boolean) => Promise<Envelope<T>>) => {
  const [state, setState] = useState<GadgetState<T>>({ status: 'loading' });
  const reload = useCallback(
    async (fresh = false) => {
      try {
        const answer = await load(fresh);
        setState(
          answer.ok ? { status: 'ready', data: answer.data } : { status: 'failed', code: answer.error.code, message: answer.error.message },
        );
      } catch (error) {
        setState({
          status: 'failed',
          code: 'BRIDGE.FAILED',
          message: error instanceof Error ? error.message : 'the gadget could not load',
        });
      }
    },
    [load],
  );
  useEffect(() => {
    void reload();
    const subscription = events.on('JIRA_DASHBOARD_GADGET_REFRESH', async (payload: unknown) => {
      const context = (await view.getContext()) as { extension?: { gadget?: { id?: unknown } } };
      const gadgetId = context.extension?.gadget?.id;
      if (isRefreshForGadget(payload, gadgetId === undefined ? undefined : scalarText(gadgetId))) await reload(true);
    });
    return () => {
      void subscription.then((sub) => sub.unsubscribe());
    };
  }, [reload]);
  return { state, reload };
};
