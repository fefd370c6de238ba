/**
 * A synthetic Jira export for `npm run metrics`, in the shapes of POST /rest/api/3/search/jql
 * (issues with created, duedate, status) and POST /rest/api/3/changelog/bulkfetch (each history
 * with a non-status item beside the first status change, as Jira writes them).
 */
const TRACK = ['Intake', 'Triage', 'Planning', 'Build', 'QA + Governance', 'Launch', 'Measure + Improve', 'Done'];
const HOUR = 3_600_000;

const random = (seed: number) => () => {
  seed = (seed * 1_664_525 + 1_013_904_223) >>> 0;
  return seed / 2 ** 32;
};

/** Jira's instant shape: `2026-06-30T00:00:00.000+0000`. */
const jiraInstant = (ms: number): string => new Date(ms).toISOString().replace('Z', '+0000');

export const syntheticExport = (count: number): { issues: unknown[]; changelogs: unknown[] } => {
  const next = random(7);
  const start = Date.parse('2025-01-01T00:00:00Z');
  const issues: unknown[] = [];
  const changelogs: unknown[] = [];
  for (let i = 0; i < count; i++) {
    const id = String(10_000 + i);
    const createdAt = start + Math.floor(next() * 365 * 24) * HOUR;
    const histories: unknown[] = [];
    let at = createdAt;
    let position = 0;
    while (histories.length < 8 && position < TRACK.length - 1) {
      at += Math.floor(1 + next() * 96) * HOUR;
      const back = position >= 3 && next() < 0.2;
      const to = back ? position - 1 : position + 1;
      histories.push({
        id: String(i * 100 + histories.length),
        created: jiraInstant(at),
        items: [
          { field: 'status', fieldtype: 'jira', fieldId: 'status', from: String(10_000 + position), fromString: TRACK[position], to: String(10_000 + to), toString: TRACK[to] },
          ...(histories.length === 0 ? [{ field: 'labels', fieldtype: 'jira', fieldId: 'labels', from: null, fromString: '', to: null, toString: 'webinar' }] : []),
        ],
      });
      position = to;
    }
    issues.push({
      id,
      key: `MKT-${i + 1}`,
      fields: { created: jiraInstant(createdAt), duedate: '2025-09-30', status: { name: TRACK[position], id: String(10_000 + position) } },
    });
    changelogs.push({ issueId: id, changeHistories: histories });
  }
  return { issues, changelogs };
};
