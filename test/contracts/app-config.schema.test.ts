import { describe, expect, it } from 'vitest';
import { parseConfigInput, parseStoredConfig } from '../../src/contracts/app-config.schema';
import { DEFAULT_CONFIG } from '../../src/domain/app-config';

describe('app configuration schema', () => {
  it('accepts the defaults, and reads "nothing stored" as the defaults at revision 0', () => {
    expect(parseConfigInput(DEFAULT_CONFIG)).toEqual({ ok: true, value: DEFAULT_CONFIG });
    expect(parseStoredConfig(undefined)).toEqual({ ok: true, value: { schemaVersion: 1, revision: 0, config: DEFAULT_CONFIG } });
  });

  it('names each invalid field', () => {
    const bad = {
      ...DEFAULT_CONFIG,
      triage: { ...DEFAULT_CONFIG.triage, declineBelow: 50 },
      naming: { ...DEFAULT_CONFIG.naming, pattern: '{campaign}-{asset}' },
      gateMatrix: { ...DEFAULT_CONFIG.gateMatrix, 'qa.utm-structured': ['enterprise'] },
    };
    const result = parseConfigInput(bad);
    expect(result.ok).toBe(false);
    const message = result.ok ? '' : result.error.message;
    expect(message).toContain('gateMatrix.qa.utm-structured[0]');
    expect(message).toContain('triage.declineBelow: declineBelow must not be above acceptAtOrAbove');
    expect(message).toContain('naming.pattern: the pattern must contain {n} (the version)');
  });

  it('refuses a status mapped to two stages', () => {
    const result = parseConfigInput({ ...DEFAULT_CONFIG, statusMap: { ...DEFAULT_CONFIG.statusMap, waiting: ['Waiting', 'triage'] } });
    expect(!result.ok && result.error.message).toContain('status "triage" is also mapped to triage');
  });

  it('calls a corrupt stored config unreadable', () => {
    const result = parseStoredConfig({ schemaVersion: 1, revision: 3, config: { ...DEFAULT_CONFIG, holidays: ['next tuesday'] } });
    expect(!result.ok && result.error).toEqual({
      code: 'CONFIG.UNREADABLE',
      message: 'the Flight Plan configuration in app storage is unreadable (config.holidays[0]: must be a date as YYYY-MM-DD)',
    });
  });
});
