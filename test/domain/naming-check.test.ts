import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/domain/app-config';
import {
  blacklistedWordsIn,
  checkAssetName,
  checkAssetRegisterVersions,
  followsPattern,
  namingPatternProblem,
  versionOf,
} from '../../src/domain/naming-check';
import { parseConfigInput } from '../../src/contracts/app-config.schema';

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

  it('flags a rename that lowers the version, and duplicate names', () => {
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

  it('judges a step back kept from names no longer listed with the pattern it checks by', () => {
    const kept = (stepBack: { from: string; to: string }) =>
      checkAssetRegisterVersions(
        [{ name: 'spring26-email-invite-v4', previousNames: ['spring26-email-invite-v2'], stepBack }],
        rules.pattern,
        'spring26',
      );
    // the names around it say nothing of the v3 it came down from; the kept step back still blocks.
    expect(kept({ from: 'spring26-email-invite-v3', to: 'spring26-email-invite-v2' })).toEqual([
      {
        code: 'NAMING.VERSION_NOT_INCREASING',
        name: 'spring26-email-invite-v4',
        message: '"spring26-email-invite-v4" went from v3 back to v2: a version never goes back',
      },
    ]);
    // One the migration read without the pattern (a trailing v-number) that the pattern does not give a version to.
    expect(kept({ from: 'Spring Invite v3', to: 'spring26-email-invite-v2' })).toEqual([]);
  });
});

describe('naming patterns', () => {
  const ambiguous = `${'{asset}'.repeat(8)}-v{n}`;

  it('refuses a pattern whose placeholders cannot be told apart, with a plain error on the field', () => {
    expect(namingPatternProblem(ambiguous)).toBe('{asset} and {asset} need a separator such as "-" between them');
    expect(namingPatternProblem('{campaign}-{asset}v{n}')).toBe(
      'after {asset} put a separator such as "-" before "v", or nobody can tell where {asset} ends',
    );
    expect(namingPatternProblem(DEFAULT_CONFIG.naming.pattern)).toBeNull();
    expect(namingPatternProblem('{channel}_{asset}.v{n}')).toBeNull();
    const saved = parseConfigInput({ ...DEFAULT_CONFIG, naming: { ...DEFAULT_CONFIG.naming, pattern: ambiguous } });
    expect(saved).toMatchObject({
      ok: false,
      error: { fields: { 'naming.pattern': '{asset} and {asset} need a separator such as "-" between them' } },
    });
  });

  /** A name that counts how often its characters are read: the check must read each a bounded number of times. */
  class CountingName extends String {
    reads = 0;
    override charCodeAt(index: number): number {
      this.reads++;
      return super.charCodeAt(index);
    }
  }

  it('checks a name in one pass, even against a pattern saved before the rule', () => {
    const text = `${'a'.repeat(59)}-v`;
    const name = new CountingName(text);
    expect(followsPattern(name as unknown as string, ambiguous, undefined)).toBe(false);
    expect(name.reads).toBeLessThanOrEqual(2 * text.length);

    const long = new CountingName(`spring26-email-${'x'.repeat(100_000)}-v12.png`);
    expect(followsPattern(long as unknown as string, DEFAULT_CONFIG.naming.pattern, 'spring26')).toBe(true);
    expect(long.reads).toBeLessThanOrEqual(2 * long.length);
    expect(versionOf(long as unknown as string, DEFAULT_CONFIG.naming.pattern, 'spring26')).toBe(12);
  });

  it('still reads versions and extensions as before', () => {
    expect(followsPattern('spring26-email-invite-v3.png', DEFAULT_CONFIG.naming.pattern, undefined)).toBe(true);
    expect(followsPattern('spring26-email-invite-v3.toolong', DEFAULT_CONFIG.naming.pattern, undefined)).toBe(false);
    expect(followsPattern('spring26-email--v3', DEFAULT_CONFIG.naming.pattern, undefined)).toBe(false);
    expect(versionOf('x-y-z-v007', DEFAULT_CONFIG.naming.pattern, undefined)).toBe(7);
  });

  it('lets a rename keep the version: fixing a typo is not a new version', () => {
    expect(versionOf('spring26-social-linkdin-v1', rules.pattern, 'spring26')).toBe(1);
    expect(
      checkAssetRegisterVersions(
        [{ name: 'spring26-social-linkedin-v1', previousNames: ['spring26-social-linkdin-v1'] }],
        rules.pattern,
        'spring26',
      ),
    ).toEqual([]);
  });
});
