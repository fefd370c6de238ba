/** An issue view module as the sandbox lists it for an issue, and what Jira shows of it before it is opened. */
export interface IssueViewModule {
  readonly type: 'jira:issuePanel' | 'jira:issueContext';
  readonly key: string;
  readonly resource: string;
  readonly title: string;
  /** A context panel's label, beside its title. */
  readonly label?: string;
  /** A context panel's status lozenge, badge or icon: from its `dynamicProperties` function, else the manifest's `status`. */
  readonly status?: {
    readonly type: 'badge' | 'lozenge' | 'icon';
    readonly value: { readonly label: string; readonly url?: string; readonly type?: string };
  };
}
