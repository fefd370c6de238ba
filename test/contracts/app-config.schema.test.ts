import { describe, expect, it } from 'vitest';
import { CURRENT_CONFIG_VERSION, parseConfigInput, parseStoredConfig } from '../../src/contracts/app-config.schema';
import { DEFAULT_CONFIG, figureReporters } from '../../src/domain/app-config';

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

  it('keeps money figures in one ISO 4217 currency, dollars for a configuration stored before it had one', () => {
    for (const currency of ['usd', 'XYZ', '$', 'EURO']) {
      const refused = parseConfigInput({ ...DEFAULT_CONFIG, currency });
      expect(!refused.ok && refused.error.fields).toEqual({
        currency: 'the currency is a three-letter ISO 4217 code, like USD, EUR or GBP',
      });
    }
    expect(parseConfigInput({ ...DEFAULT_CONFIG, currency: 'EUR' })).toMatchObject({ ok: true, value: { currency: 'EUR' } });
    const { currency: _currency, ...before } = DEFAULT_CONFIG;
    const stored = parseStoredConfig({ schemaVersion: 2, revision: 3, config: before });
    expect(stored.ok && stored.value.config.currency).toBe('USD');
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
    /** The default roles and one more, saved. */
    const withRole = (role: { key: string; label: string }) =>
      parseConfigInput({
        ...DEFAULT_CONFIG,
        roles: { ...DEFAULT_CONFIG.roles, approvers: [...DEFAULT_CONFIG.roles.approvers, { ...role, members: [] }] },
      });
    const duplicate = withRole({ key: 'brand', label: 'Brand again' });
    expect(!duplicate.ok && duplicate.error.fields).toEqual({
      'roles.approvers.3.key': 'is too like the name of the Brand role: name it differently',
    });
    // Two keys, one label: gates and reminders name a role by its label, so it is refused too.
    const sameLabel = withRole({ key: 'brand-emea', label: 'brand' });
    expect(!sameLabel.ok && sameLabel.error.fields).toEqual({
      'roles.approvers.3.label': 'is the name of another approver role: name it differently',
    });
  });

  it('refuses an approver role named "Outcome figures" on save: a stored one would be moved to the figure reporters', () => {
    const named = {
      ...DEFAULT_CONFIG,
      roles: {
        ...DEFAULT_CONFIG.roles,
        approvers: [...DEFAULT_CONFIG.roles.approvers, { key: 'outcome-figures', label: 'Outcome figures', members: ['acc-1'] }],
      },
    };
    const refused = parseConfigInput(named);
    expect(!refused.ok && refused.error.fields).toEqual({
      'roles.approvers.3.label': 'is the name kept for the people who enter outcome figures: name this approver role differently',
    });
  });

  it('refuses on save a lexicon term with no letter or digit, which would match every space, and still reads a stored one', () => {
    const lexicon = [...DEFAULT_CONFIG.lexicon, { term: '-*', category: 'regulated' as const }];
    const refused = parseConfigInput({ ...DEFAULT_CONFIG, lexicon });
    expect(!refused.ok && refused.error.fields).toEqual({
      [`lexicon.${String(lexicon.length - 1)}.term`]:
        'needs a letter or digit: a term of punctuation alone matches the spaces of every copy',
    });
    expect(parseConfigInput({ ...DEFAULT_CONFIG, lexicon: [{ term: '#1', category: 'claim' }] }).ok).toBe(true);
    const stored = parseStoredConfig({ schemaVersion: CURRENT_CONFIG_VERSION, revision: 3, config: { ...DEFAULT_CONFIG, lexicon } });
    expect(stored.ok).toBe(true);
  });

  it('refuses on save an indicator keyed "spend", which every campaign already has beside its indicators', () => {
    const indicators = [...DEFAULT_CONFIG.indicators, { key: 'spend', label: 'Spend again' }];
    const refused = parseConfigInput({ ...DEFAULT_CONFIG, indicators });
    expect(!refused.ok && refused.error.fields).toEqual({
      [`indicators.${String(indicators.length - 1)}.key`]:
        'is the key kept for spend, which every campaign has: name this indicator differently',
    });
  });

  it('refuses on save an approval step that asks more approvals than its role has people', () => {
    const roles = {
      ...DEFAULT_CONFIG.roles,
      approvers: DEFAULT_CONFIG.roles.approvers.map((role) => (role.key === 'brand' ? { ...role, members: ['acc-morgan'] } : role)),
    };
    const asking = (count: number) => ({
      ...DEFAULT_CONFIG,
      roles,
      approvalPaths: { ...DEFAULT_CONFIG.approvalPaths, revenue: { order: 'parallel' as const, steps: [{ role: 'brand', count }] } },
    });
    const refused = parseConfigInput(asking(2));
    expect(!refused.ok && refused.error.fields).toEqual({
      'approvalPaths.revenue.steps.0.count': 'asks 2 approvals, but only 1 person holds the Brand role: add people to it or ask fewer',
    });
    expect(parseConfigInput(asking(1)).ok).toBe(true);
    // A role nobody holds yet is a site being set up: the defaults, whose regulated path asks Compliance, still save.
    expect(parseConfigInput(DEFAULT_CONFIG).ok).toBe(true);
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

describe('a configuration stored while Outcome figures was an approver role', () => {
  const stored = (approvers: unknown[], approvalPaths: unknown = DEFAULT_CONFIG.approvalPaths) => ({
    schemaVersion: CURRENT_CONFIG_VERSION,
    revision: 4,
    config: { ...DEFAULT_CONFIG, roles: { triageLeads: ['acc-ops'], approvers }, approvalPaths },
  });
  const compliance = { key: 'compliance', label: 'Compliance', members: ['acc-casey'] };
  const readRoles = (raw: unknown) => {
    const parsed = parseStoredConfig(raw);
    if (!parsed.ok) throw new Error(parsed.error.message);
    return parsed.value.config.roles;
  };

  it('reads its members as the figure reporters, and the role is no longer one an approval path can name', () => {
    const roles = readRoles(stored([compliance, { key: 'outcome-figures', label: 'Outcome figures', members: ['acc-blake'] }]));
    expect(roles).toEqual({ triageLeads: ['acc-ops'], approvers: [compliance], figureReporters: ['acc-blake'] });
    expect(figureReporters(roles)).toEqual(['acc-blake']);
  });

  it('with nobody in it, leaves figures to the triage leads, as a configuration stored before the role did', () => {
    const roles = readRoles(stored([compliance, { key: 'outcome-figures', label: 'Outcome figures', members: [] }]));
    expect(roles).toEqual({ triageLeads: ['acc-ops'], approvers: [compliance] });
    expect(figureReporters(roles)).toEqual(['acc-ops']);
    expect(figureReporters(readRoles(stored([compliance])))).toEqual(['acc-ops']);
  });

  it('keeps the role as an approver role when an approval path names it, so the configuration still reads', () => {
    const legacy = { key: 'outcome-figures', label: 'Outcome figures', members: ['acc-blake'] };
    const paths = { ...DEFAULT_CONFIG.approvalPaths, revenue: { order: 'parallel', steps: [{ role: 'outcome-figures', count: 1 }] } };
    expect(readRoles(stored([compliance, legacy], paths))).toEqual({
      triageLeads: ['acc-ops'],
      approvers: [compliance, legacy],
      figureReporters: ['acc-blake'],
    });
  });
});

describe('the people who enter outcome figures, as an admin saves them', () => {
  it('are kept apart from the approver roles, and a bad entry is named in words', () => {
    const saved = parseConfigInput({ ...DEFAULT_CONFIG, roles: { ...DEFAULT_CONFIG.roles, figureReporters: ['acc-blake'] } });
    expect(saved.ok && saved.value.roles).toEqual({ ...DEFAULT_CONFIG.roles, figureReporters: ['acc-blake'] });
    expect(DEFAULT_CONFIG.roles.approvers.map((role) => role.key)).toEqual(['compliance', 'brand', 'legal']);
    const refused = parseConfigInput({ ...DEFAULT_CONFIG, roles: { ...DEFAULT_CONFIG.roles, figureReporters: [' '] } });
    expect(!refused.ok && refused.error.message).toMatch(/^The people who enter outcome figures: /);
  });
});
