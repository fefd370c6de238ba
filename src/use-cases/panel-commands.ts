import type { ParsedCommand } from '../contracts/resolver-contract';
import type { RecordWriteCode } from '../contracts/resolvers';
import { appFieldIds, issueFactsFrom, projectIdOf } from '../contracts/jira-issue-facts';
import { approvalEventsOf } from '../domain/approval-events';
import { effectiveTier } from '../domain/gates/evaluate-gate';
import type { AuditPage } from '../domain/audit-trail';
import { applyCommand, type RecordCommand } from '../domain/record-commands';
import type { FlightPlanRecord } from '../domain/flight-plan-record';
import { largestParts } from '../domain/record-parts';
import { saveEffects } from '../domain/save-effects';
import { stageOfStatus } from '../domain/app-config';
import { TIER_LABELS } from '../domain/tiers';
import { isLaunchedStage } from '../domain/stages';
import { mentionComment } from './comments';
import { isGovernanceAction, quarterOf } from '../domain/quarterly-audit';
import { err, failure, ok, type Failure, type Result } from '../domain/result';
import { unseenWords } from '../domain/dependencies';
import {
  isRetired,
  MAX_VALUE_BYTES,
  mayCommitOver,
  serializedSize,
  storageKeys,
  type AppStore,
  type Commit,
  type GuardedWrite,
} from './ports';
import type { PanelView } from '../contracts/views/panel';
import { accountsIn, load, type Caller, type Loaded, type PanelDeps } from './panel-load';
import { deletedByJira } from './issue-access';
import { trailMoveWrites } from './load-issue-state';
import { viewOf } from './panel-view';
import { assignByRouting } from './team-load';
import { campaignOf, listCampaignsOfStoredRecordsBriefly, listedRecord, othersJudgedOn } from './campaign-requests';
import { campaignFiguresSchema, campaignStorageKey, isEnteredByHand } from '../contracts/crm-figures.schema';

/**
 * Runs one record command (its payload parsed by the resolver): check the caller may edit the issue, apply the
 * command to the record, save it, then tell Jira what the save means (`saveEffects`: the tier field, routing, the triage
 * move and its comment, the summary property).
 * Any refusal happens before the write, so a refused call changes nothing.
 */
export const runCommand = async (
  deps: PanelDeps,
  caller: Caller,
  { command, expectedRevision }: ParsedCommand,
): Promise<Result<PanelView, Failure<RecordWriteCode>>> => {
  const loaded = await load(deps, caller, 'edit');
  if (!loaded.ok) return loaded;
  return execute(deps, caller, loaded.value, command, expectedRevision);
};

const kilobytes = (bytes: number): string => `${String(Math.ceil(bytes / 1024))} KB`;

/** Names the two largest parts of a record too large to store, with their sizes: what grew, in words. */
const tooLargeMessage = (record: FlightPlanRecord, size: number): string => {
  const [largest, next] = largestParts(record, serializedSize);
  const parts = [largest, next].flatMap((part) => (part === undefined ? [] : [`${part.words} (${kilobytes(part.bytes)})`]));
  return `this change would make the Flight Plan ${kilobytes(size)}, over the ${kilobytes(MAX_VALUE_BYTES)} app storage keeps for it; its largest parts are ${parts.join(' and ')}`;
};

const savedSinceOpened = () =>
  failure('RECORD.STALE', 'someone saved this Flight Plan since you opened it; reload to see their change, then make yours again');

/**
 * A monitoring owner the command names anew must be a person's account Jira knows (not an app's): the Launch gate counts the item as done, and the
 * observation reminders mention them. Jira's bulk user lookup leaves out an account id it does not know (GET
 * /rest/api/3/user/bulk answers 200 with the users it found; its spec lists no 404), so one it leaves out is refused;
 * so is an account whose `accountType` is not "atlassian" (the app's own, a service desk customer's).
 * The owner must also be able to edit the request. Answers the owner's name, to show without asking Jira again.
 */
const newMonitoringOwner = async (
  deps: PanelDeps,
  issueId: string,
  loaded: Loaded,
  record: FlightPlanRecord,
): Promise<Result<Readonly<Record<string, string>>, Failure<RecordWriteCode>>> => {
  const owner = record.launch.monitoringOwnerId;
  // Asked of Jira even for someone the panel already names (a role member, the assignee): being named is not being able.
  if (owner === undefined || owner === loaded.state.record.launch.monitoringOwnerId) return ok({});
  const names = await deps.jira.peopleNames([owner]);
  if (!names.ok) return names;
  const name = names.value.get(owner);
  if (name === undefined)
    return failure(
      'PERSON.NOT_AN_ACCOUNT',
      `monitoring owner: "${owner}" is not a person's account on this Jira site; pick the monitoring owner by name`,
    );
  // The owner records the launch's observations, which only someone who may edit the request can.
  const permissions = await deps.jira.issuePermissions(owner, issueId);
  if (!permissions.ok) return permissions;
  return permissions.value.edit
    ? ok({ [owner]: name })
    : failure(
        'PERSON.CANNOT_EDIT',
        `monitoring owner: ${name} cannot edit this request, so could not record its launch observations; pick someone who can`,
      );
};

/** Why a campaign key shared with another project is refused, in the refusal's words. */
const ONE_PROJECT_PER_CAMPAIGN =
  "a campaign's figures show on every request that names it, to everyone who may read that request, so a campaign stays within one project: choose another key";

/** The most other requests of a campaign a new campaign key is checked against; a campaign with more is refused. */
const MAX_SHARERS_CHECKED = 50;

/**
 * A campaign key the command sets anew must not name a campaign that a request the caller may not browse is judged on,
 * nor one a request of another project is: whoever reads a request reads its campaign's figures (its Outcome section;
 * the Outcomes gadget counts them), so naming another's campaign would read that request's figures, and a request of
 * another project has other readers, whom its campaign's figures would reach through this one. Browsing is asked of
 * Jira as the app, as for the links (`linksIfSeenBy`); a campaign that cannot be vouched for (its list does not read,
 * is full, or names more than MAX_SHARERS_CHECKED) is refused too.
 */
const campaignSeenWhole = async (
  deps: PanelDeps,
  caller: Caller,
  loaded: Loaded,
  after: FlightPlanRecord,
): Promise<Result<null, Failure<RecordWriteCode>>> => {
  const campaign = campaignOf(after);
  if (campaign === null || campaign === campaignOf(loaded.state.record)) return ok(null);
  // The lists name the requests saved since they were kept; the hourly walk lists those stored before. Until it has
  // walked them all, a request it has not reached could be judged on the campaign unseen: a short run of it is taken
  // here (on a new site, or one with few requests, that finishes it; once it is done, a run reads its progress and
  // nothing else), and a campaign key waits for the rest.
  if ((await listCampaignsOfStoredRecordsBriefly(deps.store)).remaining)
    return failure(
      'CAMPAIGN.UNSEEN_REQUESTS',
      "campaign key: Flight Plan is still finding which requests share each campaign, as it does once after an update (each hourly run reads up to a thousand requests), and cannot yet tell who may read this campaign's figures; set it again in an hour",
    );
  const others = await othersJudgedOn(deps.store, campaign, caller.issueId);
  if (others === null || others.length > MAX_SHARERS_CHECKED)
    return failure(
      'CAMPAIGN.UNSEEN_REQUESTS',
      `campaign key: Flight Plan cannot tell who may read the requests judged on campaign ${campaign}, so it cannot tell whether its figures may be shown here; choose another key`,
    );
  const project = projectIdOf(loaded.issue);
  if (others.length === 0) return handFiguresStayHome(deps.store, campaign, project, false);
  const browsable = await deps.jira.browsableIssues(caller.accountId, others);
  if (!browsable.ok) return browsable;
  const unseen = others.filter((id) => !browsable.value.has(id)).length;
  if (unseen > 0)
    return failure(
      'CAMPAIGN.UNSEEN_REQUESTS',
      `campaign key: ${unseenWords(unseen)} ${unseen === 1 ? 'is' : 'are'} already judged on campaign ${campaign}, and this request would show you ${unseen === 1 ? 'its' : 'their'} figures; choose another key, or ask someone who may see every request of that campaign`,
    );
  const issues = await Promise.all(others.map((id) => deps.jira.getIssue(id)));
  const elsewhere: string[] = [];
  for (const issue of issues) {
    // A request Jira deleted is judged on nothing.
    if (!issue.ok && issue.error.code === 'JIRA.NOT_FOUND') continue;
    if (!issue.ok) return issue;
    if (projectIdOf(issue.value) !== project) elsewhere.push(issue.value.key);
  }
  return elsewhere.length === 0
    ? handFiguresStayHome(deps.store, campaign, project, true)
    : failure(
        'CAMPAIGN.UNSEEN_REQUESTS',
        `campaign key: ${elsewhere.slice(0, 3).join(', ')}${elsewhere.length > 3 ? ` and ${elsewhere.length - 3} more` : ''} of another project ${elsewhere.length === 1 ? 'is' : 'are'} already judged on campaign ${campaign}; ${ONE_PROJECT_PER_CAMPAIGN}`,
      );
};

/**
 * A campaign's figures entered by hand stay within the project of the request they were entered on: once Jira deletes
 * that request (or an admin resets its record), it is judged on the campaign no more, but what its owner entered is
 * still the campaign's, and would show on the next request to name it. A hand entry stored before its project was
 * kept is vouched for only by a request of this project still judged on the campaign (`vouched`).
 */
const handFiguresStayHome = async (
  store: PanelDeps['store'],
  campaign: string,
  project: string,
  vouched: boolean,
): Promise<Result<null, Failure<RecordWriteCode>>> => {
  const key = campaignStorageKey(campaign);
  const stored = campaignFiguresSchema.safeParse((await store.getMany([key])).get(key));
  // Figures that do not read show on no request; an import of the campaign's report replaces them.
  if (!stored.success) return ok(null);
  const byHand = stored.data.entries.filter(isEnteredByHand);
  if (byHand.some((entry) => entry.projectId !== undefined && entry.projectId !== project))
    return failure(
      'CAMPAIGN.UNSEEN_REQUESTS',
      `campaign key: campaign ${campaign} holds figures entered by hand on a request of another project; ${ONE_PROJECT_PER_CAMPAIGN}`,
    );
  if (!vouched && byHand.some((entry) => entry.projectId === undefined))
    return failure(
      'CAMPAIGN.UNSEEN_REQUESTS',
      `campaign key: campaign ${campaign} holds figures entered by hand on a request no longer judged on it, and Flight Plan cannot tell which project that request is in; choose another key, or a Jira admin imports the campaign's report`,
    );
  return ok(null);
};

/**
 * When the request entered Launch, as far as a command should take it: by the stage log, or, for a request whose status
 * is already Launch's or a later stage's but whose log does not say so yet (the trigger that writes it runs after the
 * move), no later than now. Without this a command sent just after the move would be taken as before launch.
 */
const launchEnteredBy = (loaded: Loaded, now: Date): string | null => {
  if (loaded.history.launchEnteredAt !== null) return loaded.history.launchEnteredAt;
  return isLaunchedStage(stageOfStatus(loaded.facts.status, loaded.state.stored.config.statusMap)) ? now.toISOString() : null;
};

/** Times a save is sent again when only its campaign's list moved on since it was read. */
const LIST_RETRIES = 3;

/** Whether a refused commit was refused for its campaign list alone: every other guarded value is as it was read. */
const onlyTheListMoved = async (
  store: AppStore,
  guarded: readonly GuardedWrite[],
  { listing }: { readonly listing: GuardedWrite | null },
): Promise<boolean> => {
  if (listing === null) return false;
  const committed = await store.committedRevisions([listing.key, ...guarded.map((write) => write.key)]);
  const movedOn = (write: GuardedWrite) => !mayCommitOver(committed.get(write.key) ?? 0, write.readRevision);
  return movedOn(listing) && !guarded.some(movedOn);
};

/** Applies a parsed command to a loaded request; every refusal comes before the write. */
export const execute = async (
  deps: PanelDeps,
  caller: Caller,
  loaded: Loaded,
  command: RecordCommand,
  expectedRevision: number,
  /** What commits with the record, all or nothing: a template it saved, a campaign's figures a person entered. */
  alongside: Partial<Pick<Commit, 'plain' | 'guarded'>> = {},
): Promise<Result<PanelView, Failure<RecordWriteCode>>> => {
  const { state, facts } = loaded;
  if (expectedRevision !== state.record.revision) return savedSinceOpened();

  const actor = {
    accountId: caller.accountId,
    now: deps.now,
    assigneeId: facts.assigneeId,
    reporterId: facts.reporterId,
    creatorId: facts.creatorId,
    formerOwnerIds: facts.formerOwnerIds,
    descriptionWriterIds: facts.descriptionWriterIds,
    description: facts.description,
    scores: facts.scores,
    launchEnteredAt: launchEnteredBy(loaded, deps.now),
  };
  const changed = applyCommand(state.record, command, actor, state.stored.config);
  if (!changed.ok) return changed;
  const { entry } = changed.value;
  const owner = await newMonitoringOwner(deps, caller.issueId, loaded, changed.value.record);
  if (!owner.ok) return owner;
  const campaignSeen = await campaignSeenWhole(deps, caller, loaded, changed.value.record);
  if (!campaignSeen.ok) return campaignSeen;
  // The campaign's list of requests, which the app keeps because Jira lets any editor rewrite the summary property.
  let listed = await listedRecord(deps.store, caller.issueId, changed.value.record);
  const { record } = listed;
  const size = serializedSize(record);
  if (size > MAX_VALUE_BYTES) return failure('RECORD.TOO_LARGE', tooLargeMessage(record, size));

  // The audit entry commits with the record, under the revision it made: both or neither. A record that still carries
  // its trail inside it has it moved out by this same commit (the record written drops it).
  const recordKey = storageKeys.record(caller.issueId);
  const writes = new Map<string, unknown>([
    ...(alongside.plain ?? []),
    ...trailMoveWrites(caller.issueId, state.embeddedTrail, state.record.revision),
  ]);
  writes.set(storageKeys.auditPage(caller.issueId, record.revision), { entries: [entry] } satisfies AuditPage);
  // A governance decision, and what the change did to approvals, are also kept by quarter for the audit, in the same storage round trip.
  const quarter = quarterOf(deps.now);
  if (isGovernanceAction(entry.action)) {
    writes.set(storageKeys.governance(quarter, caller.issueId, deps.now.getTime()), {
      key: facts.issueKey,
      by: entry.by,
      at: entry.at,
      action: entry.action,
      detail: entry.detail,
    });
  }
  const approvalEvents = approvalEventsOf(
    state.record,
    record,
    facts.issueKey,
    facts,
    state.stored.config,
    effectiveTier('qa', state.record, facts),
    loaded.history.qaEnteredAt,
    deps.now,
  );
  // All of them under one key: a copy change that makes 100 approvals stale is still one operation of the transaction.
  if (approvalEvents.length > 0)
    writes.set(storageKeys.approvalEvent(quarter, caller.issueId, `r${record.revision}`), { events: approvalEvents });
  // The record commits only from the revision read: of two saves from the same revision, one is refused, none lost.
  const recordWrite = (value: FlightPlanRecord): GuardedWrite => ({
    key: recordKey,
    value,
    readRevision: state.record.revision,
    revision: record.revision,
  });
  const others = alongside.guarded ?? [];
  const commitListed = () =>
    deps.store.commit({
      guarded: [recordWrite(listed.record), ...others, ...(listed.listing === null ? [] : [listed.listing])],
      plain: writes,
    });
  let outcome = await commitListed();
  // Another request joining the same campaign meanwhile moved its list, not this save's values: listed again and sent.
  for (
    let relist = 0;
    outcome === 'conflict' && relist < LIST_RETRIES && (await onlyTheListMoved(deps.store, [recordWrite(record), ...others], listed));
    relist++
  ) {
    // The request that moved the list may have joined the same campaign: it is judged again, as if it had come first.
    const seenAgain = await campaignSeenWhole(deps, caller, loaded, changed.value.record);
    if (!seenAgain.ok) return seenAgain;
    listed = await listedRecord(deps.store, caller.issueId, changed.value.record);
    outcome = await commitListed();
  }
  // A conflict for good: Jira deleted the request after the panel read it, and its guards were retired.
  if (outcome === 'conflict') return (await isRetired(deps.store, recordKey)) ? deletedByJira('edit') : savedSinceOpened();

  // People the change brought into the record (a new approver, say) are named too.
  const named = { ...loaded.people, ...owner.value };
  const unnamed = accountsIn(record, []).filter((id) => !Object.hasOwn(named, id));
  const names = unnamed.length === 0 ? null : await deps.jira.displayNames(unnamed);
  const people = names !== null && names.ok ? { ...named, ...Object.fromEntries(names.value) } : named;
  let view = viewOf({ ...loaded, people }, record, deps.now, []);
  const warnings: string[] = [];
  const { statusMap } = state.stored.config;
  const effects = saveEffects(state.record, record, command, {
    stage: stageOfStatus(facts.status, statusMap),
    labels: facts.labels,
    config: state.stored.config,
  });
  for (const effect of effects) {
    switch (effect.kind) {
      case 'copy-tier': {
        const tierFieldId = appFieldIds(loaded.issue).tier;
        const mirrored = tierFieldId
          ? // The field holds the tier as the panel names it: Jira's issue view shows a string field as stored.
            await deps.jira.setAppFieldValue(tierFieldId, caller.issueId, TIER_LABELS[effect.tier])
          : err({ message: 'the Governance tier field is not on this issue' });
        if (!mirrored.ok) warnings.push(`the tier was saved but not copied to the Governance tier field: ${mirrored.error.message}`);
        break;
      }
      case 'route':
        warnings.push(
          ...(await assignByRouting(deps.jira, state.stored.config, effect.rule, {
            ...facts,
            effortFieldId: appFieldIds(loaded.issue).effort,
          })),
        );
        break;
      case 'move': {
        // Made as the lead: the transition's validator finds the decision just recorded.
        const move = await deps.jiraAsUser.moveToStatus(caller.issueId, statusMap[effect.to.stage]);
        if (!move.ok) warnings.push(`the decision was saved, but the request was not moved to ${effect.to.status}: ${move.error.message}`);
        else if (!move.value)
          warnings.push(`the decision was saved, but the request cannot move to ${effect.to.status} from ${facts.status}`);
        else {
          // The request moved: the panel shows it where it now is, and the summary property says so. A move changes no
          // link: the links stay as the caller may read them.
          const moved = await deps.jira.getIssue(caller.issueId);
          if (moved.ok)
            view = viewOf(
              { ...loaded, people, issue: moved.value, facts: { ...issueFactsFrom(moved.value, facts), links: facts.links } },
              record,
              deps.now,
              [],
            );
        }
        break;
      }
      case 'tell-requester': {
        const lead = people[caller.accountId] ?? 'a triage lead';
        const told = await deps.jira.addComment(
          caller.issueId,
          mentionComment(
            facts.reporterId,
            `${lead} decided that this request ${effect.decision === 'wait' ? 'waits' : 'is declined'}: ${effect.reason}`,
          ),
        );
        if (!told.ok) warnings.push(`the requester was not told in a comment: ${told.error.message}`);
        break;
      }
      case 'write-summary': {
        const summary = await deps.jira.setSummaryProperty(caller.issueId, view.evaluation.summary);
        if (!summary.ok) warnings.push(`the change was saved but the JQL summary was not updated: ${summary.error.message}`);
        break;
      }
    }
  }
  return ok({ ...view, warnings });
};
