import Button from '@atlaskit/button/new';
import SectionMessage from '@atlaskit/section-message';
import Spinner from '@atlaskit/spinner';
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { loadConfig, saveConfig, type AdminConfigView, type AppConfig } from './api';
import { APP_UNREACHABLE, LoadFailed } from '../../shared/components';
import { AuditPart } from './AuditPart';
import { CrmImportPart } from './CrmImportPart';
import { WebTriggerPart } from './WebTriggerPart';
import { SetupPart } from './SetupPart';
import { TemplatesPart } from './TemplatesPart';
import { RepairPart } from './RepairPart';
import type { FieldErrors } from './fields';
import { LibrarySection } from './LibrarySection';
import { RolesSection } from './RolesPart';
import { ApprovalPathsSection } from './ApprovalPathsSection';
import { IndicatorsSection } from './IndicatorsSection';
import { GateMatrixSection, LexiconSection, RoutingSection, RulesSection, SlaSection, StatusMapSection, TriageSection } from './sections';
import { viewerDateTime } from '../../shared/viewer-time';
import { nameOf } from '../../shared/people';
import { configPartLabel } from '../../../src/domain/app-config-words';

type Load = { status: 'loading' } | { status: 'failed'; message: string } | { status: 'ready'; view: AdminConfigView };
type Outcome =
  | { kind: 'saved'; revision: number }
  | { kind: 'stale'; message: string }
  | { kind: 'invalid'; message: string }
  | { kind: 'failed'; message: string }
  | null;

const Part = ({ title, children }: { title: string; children: ReactNode }) => (
  <details className="fp-section" open>
    <summary>
      <h2>{title}</h2>
    </summary>
    <div className="fp-section-body">{children}</div>
  </details>
);

/** The admin page: every part of the configuration, validated on save, with a version check. */
export const AdminPage = () => {
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [draft, setDraft] = useState<AppConfig | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [saving, setSaving] = useState(false);
  // Bumped on every load, so the uncontrolled list inputs restart from what the server holds.
  const [generation, setGeneration] = useState(0);

  const reload = useCallback(async () => {
    const answer = await loadConfig().catch((error: unknown) => ({
      ok: false as const,
      // The bridge's own words (the sandbox says it is not reachable), never "Error: …" or an object.
      error: { code: 'BRIDGE.FAILED', message: error instanceof Error && error.message !== '' ? error.message : APP_UNREACHABLE },
    }));
    if (!answer.ok) {
      setLoad({ status: 'failed', message: answer.error.message });
      return;
    }
    setLoad({ status: 'ready', view: answer.data });
    setDraft(answer.data.stored.config);
    setErrors({});
    setGeneration((value) => value + 1);
  }, []);

  useEffect(() => {
    void reload();
  }, [reload]);

  if (load.status === 'failed') {
    return <LoadFailed title="The configuration could not be loaded" message={load.message} onRetry={() => void reload()} />;
  }
  if (load.status === 'loading' || draft === null) return <Spinner label="Loading the configuration" />;
  const { view } = load;
  const current = draft;
  const change = (next: Partial<AppConfig>) => setDraft({ ...current, ...next });

  const save = async () => {
    setSaving(true);
    setOutcome(null);
    try {
      const answer = await saveConfig(current, view.stored.revision);
      if (answer.ok) {
        setLoad({ status: 'ready', view: answer.data });
        // The server stamps what it saved (a new claim's id and approver): edit on from that.
        setDraft(answer.data.stored.config);
        setGeneration((value) => value + 1);
        setErrors({});
        setOutcome({ kind: 'saved', revision: answer.data.stored.revision });
      } else if (answer.error.code === 'CONFIG.INVALID') {
        setErrors(answer.error.fields ?? {});
        setOutcome({ kind: 'invalid', message: answer.error.message });
      } else {
        setOutcome({ kind: answer.error.code === 'CONFIG.STALE' ? 'stale' : 'failed', message: answer.error.message });
      }
    } finally {
      setSaving(false);
    }
  };

  const props = { draft: current, change, errors, people: view.people };
  return (
    <main className="fp-admin" key={generation} aria-label="Flight Plan configuration">
      <header className="fp-admin-head">
        <h1>Flight Plan configuration</h1>
        <span className="fp-muted" data-testid="config-revision">
          Revision {view.stored.revision}
        </span>
      </header>
      {view.unreadable && (
        <SectionMessage appearance="warning" title="The saved configuration cannot be read">
          <p>
            Every gate blocks every request until it is replaced. Below are Flight Plan&apos;s defaults: set them as your site needs, then
            press Save configuration to replace it. The unreadable configuration is kept in app storage, and the replacement is listed under
            Recent changes.
          </p>
        </SectionMessage>
      )}
      <Part title="Set up a project">
        <SetupPart />
      </Part>
      <Part title="Stages and Jira statuses">
        <StatusMapSection {...props} />
      </Part>
      <Part title="Gates: mandatory items per tier">
        <GateMatrixSection {...props} />
      </Part>
      <Part title="Triage and intake">
        <TriageSection {...props} />
      </Part>
      <Part title="SLAs and holidays">
        <SlaSection {...props} />
      </Part>
      <Part title="Compliance lexicon">
        <LexiconSection {...props} />
      </Part>
      <Part title="Pre-approved messaging library">
        <LibrarySection {...props} />
      </Part>
      <Part title="Routing">
        <RoutingSection {...props} />
      </Part>
      <Part title="Governance roles">
        <RolesSection {...props} />
      </Part>
      <Part title="Approval paths">
        <ApprovalPathsSection {...props} />
      </Part>
      <Part title="Naming, UTMs and metrics">
        <RulesSection {...props} />
      </Part>
      <Part title="Success metric indicators">
        <IndicatorsSection {...props} />
      </Part>
      <div className="fp-admin-save" role="region" aria-label="Save">
        <Button appearance="primary" isLoading={saving} onClick={() => void save()}>
          Save configuration
        </Button>
        {outcome?.kind === 'saved' && (
          <span role="status">
            Saved as revision {outcome.revision}.
            {view.changes[0]?.revision === outcome.revision &&
            view.changes[0].changed.some((part) => part === 'intake' || part === 'indicators')
              ? ' The intake rules changed: run Set up a project again for each project, so the check on Create uses them.'
              : ''}
          </span>
        )}
        {outcome?.kind === 'stale' && (
          <SectionMessage
            appearance="warning"
            title="Not saved: someone else saved first"
            actions={[
              <Button key="reload" onClick={() => void reload()}>
                Reload their version
              </Button>,
            ]}
          >
            <p>{outcome.message}</p>
          </SectionMessage>
        )}
        {(outcome?.kind === 'invalid' || outcome?.kind === 'failed') && (
          <SectionMessage appearance="error" title={outcome.kind === 'invalid' ? 'Not saved: fix the fields marked above' : 'Not saved'}>
            <p>{outcome.message}</p>
          </SectionMessage>
        )}
      </div>
      <Part title="Request templates">
        <TemplatesPart />
      </Part>
      <Part title="Repair a request">
        <RepairPart />
      </Part>
      <Part title="Import CRM figures">
        <CrmImportPart indicators={view.stored.config.indicators} />
        <WebTriggerPart />
      </Part>
      <Part title="Quarterly workflow audit">
        <AuditPart />
      </Part>
      <Part title="Recent changes">
        {view.changes.length === 0 ? (
          <p className="fp-muted">No changes recorded yet.</p>
        ) : (
          <ol className="fp-changes" aria-label="Recent changes">
            {view.changes.map((entry) => (
              <li key={entry.revision}>
                Revision {entry.revision}, {viewerDateTime(entry.at)}, by {nameOf(view.people, entry.by)}:{' '}
                {entry.changed.map(configPartLabel).join(', ')}
              </li>
            ))}
          </ol>
        )}
      </Part>
    </main>
  );
};
