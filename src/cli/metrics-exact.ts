/**
 * What `npm run metrics` needs zod for, built as a file of its own (`dist/metrics-exact.js`) and loaded only when the
 * command needs it: loading zod alone takes about a tenth of a second, more than a quarter of the command's target
 * (issue 12), and an export of Jira's usual shape with no `--stages` file never needs it.
 */
export { parseMetricsExportJson } from '../contracts/jira-export-json';
export { stageOverridesOf } from './stages-file';
