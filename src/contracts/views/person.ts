/** A Jira user as the app shows one: the name people read, the account id the app keeps. */
export interface Person {
  readonly accountId: string;
  readonly displayName: string;
}
