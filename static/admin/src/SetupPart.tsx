import Button from '@atlaskit/button/new';
import SectionMessage from '@atlaskit/section-message';
import { useState } from 'react';
import { callAdmin } from './api';
import type { SetupPlanView, SetupRunView, StepView } from '../../../src/contracts/views/admin';
import { KeyForm } from './fields';

type State =
  | { kind: 'idle' }
  | { kind: 'busy'; label: string }
  | { kind: 'planned'; plan: SetupPlanView }
  | { kind: 'ran'; run: SetupRunView; steps: readonly StepView[]; requests: number }
  | { kind: 'failed'; message: string };

const Steps = ({ steps, label }: { steps: readonly StepView[]; label: string }) => (
  <ol className="fp-setup-steps" aria-label={label}>
    {steps.map((step, index) => (
      <li key={`${step.kind}-${index}`}>{step.summary}</li>
    ))}
  </ol>
);

/**
 * Set up a project: a dry run of every change first, then the changes, made by the app as the
 * admin. The server does a share per call; the page calls again until the project is set up.
 */
export const SetupPart = () => {
  const [projectKey, setProjectKey] = useState('');
  const [state, setState] = useState<State>({ kind: 'idle' });
  const key = projectKey.trim().toUpperCase();

  const preview = async () => {
    setState({ kind: 'busy', label: `Reading ${key} from Jira…` });
    const answer = await callAdmin('setup/plan', { projectKey: key });
    setState(answer.ok ? { kind: 'planned', plan: answer.data } : { kind: 'failed', message: answer.error.message });
  };

  const apply = async () => {
    const made: StepView[] = [];
    let requests = 0;
    for (let run = 0; run < 10; run++) {
      setState({ kind: 'busy', label: made.length === 0 ? `Setting up ${key}…` : `Setting up ${key}: ${made.length} changes made…` });
      const answer = await callAdmin('setup/apply', { projectKey: key });
      if (!answer.ok) {
        setState({ kind: 'failed', message: answer.error.message });
        return;
      }
      made.push(...answer.data.done);
      requests += answer.data.requests;
      if (answer.data.outcome !== 'partial') {
        setState({ kind: 'ran', run: answer.data, steps: made, requests });
        return;
      }
    }
    setState({ kind: 'failed', message: 'Setup did not finish in 10 runs; run it again to continue.' });
  };

  return (
    <div className="fp-setup">
      <p>
        Adds the Marketing Request issue type, the Flight Plan statuses and workflow with every gate, and its screen to a company-managed
        project. Nothing existing is removed: the project's schemes are copied with the Marketing Request added. Run it again at any time:
        it changes nothing that is in place, puts back a gate someone took off, and brings the check on Create up to date with the intake
        rules.
      </p>
      <KeyForm
        id="setup-project"
        label="Project key"
        placeholder="MKT"
        value={projectKey}
        onChange={setProjectKey}
        action="Preview changes"
        busy={state.kind === 'busy'}
        onSubmit={() => void preview()}
      />
      {state.kind === 'busy' && (
        <p role="status" className="fp-muted">
          {state.label}
        </p>
      )}
      {state.kind === 'failed' && <SectionMessage appearance="error">{state.message}</SectionMessage>}
      {state.kind === 'planned' && (
        <div data-testid="setup-plan">
          <h3>
            {state.plan.project.name} ({state.plan.project.key}):{' '}
            {state.plan.steps.length === 0 ? 'nothing to change' : `${state.plan.steps.length} changes`}
          </h3>
          {state.plan.blocked && (
            <SectionMessage appearance="warning" title="Setup cannot finish this project">
              <p>{state.plan.blocked.message}</p>
            </SectionMessage>
          )}
          {state.plan.steps.length === 0 && !state.plan.blocked && <p>{state.plan.project.key} is already set up for Flight Plan.</p>}
          <Steps steps={state.plan.steps} label="Planned changes" />
          {state.plan.steps.length > 0 && (
            <Button appearance="primary" onClick={() => void apply()}>
              Set up {state.plan.project.key}
            </Button>
          )}
        </div>
      )}
      {state.kind === 'ran' && (
        <div data-testid="setup-result">
          {state.run.outcome === 'stopped' ? (
            <SectionMessage
              appearance="error"
              title={`${state.run.project.key} is not fully set up`}
              actions={[
                <Button key="again" onClick={() => void apply()}>
                  Run setup again
                </Button>,
              ]}
            >
              <p>{state.run.failed ? `${state.run.failed.step.summary} ${state.run.failed.message}` : state.run.blocked?.message}</p>
              <p>
                {state.steps.length} changes were made; {state.run.remaining.length} remain. Running setup again goes on from here.
              </p>
            </SectionMessage>
          ) : (
            <SectionMessage
              appearance="success"
              title={
                state.run.outcome === 'set-up'
                  ? `${state.run.project.key} is set up for Flight Plan`
                  : `${state.run.project.key} was already set up`
              }
            >
              <p>
                {state.steps.length} changes made with {state.requests} Jira requests. Requests filed in {state.run.project.key} as
                Marketing Requests now go through the Flight Plan gates.
              </p>
            </SectionMessage>
          )}
          <Steps steps={state.steps} label="Changes made" />
          {state.run.remaining.length > 0 && <Steps steps={state.run.remaining} label="Changes left" />}
        </div>
      )}
    </div>
  );
};
