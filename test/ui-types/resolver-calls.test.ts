import { describe, expectTypeOf, it } from 'vitest';
import type { callAdmin } from '../../static/admin/src/api';
import type { callGadgets } from '../../static/gadgets/src/api';
import type { callPanel, CommandFields, CommandKey } from '../../static/issue-panel/src/api';
import type { PanelView } from '../../src/contracts/views/panel';

/**
 * The Custom UI's half of the typed resolver contract, compiled with the UI's own TypeScript settings
 * (`tsconfig.ui.json`, where `@forge/bridge`'s `makeInvoke` is fully typed): each `@ts-expect-error` below is a
 * call the compiler must refuse. Were the contract not enforced, the directive would be unused and
 * `npm run typecheck` would fail on it. Nothing here runs a resolver: the calls sit in functions never called.
 */
describe("the Custom UI's calls to its resolver", () => {
  it('refuse a key, a payload or an error code the server does not have', () => {
    const calls = async (panel: typeof callPanel, admin: typeof callAdmin, gadgets: typeof callGadgets) => {
      // @ts-expect-error a renamed key: the panel has record/get, not record/fetch
      await panel('record/fetch', {});
      // @ts-expect-error an admin key called from the panel
      await panel('config/get', {});
      // @ts-expect-error a tier the contract does not have
      await panel('triage/set-tier', { tier: 'premium', expectedRevision: 0 });
      // @ts-expect-error the revision is required on every write
      await panel('triage/set-tier', { tier: 'revenue' });
      // @ts-expect-error people/search sends a query, not a name
      await panel('people/search', { name: 'casey' });
      // @ts-expect-error a payload the resolver does not take
      await panel('record/get', { issueId: '10001' });
      // @ts-expect-error the configuration is a configuration, not a string
      await admin('config/save', { config: 'all of it', expectedRevision: 0 });
      // @ts-expect-error a dependency is added by the blocker's key; a link id is what removing takes
      await panel('dependency/add', { linkId: '10000' });
      // @ts-expect-error a kind of report the import does not read
      await admin('crm/preview', { csv: 'campaign,date', format: 'excel' });
      // @ts-expect-error the edit view checks a JQL query, sent as jql
      await gadgets('jql/check', { query: 'project = MKT' });

      const answer = await panel('record/get');
      if (answer.ok) expectTypeOf(answer.data).toEqualTypeOf<PanelView>();
      // @ts-expect-error CONFIG.STALE is the admin page's code, never record/get's
      else if (answer.error.code === 'CONFIG.STALE') return;
      const saved = await admin('config/save', { config: {} as never, expectedRevision: 0 });
      if (!saved.ok && saved.error.code === 'CONFIG.STALE') return;
    };
    expectTypeOf(calls).toBeFunction();
  });

  it("type the panel's forms by the write they send, without the revision the panel adds", () => {
    expectTypeOf<'record/get'>().not.toExtend<CommandKey>();
    expectTypeOf<'people/search'>().not.toExtend<CommandKey>();
    expectTypeOf<'triage/set-tier' | 'template/apply' | 'template/save'>().toExtend<CommandKey>();
    expectTypeOf<CommandFields<'triage/set-tier'>>().toEqualTypeOf<{
      tier: 'low-risk' | 'revenue' | 'regulated';
      reason?: string | undefined;
    }>();
  });
});
