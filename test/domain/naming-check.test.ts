import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/domain/app-config';
import { blacklistedWordsIn, checkAssetName, checkAssetRegisterVersions, versionOf } from '../../src/domain/naming-check';

const rules = DEFAULT_CONFIG.naming;
const codes = (name: string, campaign?: string) => checkAssetName(name, campaign, rules).map((p) => p.code);

describe('checkAssetName', () => {
  it('accepts names that follow {campaign}-{channel}-{asset}-v{n}', () => {
    expect(codes('spring26-email-invite-v2', 'spring26')).toEqual([]);
    expect(codes('spring26-social-hero-v10.png', 'spring26')).toEqual([]);
  });

  it('uses the campaign key itself, hyphens included', () => {
    expect(codes('spring-sale-2026-email-invite-v1', 'spring-sale-2026')).toEqual([]);
    expect(codes('summer26-email-invite-v1', 'spring26')).toEqual(['NAMING.PATTERN']);
  });

  it('refuses uppercase, spaces and a missing version', () => {
    expect(codes('Spring26-email-invite-v2', 'spring26')).toEqual(['NAMING.PATTERN']);
    expect(codes('spring26 email invite v2', 'spring26')).toEqual(['NAMING.PATTERN']);
    expect(codes('spring26-email-invite', 'spring26')).toEqual(['NAMING.PATTERN']);
  });

  it('catches every "final"-style name', () => {
    for (const name of ['final_v7', 'FINAL-final', 'Copy of banner', 'banner-latest', 'use this one', 'spring26-email-new-v1']) {
      expect(blacklistedWordsIn(name, rules.blacklist), name).not.toEqual([]);
    }
    expect(codes('spring26-email-final-v7', 'spring26')).toEqual(['NAMING.BLACKLISTED_WORD']);
  });

  it('does not flag words that merely contain a blacklisted one', () => {
    expect(blacklistedWordsIn('spring26-email-finale-v1', rules.blacklist)).toEqual([]);
    expect(blacklistedWordsIn('spring26-email-newsletter-v1', rules.blacklist)).toEqual([]);
  });
});

describe('checkAssetRegisterVersions', () => {
  it('reads the version from a name', () => {
    expect(versionOf('spring26-email-invite-v12', rules.pattern, 'spring26')).toBe(12);
    expect(versionOf('nonsense', rules.pattern, 'spring26')).toBeNull();
  });

  it('flags a rename that lowers or repeats the version, and duplicate names', () => {
    const problems = checkAssetRegisterVersions(
      [
        { name: 'spring26-email-invite-v2', previousNames: ['spring26-email-invite-v3'] },
        { name: 'spring26-social-ad-v1', previousNames: [] },
        { name: 'Spring26-social-ad-v1', previousNames: [] },
      ],
      rules.pattern,
      'spring26',
    );
    expect(problems.map((p) => p.code).sort()).toEqual(['NAMING.DUPLICATE_NAME', 'NAMING.VERSION_NOT_INCREASING']);
  });
});
