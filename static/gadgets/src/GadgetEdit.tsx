import Button from '@atlaskit/button/new';
import SectionMessage from '@atlaskit/section-message';
import { view } from '@forge/bridge';
import { useState } from 'react';
import { healthGadgetConfigSchema, outcomesGadgetConfigSchema, triageGadgetConfigSchema } from '../../../src/contracts/gadget.schema';
import { describeZodErrorForPerson } from '../../../src/contracts/zod-errors';
import { TIER_LABELS, TIERS } from '../../../src/domain/tiers';
import { scalarText } from '../../../src/contracts/scalar-text';
import { checkJql } from './api';
import { ProjectPicker } from './ProjectPicker';
import { PERIOD_OPTIONS } from './words';

/** The Period list's value for a stored configuration: its quarter, or its number of days. */
const periodOf = (current: Record<string, unknown>): string =>
  current['period'] === 'quarter' || current['period'] === 'last-quarter' ? current['period'] : scalarText(current['periodDays'], '30');

/**
 * The edit view of every gadget: projects picked from those the viewer may browse, or (Workflow
 * health and Outcomes) a JQL query Jira has checked, and the period and tier; checked with the same
 * schema the resolver parses before `view.submit` stores it in Jira. Nothing a viewer's gadget could not run is saved.
 */
export const GadgetEdit = ({ kind, current }: { kind: 'health' | 'triage' | 'outcomes'; current: Record<string, unknown> }) => {
  const [projects, setProjects] = useState<string[]>(Array.isArray(current['projects']) ? (current['projects'] as string[]) : []);
  const [jql, setJql] = useState(typeof current['jql'] === 'string' ? current['jql'] : '');
  const [by, setBy] = useState<'projects' | 'jql'>(kind !== 'triage' && typeof current['jql'] === 'string' ? 'jql' : 'projects');
  const [period, setPeriod] = useState(periodOf(current));
  const [tier, setTier] = useState(scalarText(current['tier'], 'all'));
  const [problem, setProblem] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);

  /** Jira's own check of the query, as it would run it for this viewer; a problem in Jira's words, or null. */
  const jqlProblem = async (): Promise<string | null> => {
    const answer = await checkJql(jql);
    if (!answer.ok) return answer.error.message;
    return answer.data.problems.length === 0 ? null : `Jira cannot run this query: ${answer.data.problems.join(' ')}`;
  };

  const submit = async () => {
    const scope = by === 'jql' ? { jql } : { projects };
    const quarter = period === 'quarter' || period === 'last-quarter';
    const reported = { ...scope, tier, ...(quarter ? { period } : { period: 'days', periodDays: Number(period) }) };
    const parsed =
      kind === 'health'
        ? healthGadgetConfigSchema.safeParse(reported)
        : kind === 'outcomes'
          ? outcomesGadgetConfigSchema.safeParse(reported)
          : triageGadgetConfigSchema.safeParse({ projects });
    if (!parsed.success) {
      setProblem(describeZodErrorForPerson(parsed.error));
      return;
    }
    if (by === 'jql') {
      setChecking(true);
      const refused = await jqlProblem().finally(() => setChecking(false));
      if (refused !== null) {
        setProblem(refused);
        return;
      }
    }
    setProblem(null);
    await view.submit(parsed.data);
  };

  return (
    <form className="fp-gadget-edit" onSubmit={(event) => (event.preventDefault(), void submit())} aria-label="Gadget settings">
      {kind !== 'triage' && (
        <fieldset className="fp-gadget-by">
          <legend>Requests</legend>
          <label>
            <input type="radio" name="by" checked={by === 'projects'} onChange={() => setBy('projects')} /> of projects
          </label>
          <label>
            <input type="radio" name="by" checked={by === 'jql'} onChange={() => setBy('jql')} /> found by JQL
          </label>
        </fieldset>
      )}
      {by === 'projects' ? (
        <ProjectPicker chosen={projects} onChange={setProjects} />
      ) : (
        <label>
          JQL (run as each viewer: they see what they may see; Jira checks it when you save)
          <textarea
            className="fp-input"
            rows={3}
            value={jql}
            onChange={(event) => setJql(event.target.value)}
            aria-invalid={problem !== null}
          />
        </label>
      )}
      {kind !== 'triage' && (
        <>
          <label>
            Period
            <select className="fp-input" value={period} onChange={(event) => setPeriod(event.target.value)}>
              {PERIOD_OPTIONS.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </select>
          </label>
          <label>
            Tier
            <select className="fp-input" value={tier} onChange={(event) => setTier(event.target.value)}>
              <option value="all">All tiers</option>
              {TIERS.map((option) => (
                <option key={option} value={option}>
                  {TIER_LABELS[option]}
                </option>
              ))}
            </select>
          </label>
        </>
      )}
      {problem && (
        <div role="alert">
          <SectionMessage appearance="error">{problem}</SectionMessage>
        </div>
      )}
      <div>
        <Button appearance="primary" type="submit" isLoading={checking}>
          Save
        </Button>
      </div>
    </form>
  );
};
