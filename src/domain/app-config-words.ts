import type { AppConfig } from './app-config';
import { GATE_ITEMS, type GateItemCode } from './gates/gate-items';
import { STAGE_LABELS } from './stages';
import { TIER_LABELS } from './tiers';

/**
 * The configuration's parts as the admin page names them: the "Recent changes" list says "SLAs and
 * holidays", never the stored key `slaBusinessDays`.
 */
const CONFIG_PART_LABELS: Readonly<Record<keyof AppConfig, string>> = {
  statusMap: 'stages and Jira statuses',
  gateMatrix: 'mandatory gate items',
  intake: 'intake rules',
  triage: 'triage scoring',
  slaBusinessDays: 'stage SLAs',
  holidays: 'holidays',
  lexicon: 'compliance lexicon',
  naming: 'asset naming',
  utm: 'UTM mediums',
  roles: 'governance roles',
  minJustificationLength: 'shortest justification',
  routing: 'routing',
  metricsJql: 'requests the metrics follow',
  approvalPaths: 'approval paths',
  approvalSlaBusinessDays: 'approval time',
  atRiskBelowPercent: 'at-risk threshold',
  messagingLibrary: 'messaging library',
  indicators: 'success metric indicators',
  currency: 'currency of money figures',
};

/** A stored part's name, or the key itself for a part a later version adds and this one does not know. */
export const configPartLabel = (part: string): string => known(CONFIG_PART_LABELS, part) ?? part;

/** A label by a key read from stored data or a path, which may not be one of the table's. */
const known = (labels: Readonly<Record<string, string>>, key: PropertyKey | undefined): string | undefined =>
  typeof key === 'string' && Object.hasOwn(labels, key) ? labels[key] : undefined;

const nth = (index: PropertyKey | undefined): string => (typeof index === 'number' ? ` ${index + 1}` : '');

/**
 * The field a problem is about, in the admin page's words ("the SLA of QA + Governance for Revenue"),
 * from its place in the configuration (`['slaBusinessDays', 'qa', 'revenue']`). Every error the admin
 * page shows names its field this way, never by its path.
 */
export const configFieldName = (path: readonly PropertyKey[]): string => {
  const [part, second, third] = path;
  const stage = (key: PropertyKey | undefined) => known(STAGE_LABELS, key) ?? 'a stage';
  const tier = (key: PropertyKey | undefined) => known(TIER_LABELS, key) ?? 'a tier';
  switch (part) {
    case 'statusMap':
      return `the Jira statuses of ${stage(second)}`;
    case 'gateMatrix':
      return `the tiers of "${typeof second === 'string' && Object.hasOwn(GATE_ITEMS, second) ? GATE_ITEMS[second as GateItemCode].label : 'a gate item'}"`;
    case 'intake':
      return second === 'leadTimeBusinessDays' ? `the lead time for ${tier(third)}` : 'the fewest characters of business context';
    case 'triage':
      if (second === 'weights') return `the weight of ${String(third)}`;
      return second === 'declineBelow' ? 'the score to decline below' : 'the score to accept at';
    case 'slaBusinessDays':
      return `the SLA of ${stage(second)} for ${tier(third)}`;
    case 'holidays':
      return `holiday${nth(second)}`;
    case 'lexicon':
      return `lexicon term${nth(second)}`;
    case 'naming':
      return second === 'blacklist' ? 'the forbidden words in asset names' : 'the asset naming pattern';
    case 'utm':
      return 'the allowed utm_medium values';
    case 'roles':
      if (second === 'triageLeads') return 'the triage leads';
      if (second === 'figureReporters') return 'the people who enter outcome figures';
      return typeof third === 'number' ? `approver role ${third + 1}` : 'the approver roles';
    case 'minJustificationLength':
      return 'the shortest justification';
    case 'routing': {
      // The part of the rule at fault, so "must not be blank" says of what.
      const parts: Partial<Record<PropertyKey, string>> = {
        assigneeId: 'the assignee of ',
        alternates: 'the people sharing ',
        channel: 'the channel of ',
        assetType: 'the asset type of ',
      };
      return `${(third === undefined ? undefined : parts[third]) ?? ''}routing rule${nth(second)}`;
    }
    case 'metricsJql':
      return 'the JQL of the requests the metrics follow';
    case 'approvalPaths':
      return `the ${tier(second)} approval path`;
    case 'approvalSlaBusinessDays':
      return 'the approval time';
    case 'atRiskBelowPercent':
      return 'the at-risk threshold';
    case 'messagingLibrary':
      return `library claim${nth(second)}`;
    case 'indicators':
      return `indicator${nth(second)}`;
    default:
      return 'the configuration';
  }
};
