import { describe, expect, it } from 'vitest';
import { checkAssetUtms, checkTrackedUrl, whichLink } from '../../src/domain/utm-check';

const rules = { allowedMediums: ['email', 'social', 'cpc'] };
const codes = (url: string, campaign: string | undefined = 'spring26') => checkTrackedUrl(url, campaign, rules).map((p) => p.code);

describe('checkTrackedUrl', () => {
  it('accepts a well-formed tracked link', () => {
    expect(codes('https://acme.example/webinar?utm_source=linkedin&utm_medium=social&utm_campaign=spring26')).toEqual([]);
  });

  it('accepts parameters in any order, with a fragment after them', () => {
    expect(codes('https://acme.example/?utm_campaign=spring26&ref=x&utm_medium=email&utm_source=nl#pricing')).toEqual([]);
  });

  it('reports a missing utm_campaign', () => {
    expect(codes('https://acme.example/?utm_source=nl&utm_medium=email')).toEqual(['UTM.MISSING_PARAMETER']);
  });

  it('does not count parameters hidden in the fragment, and says so', () => {
    expect(codes('https://acme.example/#utm_source=nl&utm_medium=email&utm_campaign=spring26')).toEqual([
      'UTM.PARAMETERS_IN_FRAGMENT',
      'UTM.PARAMETERS_IN_FRAGMENT',
      'UTM.PARAMETERS_IN_FRAGMENT',
    ]);
  });

  it('decodes values before judging them: an encoded space is a space', () => {
    expect(codes('https://acme.example/?utm_source=nl&utm_medium=email&utm_campaign=spring%2026', 'spring 26')).toEqual([
      'UTM.VALUE_HAS_SPACE',
    ]);
    expect(codes('https://acme.example/?utm_source=news+letter&utm_medium=email&utm_campaign=spring26')).toEqual(['UTM.VALUE_HAS_SPACE']);
  });

  it('accepts an encoded value that decodes to a clean one', () => {
    expect(codes('https://acme.example/?utm_source=n%6C&utm_medium=email&utm_campaign=spring26')).toEqual([]);
  });

  it('flags mixed-case names and values', () => {
    expect(codes('https://acme.example/?UTM_Source=nl&utm_medium=Email&utm_campaign=spring26')).toEqual([
      'UTM.PARAMETER_NAME_CASE',
      'UTM.VALUE_NOT_LOWERCASE',
    ]);
  });

  it("flags a campaign that is not the request's campaign key", () => {
    expect(codes('https://acme.example/?utm_source=nl&utm_medium=email&utm_campaign=spring25')).toEqual(['UTM.CAMPAIGN_MISMATCH']);
  });

  it('flags a medium outside the configured list', () => {
    expect(codes('https://acme.example/?utm_source=nl&utm_medium=carrier-pigeon&utm_campaign=spring26')).toEqual([
      'UTM.MEDIUM_NOT_ALLOWED',
    ]);
  });

  it('flags a parameter repeated with different values', () => {
    expect(codes('https://acme.example/?utm_source=nl&utm_source=li&utm_medium=email&utm_campaign=spring26')).toEqual([
      'UTM.REPEATED_PARAMETER',
    ]);
  });

  it('refuses relative and non-http links', () => {
    expect(codes('/webinar?utm_source=nl')).toEqual(['UTM.NOT_A_URL']);
    expect(codes('mailto:team@acme.example?utm_source=nl')).toEqual(['UTM.NOT_HTTP']);
  });

  it('treats an empty value as missing', () => {
    expect(codes('https://acme.example/?utm_source=&utm_medium=email&utm_campaign=spring26')).toEqual(['UTM.MISSING_PARAMETER']);
  });
});

describe('checkAssetUtms', () => {
  it('counts failing links and flags an asset that mixes campaigns', () => {
    const report = checkAssetUtms(
      [
        {
          name: 'spring26-social-ad-v1',
          trackedUrls: [
            'https://acme.example/?utm_source=li&utm_medium=social&utm_campaign=spring26',
            'https://acme.example/?utm_source=li&utm_medium=social&utm_campaign=summer26',
          ],
        },
        { name: 'spring26-email-invite-v1', trackedUrls: ['https://acme.example/?utm_source=nl&utm_medium=email&utm_campaign=spring26'] },
      ],
      undefined,
      rules,
    );
    expect(report.totalLinks).toBe(3);
    expect(report.failingLinks).toBe(2);
    expect(report.problems.map((p) => p.code)).toEqual(['UTM.CONFLICTING_CAMPAIGNS']);
  });

  it('names the asset and the link each problem is on (issue 15: "UTM problems don\'t say which link")', () => {
    const report = checkAssetUtms(
      [
        { name: 'spring26-email-invite-v1', trackedUrls: ['https://acme.example/?utm_source=nl&utm_medium=email&utm_campaign=spring26'] },
        {
          name: 'spring26-social-ad-v1',
          trackedUrls: [
            'https://acme.example/?utm_source=li&utm_medium=social&utm_campaign=spring26',
            'https://acme.example/webinar?utm_source=li&utm_campaign=spring26',
          ],
        },
      ],
      'spring26',
      rules,
    );
    expect(report.problems.map((problem) => `${whichLink(problem)}: ${problem.message}`)).toEqual([
      'link 2 of spring26-social-ad-v1 (acme.example/webinar): utm_medium is missing',
    ]);
    expect(whichLink({ asset: 'x-v1', link: null, url: 'a b' })).toBe('asset "x-v1"');
    expect(whichLink({ asset: 'x-v1', link: 1, url: 'not a url' })).toBe('link 1 of x-v1 (not a url)');
  });
});
