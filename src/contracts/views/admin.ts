import type { Failure } from '../../domain/result';
import type { QuarterlyAudit } from '../../domain/quarterly-audit';
import type { SetupBlock, SetupStep } from '../../domain/project-setup/steps';
import type { StoredConfig } from '../app-config.schema';

/** One change of the configuration, for the audit. */
export interface ConfigChange {
  readonly at: string;
  readonly by: string;
  readonly revision: number;
  /** The top-level parts of the configuration that changed (`slaBusinessDays`, `lexicon`…). */
  readonly changed: readonly string[];
}

export interface AdminConfigView {
  readonly stored: StoredConfig;
  /** The latest changes, newest first. */
  readonly changes: readonly ConfigChange[];
  /** Display names of the people the page shows, by account ID (those Jira could name). */
  readonly people: Readonly<Record<string, string>>;
  /**
   * Present when the stored configuration cannot be read (every gate blocks): `stored` then holds the defaults at the
   * revision it would be replaced from, and saving replaces it, keeping the unreadable one.
   */
  readonly unreadable?: true;
}

/** An admin's reset of an unreadable Flight Plan: the request, and the revision its empty Flight Plan starts at. */
export interface RecordReset {
  readonly issueKey: string;
  readonly revision: number;
}

/** The quarterly workflow audit as the admin page shows it. */
export interface AuditView {
  readonly audit: QuarterlyAudit;
  /** Stored entries (refusals, decisions) that could not be read, and were left out. */
  readonly unreadableEntries: number;
  /** Display names of the people in the audit, by account ID. */
  readonly people: Readonly<Record<string, string>>;
  /** The approver roles' names, by key, for the approval figures. */
  readonly roleLabels: Readonly<Record<string, string>>;
}

/** A step as the admin page shows it: what it does and the request it sends. */
export interface StepView {
  readonly kind: SetupStep['kind'];
  readonly summary: string;
  readonly method: string;
  readonly path: string;
  readonly body: unknown;
}

export interface SetupPlanView {
  readonly project: { readonly key: string; readonly name: string; readonly companyManaged: boolean };
  readonly steps: readonly StepView[];
  /** Why setup cannot finish, found while planning; the steps before it can still run. */
  readonly blocked?: Failure<SetupBlock>;
}

export interface SetupRunView {
  readonly project: SetupPlanView['project'];
  /**
   * `set-up`: Jira now has everything; `unchanged`: it already had; `partial`: this run's share is
   * done and the page runs setup again for the rest; `stopped`: see `failed` / `blocked`.
   */
  readonly outcome: 'set-up' | 'unchanged' | 'partial' | 'stopped';
  readonly done: readonly StepView[];
  readonly failed?: { readonly step: StepView; readonly message: string };
  readonly blocked?: Failure<SetupBlock>;
  /** What is left to do: the dry run from where the run stopped. */
  readonly remaining: readonly StepView[];
  readonly requests: number;
}

/** A project Set up project set up, checked again for the audit. */
export interface SetUpProjectCheck {
  readonly projectKey: string;
  readonly setUpAt: string;
  readonly setUpBy: string;
  /** What no longer matches the setup (missing gate validators first); empty when all is in place. */
  readonly findings: readonly string[];
}

/** The audit's check of every project set up (`setup/check`), with the names of the people who set them up. */
export interface SetupChecksView {
  readonly projects: readonly SetUpProjectCheck[];
  readonly people: Readonly<Record<string, string>>;
}
