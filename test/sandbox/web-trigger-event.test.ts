import { describe, expect, it } from 'vitest';
import { webTriggerEvent } from '../../sandbox/app-host';

/**
 * The sandbox passes a web trigger the request as Forge does (developer.atlassian.com/platform/forge/events-reference/
 * web-trigger/): `queryParameters` are "parsed values from the query string on the request URL", each name to an array
 * of its values, and `userPath` the path the caller added after the trigger's own.
 */
describe('a web trigger request, as Forge passes it to the function', () => {
  it('keeps the query string, each name with all its values', () => {
    const event = webTriggerEvent({
      method: 'POST',
      url: new URL('http://localhost/x1/crm-figures?source=hubspot&campaign=q1-webinar&campaign=q2%20launch'),
      headers: { 'content-type': ['application/json'] },
      body: '{}',
    });
    expect(event.queryParameters).toEqual({ source: ['hubspot'], campaign: ['q1-webinar', 'q2 launch'] });
    expect(event).toMatchObject({ method: 'POST', path: '/x1/crm-figures', userPath: '', body: '{}' });
  });

  it('passes the path after the trigger as userPath, and no query parameters when there are none', () => {
    const event = webTriggerEvent({ method: 'GET', url: new URL('http://localhost/x1/crm-figures/reports/7'), headers: {}, body: '' });
    expect(event.userPath).toBe('/reports/7');
    expect(event.queryParameters).toEqual({});
  });
});
