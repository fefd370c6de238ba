import { scalarText } from '../../../src/contracts/scalar-text';
/**
 * Whether Jira's `JIRA_DASHBOARD_GADGET_REFRESH` asks this gadget to refresh. Jira sends it only to
 * gadgets with `refreshable: false`, and to all of them whichever refresh button was pressed: the
 * dashboard's (`origin: 'dashboard'`) means every gadget, a gadget's own means that gadget only
 * (developer.atlassian.com/platform/forge/manifest-reference/modules/jira-dashboard-gadget,
 * "Overriding default gadget refresh behavior").
 */
export const isRefreshForGadget = (payload: unknown, gadgetId: string | undefined): boolean => {
  const { origin, gadgetId: from } = (payload ?? {}) as { origin?: unknown; gadgetId?: unknown };
  return origin === 'dashboard' || (origin === 'gadget' && from !== undefined && scalarText(from) === gadgetId);
};
