import { COMPLIANCE_ROLE, membersOf, type AppConfig, type RoutingRule } from './app-config';
import type { Approver, Asset, FlightPlanRecord } from './flight-plan-record';

const lower = (text: string): string => text.trim().toLowerCase();

/** The utm_medium of each of an asset's tracked links: the channels the asset is for. */
export const mediumsOfAsset = (asset: Pick<Asset, 'trackedUrls'>): Set<string> => {
  const mediums = new Set<string>();
  for (const url of asset.trackedUrls) {
    try {
      const medium = new URL(url).searchParams.get('utm_medium');
      if (medium) mediums.add(lower(medium));
    } catch {
      // A link that does not parse has no channel; the UTM check reports it.
    }
  }
  return mediums;
};

const mediumsOf = (record: FlightPlanRecord): Set<string> => new Set(record.assets.flatMap((asset) => [...mediumsOfAsset(asset)]));

/**
 * The first routing rule that fits a request: its channel is one of the labels or a
 * tracked link's utm_medium; its asset type is the type of one of the request's assets. A rule
 * with both must match both. Rules are tried in the order the admin wrote them.
 */
export const routingRuleFor = (record: FlightPlanRecord, labels: readonly string[], rules: readonly RoutingRule[]): RoutingRule | null => {
  const channels = new Set([...labels.map(lower), ...mediumsOf(record)]);
  const assetTypes = new Set(record.assets.map((asset) => lower(asset.type)));
  return (
    rules.find(
      (rule) =>
        (rule.channel !== undefined || rule.assetType !== undefined) &&
        (rule.channel === undefined || channels.has(lower(rule.channel))) &&
        (rule.assetType === undefined || assetTypes.has(lower(rule.assetType))),
    ) ?? null
  );
};

/** The most routing rules a configuration holds: each accepted request is matched against them in order. */
export const MAX_ROUTING_RULES = 50;

/** The most people a routing rule names besides its assignee: loads are looked up for all of them at once. */
export const MAX_ROUTING_ALTERNATES = 9;

/** The people a rule may route to, its assignee first, each once. */
export const routingCandidates = (rule: RoutingRule): [string, ...string[]] => [
  rule.assigneeId,
  ...new Set((rule.alternates ?? []).filter((accountId) => accountId !== rule.assigneeId)),
];

/**
 * A regulated request's approval path with a compliance approver in it: the first member of the
 * compliance role, when the plan names none yet (the planning gate requires one for regulated work).
 */
export const withComplianceApprover = (record: FlightPlanRecord, config: Pick<AppConfig, 'roles'>): FlightPlanRecord => {
  const approver = membersOf(config.roles, COMPLIANCE_ROLE)[0];
  if (
    record.tier !== 'regulated' ||
    approver === undefined ||
    record.plan.approvers.some((candidate) => candidate.role === COMPLIANCE_ROLE)
  )
    return record;
  const added: Approver = { accountId: approver, role: COMPLIANCE_ROLE };
  return { ...record, plan: { ...record.plan, approvers: [...record.plan.approvers, added] } };
};
