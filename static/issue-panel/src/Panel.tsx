import SectionMessage from '@atlaskit/section-message';
import Spinner from '@atlaskit/spinner';
import { LoadFailed } from '../../shared/components';
import { AssetsSection } from './AssetsSection';
import { AuditSection } from './AuditSection';
import { BriefSection } from './BriefSection';
import { DependenciesSection } from './DependenciesSection';
import { GateChecklist } from './GateChecklist';
import { LaunchForecast } from './LaunchForecast';
import { LaunchSection } from './LaunchSection';
import { OutcomeSection } from './OutcomeSection';
import { PlanSection } from './PlanSection';
import { QaSection } from './QaSection';
import { RetroSection } from './RetroSection';
import { StageTrack } from './StageTrack';
import { TriageSection } from './TriageSection';
import { usePanel } from './use-panel';
import { sentenceCase } from './words';

/** The "Flight Plan" issue panel: stage track, the next gate's checklist, then every part of the record. */
export const Panel = () => {
  const { state, saving, warnings, save, adopt, reload } = usePanel();
  if (state.status === 'loading') {
    return (
      <div className="fp-center" role="status">
        <Spinner size="medium" label="Loading the Flight Plan" />
      </div>
    );
  }
  if (state.status === 'failed') {
    return <LoadFailed title="The Flight Plan could not be loaded" message={sentenceCase(state.message)} onRetry={() => void reload()} />;
  }
  const { view } = state;
  // Sections are keyed by revision so their forms restart from what the server saved.
  const key = view.record.revision;
  return (
    <main className="fp-panel" aria-label={`Flight Plan for ${view.issueKey}`} aria-busy={saving !== null}>
      <StageTrack view={view} />
      <LaunchForecast stage={view.stage} dueDate={view.facts.dueDate} />
      {!view.canEdit && (
        <SectionMessage appearance="information">You can read this Flight Plan; editing needs the Edit issues permission.</SectionMessage>
      )}
      {warnings.map((warning) => (
        <SectionMessage key={warning} appearance="warning">
          {warning}
        </SectionMessage>
      ))}
      <GateChecklist view={view} />
      <BriefSection view={view} />
      <TriageSection key={`triage-${key}`} view={view} save={save} saving={saving} />
      <PlanSection key={`plan-${key}`} view={view} save={save} saving={saving} />
      <DependenciesSection onChanged={() => void reload()} />
      <AssetsSection view={view} save={save} saving={saving} />
      <QaSection view={view} save={save} saving={saving} />
      <LaunchSection key={`launch-${key}`} view={view} save={save} saving={saving} />
      <RetroSection key={`retro-${key}`} view={view} save={save} saving={saving} />
      <OutcomeSection revision={view.record.revision} onSaved={adopt} />
      <AuditSection view={view} />
    </main>
  );
};
