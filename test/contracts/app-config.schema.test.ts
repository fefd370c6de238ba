import { describe, expect, it } from 'vitest';
import { CURRENT_CONFIG_VERSION, parseConfigInput, parseStoredConfig } from '../../src/contracts/app-config.schema';
import { DEFAULT_CONFIG } from '../../src/domain/app-config';

describe('app configuration schema', () => {
  it('accepts the defaults, and reads "nothing stored" as the defaults at revision 0', () => {
    expect(parseConfigInput(DEFAULT_CONFIG)).toEqual({ ok: true, value: DEFAULT_CONFIG });
    expect(parseStoredConfig(undefined)).toEqual({ ok: true, value: { schemaVersion: 2, revision: 0, config: DEFAULT_CONFIG } });
  });

  it('reads a version 1 configuration: its compliance approvers and triage lead keep their roles', () => {
    const { roles: _roles, minJustificationLength: _minimum, ...rest } = DEFAULT_CONFIG;
    const v1 = { schemaVersion: 1, revision: 4, config: { ...rest, complianceApproverIds: ['acc-casey'], triageLeadId: 'acc-morgan' } };
    const result = parseStoredConfig(v1);
    expect(result.ok && result.value.revision).toBe(4);
    expect(result.ok && result.value.config.roles).toEqual({
      triageLeads: ['acc-morgan'],
      approvers: [
        { key: 'compliance', label: 'Compliance', members: ['acc-casey'] },
        { key: 'brand', label: 'Brand', members: [] },
        { key: 'legal', label: 'Legal', members: [] },
        { key: 'outcome-figures', label: 'Outcome figures', members: [] },
      ],
    });
    expect(result.ok && result.value.config.minJustificationLength).toBe(DEFAULT_CONFIG.minJustificationLength);
    expect(parseStoredConfig({ ...v1, config: { ...v1.config, triageLeadId: undefined, complianceApproverIds: undefined } }).ok).toBe(true);
  });

  it('holds the at-risk threshold to 5–90% and gives a stored configuration without one the default', () => {
    const refused = parseConfigInput({ ...DEFAULT_CONFIG, atRiskBelowPercent: 95 });
    expect(!refused.ok && refused.error.fields).toEqual({ atRiskBelowPercent: 'the at-risk threshold is at most 90%' });
    const { atRiskBelowPercent: _threshold, ...before } = DEFAULT_CONFIG;
    const stored = parseStoredConfig({ schemaVersion: 2, revision: 3, config: before });
    expect(stored.ok && stored.value.config.atRiskBelowPercent).toBe(50);
  });

  it('refuses more than 50 routing rules on save, and still reads a configuration stored with more', () => {
    const rules = Array.from({ length: 51 }, (_, index) => ({ channel: `channel-${index}`, assigneeId: 'acc-blake' }));
    const refused = parseConfigInput({ ...DEFAULT_CONFIG, routing: rules });
    expect(!refused.ok && refused.error.fields).toEqual({ routing: 'keep at most 50 routing rules' });
    expect(!refused.ok && refused.error.message).not.toMatch(/routing\.|\[/);
    expect(parseConfigInput({ ...DEFAULT_CONFIG, routing: rules.slice(0, 50) }).ok).toBe(true);
    const stored = parseStoredConfig({ schemaVersion: CURRENT_CONFIG_VERSION, revision: 3, config: { ...DEFAULT_CONFIG, routing: rules } });
    expect(stored.ok && stored.value.config.routing).toHaveLength(51);
  });

  it('keeps the compliance role and refuses two roles with one key', () => {
    const withoutCompliance = {
      ...DEFAULT_CONFIG,
      roles: { ...DEFAULT_CONFIG.roles, approvers: DEFAULT_CONFIG.roles.approvers.filter((role) => role.key !== 'compliance') },
    };
    const refused = parseConfigInput(withoutCompliance);
    // The regulated approval path names the role too, and says so.
    expect(!refused.ok && refused.error.fields).toEqual({
      'roles.approvers': 'the compliance role cannot be removed',
      'approvalPaths.regulated.steps.0.role': 'names an approver role that no longer exists',
    });
    const twice = {
      ...DEFAULT_CONFIG,
      roles: {
        ...DEFAULT_CONFIG.roles,
        approvers: [...DEFAULT_CONFIG.roles.approvers, { key: 'brand', label: 'Brand again', members: [] }],
      },
    };
    const duplicate = parseConfigInput(twice);
    expect(!duplicate.ok && duplicate.error.fields).toEqual({
      'roles.approvers.4.key': 'is too like the name of the Brand role: name it differently',
    });
  });

  it('names each invalid field in words, never by its path', () => {
    const bad = {
      ...DEFAULT_CONFIG,
      triage: { ...DEFAULT_CONFIG.triage, declineBelow: 50 },
      naming: { ...DEFAULT_CONFIG.naming, pattern: '{campaign}-{asset}' },
      gateMatrix: { ...DEFAULT_CONFIG.gateMatrix, 'qa.utm-structured': ['enterprise'] },
    };
    const result = parseConfigInput(bad);
    expect(result.ok).toBe(false);
    const message = result.ok ? '' : result.error.message;
    expect(message).toBe(
      'The tiers of "UTMs structured": is not one of the choices. The score to decline below: must not be above the score to accept at. ' +
        'The asset naming pattern: must contain {n} (the version).',
    );
  });

  it('refuses a status mapped to two stages', () => {
    const result = parseConfigInput({ ...DEFAULT_CONFIG, statusMap: { ...DEFAULT_CONFIG.statusMap, waiting: ['Waiting', 'triage'] } });
    expect(!result.ok && result.error.message).toBe('The Jira statuses of Waiting: status "triage" is also in Triage.');
  });

  it('still reads a stored holiday saved before dates were checked, and refuses it when an admin saves it', () => {
    const stored = { ...DEFAULT_CONFIG, holidays: ['1999-12-25', '2026-02-30'] };
    expect(parseStoredConfig({ schemaVersion: 2, revision: 3, config: stored }).ok).toBe(true);
    const saved = parseConfigInput(stored);
    expect(!saved.ok && saved.error.fields).toMatchObject({
      'holidays.0': 'A holiday must be a real date between 2000 and 2100, as YYYY-MM-DD',
      'holidays.1': 'A holiday must be a real date between 2000 and 2100, as YYYY-MM-DD',
    });
  });

  it('calls a corrupt stored config unreadable', () => {
    const result = parseStoredConfig({ schemaVersion: 1, revision: 3, config: { ...DEFAULT_CONFIG, holidays: ['next tuesday'] } });
    expect(!result.ok && result.error).toEqual({
      code: 'CONFIG.UNREADABLE',
      message: 'the Flight Plan configuration in app storage is unreadable (config.holidays[0]: a holiday must be a date as YYYY-MM-DD)',
    });
  });
});
