import { describe, expect, it } from 'vitest';
import { changedSinceJql, fetchHistoriesPage } from '../../src/use-cases/fetch-status-histories';
import { fetchAllPages } from '../fakes/fetch-all-pages';
import { TestJira } from '../fakes/test-jira';
import { testDeps } from '../fakes/site-deps';
import { MemoryStore } from '../fakes/memory-store';

/** A Jira with `count` issues, each moved Intake → Triage → Planning. */
const jiraWith = (count: number) => {
  const jira = new TestJira();
  for (let i = 1; i <= count; i++) {
    const { id } = jira.addIssue({
      id: String(10_000 + i),
      key: `MKT-${i}`,
      status: 'Planning',
      created: '2026-06-01T09:00:00.000+0000',
      duedate: '2026-07-01',
    });
    jira.addStatusChange(id, '2026-06-02T09:00:00.000+0000', 'Intake', 'Triage');
    jira.addStatusChange(id, '2026-06-03T09:00:00.000+0000', 'Triage', 'Planning');
  }
  return jira;
};

describe('fetchHistoriesPage', () => {
  it('pages through search and bulkfetch and returns every history, sorted', async () => {
    const jira = jiraWith(7);
    jira.searchPageCap = 3;
    jira.changelogPageCap = 4;
    const result = await fetchAllPages(testDeps(jira, new MemoryStore())().jira, 'project = MKT');
    expect(result.histories).toHaveLength(7);
    expect(result.histories[6]).toEqual({
      id: '10007',
      key: 'MKT-7',
      createdAt: Date.parse('2026-06-01T09:00:00.000Z'),
      dueDate: '2026-07-01',
      currentStatus: 'Planning',
      changes: [
        { at: Date.parse('2026-06-02T09:00:00.000Z'), fromStatus: 'Intake', toStatus: 'Triage' },
        { at: Date.parse('2026-06-03T09:00:00.000Z'), fromStatus: 'Triage', toStatus: 'Planning' },
      ],
    });
    // 3 search pages (3 + 3 + 1 issues); each page's 6, 6 and 2 histories take 2, 2 and 1 bulkfetch pages of 4.
    expect(result.requests).toBe(8);
  });

  it('meets the lower bound of ⌈N/5000⌉ + bulkfetch pages on a large refresh', async () => {
    const jira = jiraWith(2_500);
    const result = await fetchAllPages(testDeps(jira, new MemoryStore())().jira, 'project = MKT');
    expect(result.requests).toBe(Math.ceil(2_500 / 5_000) + Math.ceil(2_500 / 1_000));
  });

  it('stops, saying why, when bulkfetch gives the same page token again instead of paging without end', async () => {
    const jira = jiraWith(2);
    jira.changelogPageCap = 1;
    const jiraAnswers = jira.transport;
    (jira as { transport: typeof jiraAnswers }).transport = async (path, init) => {
      const answer = await jiraAnswers(path, init);
      if (!path.includes('bulkfetch')) return answer;
      const page = JSON.parse(await answer.text()) as Record<string, unknown>;
      const text = JSON.stringify({ ...page, nextPageToken: 'stuck' });
      return { ...answer, text: async () => text };
    };
    const result = await fetchHistoriesPage(testDeps(jira, new MemoryStore())().jira, 'project = MKT');
    expect(result).toEqual({
      ok: false,
      error: { code: 'JIRA.BAD_RESPONSE', message: 'changelog/bulkfetch gave the same page token twice (stuck)' },
    });
  });

  it('reports a Jira failure instead of partial data', async () => {
    const jira = jiraWith(2);
    const jiraAnswers = jira.transport;
    (jira as { transport: typeof jiraAnswers }).transport = async (path, init) =>
      path.includes('bulkfetch')
        ? { status: 403, headers: { get: () => null }, text: async () => '{"errorMessages":["no browse"]}' }
        : jiraAnswers(path, init);
    const result = await fetchHistoriesPage(testDeps(jira, new MemoryStore())().jira, 'project = MKT');
    expect(!result.ok && result.error.code).toBe('JIRA.FORBIDDEN');
  });
});

describe('changedSinceJql', () => {
  const now = new Date('2026-06-10T12:00:00Z');
  it('adds a relative watermark with overlap, keeping ORDER BY last', () => {
    expect(changedSinceJql('project = MKT ORDER BY created DESC', new Date('2026-06-10T10:30:00Z'), now)).toBe(
      '(project = MKT) AND updated >= "-95m" ORDER BY created DESC',
    );
    expect(changedSinceJql('project = MKT', null, now)).toBe('project = MKT');
  });
});
