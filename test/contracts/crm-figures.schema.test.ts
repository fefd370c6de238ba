import { describe, expect, it } from 'vitest';
import { campaignStorageKey, crmImportApplyPayloadSchema } from '../../src/contracts/crm-figures.schema';

/** Forge KVS keys: at most 500 characters of this pattern (developer.atlassian.com/platform/forge/limits-kvs-ce/). */
const KVS_KEY = /^(?!\s+$)[a-zA-Z0-9:._\s-#]+$/;

describe("a campaign's storage key", () => {
  it('keeps a short campaign readable, escaping what KVS keys do not allow', () => {
    expect(campaignStorageKey('spring-webinar_2026')).toBe('crm:spring-webinar_2026');
    expect(campaignStorageKey('été #1')).toBe('crm:#c3#a9t#c3#a9#20#231');
  });

  it('stays within KVS’s 500 characters for the longest campaign key a plan holds, and two such keys never meet', () => {
    const accented = 'é'.repeat(200);
    const other = `${'é'.repeat(199)}è`;
    for (const campaign of [accented, other, '€'.repeat(255), 'a'.repeat(255)]) {
      const key = campaignStorageKey(campaign);
      expect(key.length).toBeLessThanOrEqual(500);
      expect(key).toMatch(KVS_KEY);
    }
    expect(campaignStorageKey(accented)).not.toBe(campaignStorageKey(other));
    // The escaped form never holds a second colon, so a hashed key cannot be some campaign's escaped one.
    expect(campaignStorageKey('sha256:x')).toBe('crm:sha256#3ax');
  });
});

describe('a CRM report sent to import', () => {
  const report = { csv: 'campaign,date,leads\nspring,2026-06-09,4', format: 'flight-plan' };

  it('is imported only with the fingerprint its preview gave, and refused without one in words', () => {
    expect(crmImportApplyPayloadSchema.safeParse({ ...report, previewed: 'Ab_-'.repeat(10) + 'xyz' }).success).toBe(true);
    for (const previewed of [undefined, '', 'x'.repeat(42), 'x'.repeat(44), `${'x'.repeat(42)}=`])
      expect(crmImportApplyPayloadSchema.safeParse({ ...report, previewed }).error?.issues[0]?.message).toBe('Preview the import first');
  });
});
