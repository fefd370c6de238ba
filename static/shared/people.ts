/** A person's name; someone Jira could not name is never shown by account ID. */
export const nameOf = (people: Readonly<Record<string, string>>, accountId: string): string =>
  people[accountId] ?? 'someone Jira could not name';
