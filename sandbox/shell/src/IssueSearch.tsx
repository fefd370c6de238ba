import { useEffect, useState } from 'react';
import { Card } from './Board';
import { jira, type IssueSummary } from './sandbox-api';

/** Jira's issue search (`/issues/?jql=…`), where an app sends a person to see a list of requests. */
export const IssueSearch = ({ jql }: { jql: string }) => {
  const [issues, setIssues] = useState<readonly IssueSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    jira<{ issues: IssueSummary[] }>('POST', '/search/jql', {
      jql,
      fields: ['summary', 'status', 'duedate', 'assignee'],
      properties: ['flight-plan-summary'],
      maxResults: 100,
    }).then(
      (page) => setIssues(page.issues),
      (failure: unknown) => setError(failure instanceof Error ? failure.message : String(failure)),
    );
  }, [jql]);
  return (
    <section aria-labelledby="search-title">
      <h1 id="search-title">Search results</h1>
      <p className="shell-muted" data-testid="search-jql">
        {jql}
      </p>
      {error && <p role="alert">{error}</p>}
      {issues === null && !error && <p role="status">Searching…</p>}
      {issues && (
        <ul className="shell-search-results" data-testid="search-results">
          {issues.map((issue) => (
            <Card key={issue.id} issue={issue} />
          ))}
        </ul>
      )}
    </section>
  );
};
