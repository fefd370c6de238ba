// The manifest's table of contents: every `handler: index.<name>` in manifest.yml is exported here.

// Workflow validators (jira:workflowValidator), one per gate
export { intakeGateValidator } from './handlers/validators/intake-gate.validator';
export { triageGateValidator } from './handlers/validators/triage-gate.validator';
export { planningGateValidator } from './handlers/validators/planning-gate.validator';
export { buildGateValidator } from './handlers/validators/build-gate.validator';
export { qaGateValidator } from './handlers/validators/qa-gate.validator';
export { launchGateValidator } from './handlers/validators/launch-gate.validator';
export { measureGateValidator } from './handlers/validators/measure-gate.validator';
// …and the triage lead's recorded decision on the moves to Waiting and Declined
export { declineMoveValidator, waitMoveValidator } from './handlers/validators/triage-move.validator';

// Resolvers (jira:issuePanel, jira:issueContext)
export { issuePanelResolver } from './handlers/resolvers/issue-panel.resolver';

// Dynamic properties (jira:issueContext): the collapsed gate badge's status
export { gateBadgeStatus } from './handlers/dynamic-properties/gate-badge.dynamic-properties';

// Resolvers (jira:adminPage)
export { adminResolver } from './handlers/resolvers/admin.resolver';

// Resolvers (jira:dashboardGadget)
export { gadgetsResolver } from './handlers/resolvers/gadgets.resolver';

// Resolvers (jira:projectPage)
export { newRequestResolver } from './handlers/resolvers/new-request.resolver';

// Triggers (avi:jira:created:issue, avi:jira:updated:issue, avi:jira:deleted:issue)
export { issueChangedTrigger } from './handlers/triggers/issue-changed.trigger';
export { issueDeletedTrigger } from './handlers/triggers/issue-deleted.trigger';

// Queue consumers and scheduled triggers (metrics refresh)
export { metricsRefreshConsumer } from './handlers/consumers/metrics-refresh.consumer';
export { metricsRefreshScheduled } from './handlers/scheduled/metrics-refresh.scheduled';

// Queue consumers and scheduled triggers (SLA reminders, launch watch)
export { remindersConsumer } from './handlers/consumers/reminders.consumer';
export { remindersScheduled } from './handlers/scheduled/reminders.scheduled';

// Web triggers: CRM figures posted by a CRM workflow or an automation tool
export { crmFiguresWebTrigger } from './handlers/webtriggers/crm-figures.webtrigger';
