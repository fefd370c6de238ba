import { describe, expect, it } from 'vitest';
import { isRefreshForGadget } from '../../static/gadgets/src/refresh-event';

// Jira sends JIRA_DASHBOARD_GADGET_REFRESH to every gadget that overrides its refresh, whichever button was pressed
// (manifest reference, jira:dashboardGadget, "Overriding default gadget refresh behavior").
describe("a gadget's answer to Jira's refresh event", () => {
  it("refreshes on the dashboard's refresh and on its own gadget's, not on another gadget's", () => {
    expect(isRefreshForGadget({ origin: 'dashboard' }, 'gadget-1')).toBe(true);
    expect(isRefreshForGadget({ origin: 'gadget', gadgetId: 'gadget-1' }, 'gadget-1')).toBe(true);
    expect(isRefreshForGadget({ origin: 'gadget', gadgetId: 10001 }, '10001')).toBe(true);
    expect(isRefreshForGadget({ origin: 'gadget', gadgetId: 'gadget-2' }, 'gadget-1')).toBe(false);
    expect(isRefreshForGadget({ origin: 'gadget' }, undefined)).toBe(false);
    expect(isRefreshForGadget(undefined, 'gadget-1')).toBe(false);
  });
});
