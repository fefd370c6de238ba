import { makeResolver } from '@forge/resolver';
import { describe, expect, expectTypeOf, it, vi } from 'vitest';
import type { Envelope, ErrorCodeOf, ForgeDefinitions } from '../../src/contracts/resolver-contract';
import { ADMIN, GADGETS, NEW_REQUEST, PANEL } from '../../src/contracts/resolvers';
import type { PanelView } from '../../src/contracts/views/panel';
import { adminResolver } from '../../src/handlers/resolvers/admin.resolver';
import { gadgetHandlers, gadgetsResolver } from '../../src/handlers/resolvers/gadgets.resolver';
import type { GadgetRuntimeDeps } from '../../src/adapters/forge-runtime';
import { issuePanelResolver, panelHandlers } from '../../src/handlers/resolvers/issue-panel.resolver';
import { resolverHandlers } from '../../src/handlers/resolvers/answer';
import { newRequestResolver } from '../../src/handlers/resolvers/new-request.resolver';
import { failure, ok } from '../../src/domain/result';

/**
 * The server's half of the typed resolver contract (`src/contracts/resolvers.ts`): the resolver Forge runs is built
 * from the contract's map, each payload is parsed with the key's schema before any use case runs, and a use case that
 * drifts from the contract does not compile. The Custom UI's half is `test/ui-types/resolver-calls.test.ts`.
 */

/** Forge's invocation of a resolver function (`@forge/resolver` 2.0.1 `getDefinitions`): the key and payload in `call`. */
const invocation = (functionKey: string, payload?: unknown) => ({ call: { functionKey, payload }, context: {} });

describe('the resolver functions the manifest names', () => {
  it.each([
    ['panel', issuePanelResolver, PANEL],
    ['admin page', adminResolver, ADMIN],
    ['gadgets', gadgetsResolver, GADGETS],
    ['New marketing request page', newRequestResolver, NEW_REQUEST],
  ] as const)(
    'define every key of the %s contract, each answering outside its module with the context refusal',
    async (_, definitions, app) => {
      for (const key of Object.keys(app.resolvers)) {
        // No account and no extension: the call comes from outside the module, and nothing else is looked at.
        expect({ key, answer: await definitions(invocation(key, { anything: true })) }).toEqual({
          key,
          answer: { ok: false, error: app.wrongContext },
        });
      }
      await expect(definitions(invocation('no/such-key'))).rejects.toThrow("Resolver has no definition for 'no/such-key'");
    },
  );
});

describe('resolvers built from the contract', () => {
  const context = { accountId: 'acc-1', extension: { issue: { id: '10001' } } };

  it('parse the payload with the key’s schema before the use case runs, refusing it in plain words', async () => {
    const readPanel = vi.fn(() => Promise.resolve(failure('PERMISSION.DENIED', 'never reached')));
    const handlers = resolverHandlers<typeof PANEL, string>(PANEL, () => 'caller', {
      ...unreachableUseCases(),
      'triage/set-tier': readPanel,
    });
    expect(await handlers['triage/set-tier']({ payload: { tier: 'premium', expectedRevision: 0 }, context })).toEqual({
      ok: false,
      error: { code: 'PAYLOAD.INVALID', message: 'Tier: is not one of the choices' },
    });
    expect(await handlers['triage/set-tier']({ payload: { tier: 'revenue' }, context })).toMatchObject({
      ok: false,
      error: { code: 'PAYLOAD.INVALID', message: 'the revision you opened is required, so a change made since is not overwritten' },
    });
    expect(readPanel).not.toHaveBeenCalled();
  });

  it("parse the gadget edit view's JQL check with its schema, so the use case gets only a query's text", async () => {
    const jqlProblems = vi.fn((jql: string) => Promise.resolve(ok([`checked ${jql}`])));
    const handlers = gadgetHandlers(() => ({ jiraAsUser: { jqlProblems } }) as unknown as GadgetRuntimeDeps);
    const gadget = { accountId: 'acc-1', extension: { gadgetConfiguration: {} } };
    expect(await handlers['jql/check']({ payload: { jql: 42 }, context: gadget })).toEqual({
      ok: false,
      error: { code: 'PAYLOAD.INVALID', message: 'the JQL must be text' },
    });
    expect(await handlers['jql/check']({ payload: { jql: '   ' }, context: gadget })).toEqual({
      ok: false,
      error: { code: 'PAYLOAD.INVALID', message: 'write a JQL query' },
    });
    expect(jqlProblems).not.toHaveBeenCalled();
    expect(await handlers['jql/check']({ payload: { jql: ' project = MKT ' }, context: gadget })).toEqual({
      ok: true,
      data: { problems: ['checked project = MKT'] },
    });
  });

  it('hand the use case the parsed payload (trimmed, defaults filled) and the caller from the context', async () => {
    const searchPeople = vi.fn((caller: string, payload: { query: string }) =>
      Promise.resolve(ok([{ accountId: `${caller}:${payload.query}`, displayName: 'Casey' }])),
    );
    const readTrail = vi.fn((_: string, payload: { page: number }) =>
      Promise.resolve(ok({ entries: [], page: payload.page, hasOlder: false, people: {} })),
    );
    const handlers = resolverHandlers<typeof PANEL, string>(PANEL, (raw) => (raw as { accountId?: string }).accountId ?? null, {
      ...unreachableUseCases(),
      'people/search': searchPeople,
      'record/audit': readTrail,
    });
    expect(await handlers['people/search']({ payload: { query: '  casey ', issueId: 'planted' }, context })).toEqual({
      ok: true,
      data: [{ accountId: 'acc-1:casey', displayName: 'Casey' }],
    });
    // A call without a payload is read as Forge sends it, `{}`: the page defaults to the newest.
    expect(await handlers['record/audit']({ context })).toMatchObject({ ok: true, data: { page: 0 } });
    expect(searchPeople).toHaveBeenCalledWith('acc-1', { query: 'casey' });
  });

  it('answer an exception as a defect in words, not a rejected invoke', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const handlers = resolverHandlers<typeof PANEL, string>(PANEL, () => 'caller', unreachableUseCases());
    expect(await handlers['forecast/get']({ context })).toMatchObject({ ok: false, error: { code: 'APP.DEFECT' } });
    vi.restoreAllMocks();
  });
});

/** Every use case of the panel, each failing the test if it runs. */
const unreachableUseCases = () => {
  const reached = () => Promise.reject(new Error('this use case must not run'));
  return Object.fromEntries(Object.keys(PANEL.resolvers).map((key) => [key, reached])) as unknown as Parameters<
    typeof resolverHandlers<typeof PANEL, string>
  >[2];
};

/**
 * Compile-time checks: each `@ts-expect-error` below is a drift the compiler must refuse. Were the contract not
 * enforced, the directive would be unused and `npm run typecheck` would fail on it.
 */
describe('a use case or handler that drifts from the contract', () => {
  it('does not compile', () => {
    const useCases = unreachableUseCases();
    const drifts = () => {
      // A key the contract does not have.
      // @ts-expect-error 'record/fetch' is no panel resolver
      resolverHandlers<typeof PANEL, string>(PANEL, () => 'caller', { ...useCases, 'record/fetch': useCases['record/get'] });
      // A key left out.
      const { 'outcome/get': _left, ...missingOne } = useCases;
      // @ts-expect-error 'outcome/get' has no use case
      resolverHandlers<typeof PANEL, string>(PANEL, () => 'caller', missingOne);
      // A use case answering a code the contract does not list for its key.
      resolverHandlers<typeof PANEL, string>(PANEL, () => 'caller', {
        ...useCases,
        // @ts-expect-error CONFIG.STALE is the admin page's, not a code of record/get
        'record/get': () => Promise.resolve(failure('CONFIG.STALE', 'stale')),
      });
      // A use case reading a payload field its key does not have.
      resolverHandlers<typeof PANEL, string>(PANEL, () => 'caller', {
        ...useCases,
        // @ts-expect-error people/search sends `query`, not `name`
        'people/search': (_caller, payload: { name: string }) => Promise.resolve(ok([{ accountId: payload.name, displayName: '' }])),
      });
      // A use case answering something else than the key's answer.
      resolverHandlers<typeof PANEL, string>(PANEL, () => 'caller', {
        ...useCases,
        // @ts-expect-error record/get answers the panel's view
        'record/get': () => Promise.resolve(ok({ revision: 1 })),
      });
      // One app's handlers as another app's resolver.
      const gadgets = resolverHandlers<typeof GADGETS, string>(GADGETS, () => 'viewer', {} as never);
      // @ts-expect-error the gadgets' keys are not the admin page's
      makeResolver<ForgeDefinitions<typeof ADMIN>>(gadgets);
    };
    expectTypeOf(drifts).toBeFunction();
    expectTypeOf(panelHandlers()['record/get']).returns.resolves.toEqualTypeOf<
      Envelope<PanelView, ErrorCodeOf<typeof PANEL, 'record/get'>>
    >();
  });
});
