import { COMPLIANCE_ROLE } from '../app-config';
import { approvalPathProblem, pathProgress } from '../approval-paths';
import { complianceApprovalProblem } from '../approvals';
import { DESCRIPTION_SOURCE, reviewLexicon, unscannedSources } from '../copy-review';
import { MAX_SCANNED_CHARS } from '../lexicon-scan';
import type { ManualCheckCode } from '../flight-plan-record';
import { checkAssetUtms, whichLink } from '../utm-check';
import { listNamed, namedRequests, unlaunchedBlockers, unlinkedPanelBlockers } from '../dependencies';
import { plural, type GateChecks, type ItemCheck } from './gate-context';
import { GATE_ITEMS } from './gate-items';

type QaItem =
  'qa.utm-structured' | 'qa.lexicon-clear' | 'qa.compliance-approval' | 'qa.approval-path' | 'qa.blockers-launched' | ManualCheckCode;

const manualCheck =
  (code: ManualCheckCode): ItemCheck =>
  ({ record }) =>
    record.checks[code]?.done === true ? null : `${GATE_ITEMS[code].label} not checked`;

export const QA_CHECKS: GateChecks<QaItem> = {
  'qa.events-firing': manualCheck('qa.events-firing'),
  'qa.crm-routing': manualCheck('qa.crm-routing'),
  'qa.claims-validated': manualCheck('qa.claims-validated'),
  'qa.positioning-aligned': manualCheck('qa.positioning-aligned'),
  'qa.links-functional': manualCheck('qa.links-functional'),
  'qa.forms-tested': manualCheck('qa.forms-tested'),
  'qa.rollback-path': manualCheck('qa.rollback-path'),
  'qa.utm-structured': ({ record, config }) => {
    const report = checkAssetUtms(record.assets, record.plan.tracking.campaignKey, config.utm);
    if (report.failingLinks === 0) return null;
    // Name the links, so the person fixing them knows which: at most two, then a count.
    const links = [...new Set(report.problems.map(whichLink))];
    const named = links.length > 2 ? `${links.slice(0, 2).join(', ')} and ${links.length - 2} more` : links.join(' and ');
    return `UTMs not structured on ${plural(report.failingLinks, 'link')}: ${named}`;
  },
  'qa.lexicon-clear': ({ record, facts, config, tier, now }) => {
    const unscanned = unscannedSources(record, facts.description).map((source) =>
      source === DESCRIPTION_SOURCE ? 'the description' : `asset "${record.assets.find((asset) => asset.id === source)?.name ?? source}"`,
    );
    if (unscanned.length > 0) {
      return `${unscanned.join(', ')} ${unscanned.length === 1 ? 'is' : 'are'} longer than ${MAX_SCANNED_CHARS.toLocaleString('en')} characters: the lexicon scan read only the first ${MAX_SCANNED_CHARS.toLocaleString('en')}; shorten the copy`;
    }
    // The library's claims used word for word, and current resolutions, clear a hit.
    const hits = reviewLexicon(record, { facts, config }, tier, now).unresolved;
    if (hits.length === 0) return null;
    const terms = [...new Set(hits.map((hit) => `"${hit.matched}"`))].slice(0, 3).join(', ');
    return `${plural(hits.length, 'unresolved lexicon hit')} (${terms})`;
  },
  // From the "is blocked by" links as Jira holds them now: a blocker declined still blocks until the link goes.
  'qa.blockers-launched': ({ record, facts, config }) => {
    // A blocker the panel linked and did not remove, whose link went some other way, still holds the gate: only the
    // owner or a triage lead may let a blocker that has not launched go, and the missing link cannot say whether it had.
    // Counted, not named: the reader may not browse it, and the panel names those they may.
    const unlinked = unlinkedPanelBlockers(record.panelBlockers, facts.links.blockers).length;
    if (unlinked > 0)
      return `${plural(unlinked, 'request')} it was made to wait on ${unlinked === 1 ? 'was' : 'were'} unlinked outside Flight Plan: link ${unlinked === 1 ? 'it' : 'them'} again, or this request's owner (its assignee) or a triage lead confirms the removal in the Dependencies section of its Flight Plan panel`;
    // Blockers the reader may not see (the panel and the validator mark them) are counted, not named; with no reader
    // known, none is named, and the words say where the ones they may see are named.
    const waiting = unlaunchedBlockers(facts.links.blockers, config.statusMap);
    if (waiting.length === 0) return null;
    if (facts.links.readerUnknown === true)
      return `blocked by ${plural(waiting.length, 'request')} not launched yet (the Dependencies section of its Flight Plan panel names those you may see)`;
    return `blocked by ${listNamed(namedRequests(waiting))}, not launched yet`;
  },
  // Re-checked here: the copy, the roles, the assignee and the writers may all have changed since.
  'qa.compliance-approval': ({ record, facts, config }) => complianceApprovalProblem(record, facts, config),
  // Complete with current approvals by members, the whole path judged (how many of each role, and a person counting
  // once across its steps); an empty path asks for none. Where the compliance item is mandatory and already says what
  // the compliance step lacks, the compliance step is left out of this item's words only, so it is not said twice.
  'qa.approval-path': ({ record, facts, config, tier }) => {
    const progress = pathProgress(config.approvalPaths[tier], record, facts, config.roles, null);
    const saidElsewhere =
      config.gateMatrix['qa.compliance-approval'].includes(tier) && complianceApprovalProblem(record, facts, config) !== null;
    const told = saidElsewhere ? { ...progress, steps: progress.steps.filter((step) => step.role !== COMPLIANCE_ROLE) } : progress;
    return approvalPathProblem(told, config.roles);
  },
};
