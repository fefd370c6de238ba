import Button from '@atlaskit/button/new';
import SectionMessage from '@atlaskit/section-message';
import { view } from '@forge/bridge';
import { useState } from 'react';
import {
  healthGadgetConfigSchema,
  outcomesGadgetConfigSchema,
  PERIOD_DAYS,
  triageGadgetConfigSchema,
} from '../../../src/contracts/gadget.schema';
import { describeZodError } from '../../../src/contracts/zod-errors';
import { TIER_LABELS, TIERS } from '../../../src/domain/tiers';
import { scalarText } from '../../../src/contracts/scalar-text';

/** The Outcomes gadget's period choice that stands for the calendar quarter to date. */
const QUARTER = 'quarter';

/**
 * The edit view of every gadget: projects (and, for Workflow health and Outcomes, period and
 * tier; Outcomes may also take the calendar quarter), checked with the same schema the resolver
 * parses before `view.submit` stores it in Jira.
 */
export const GadgetEdit = ({ kind, current }: { kind: 'health' | 'triage' | 'outcomes'; current: Record<string, unknown> }) => {
  const [projects, setProjects] = useState(Array.isArray(current['projects']) ? (current['projects'] as string[]).join(', ') : '');
  const [jql, setJql] = useState(typeof current['jql'] === 'string' ? current['jql'] : '');
  const [by, setBy] = useState<'projects' | 'jql'>(kind !== 'triage' && typeof current['jql'] === 'string' ? 'jql' : 'projects');
  const [periodDays, setPeriodDays] = useState(current['period'] === QUARTER ? QUARTER : scalarText(current['periodDays'], '30'));
  const [tier, setTier] = useState(scalarText(current['tier'], 'all'));
  const [problem, setProblem] = useState<string | null>(null);

  const submit = async () => {
    const keys = projects
      .split(/[\s,]+/)
      .map((key) => key.trim())
      .filter((key) => key !== '');
    const scope = by === 'jql' ? { jql } : { projects: keys };
    const days = periodDays === QUARTER ? {} : { periodDays: Number(periodDays) };
    const parsed =
      kind === 'health'
        ? healthGadgetConfigSchema.safeParse({ ...scope, ...days, tier })
        : kind === 'outcomes'
          ? outcomesGadgetConfigSchema.safeParse({ ...scope, ...days, tier, period: periodDays === QUARTER ? 'quarter' : 'days' })
          : triageGadgetConfigSchema.safeParse({ projects: keys });
    if (!parsed.success) {
      setProblem(describeZodError(parsed.error));
      return;
    }
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
        <label>
          Projects (keys, separated by commas)
          <input
            className="fp-input"
            value={projects}
            onChange={(event) => setProjects(event.target.value)}
            aria-invalid={problem !== null}
          />
        </label>
      ) : (
        <label>
          JQL (run as each viewer: they see what they may see)
          <input className="fp-input" value={jql} onChange={(event) => setJql(event.target.value)} aria-invalid={problem !== null} />
        </label>
      )}
      {kind !== 'triage' && (
        <>
          <label>
            Period
            <select className="fp-input" value={periodDays} onChange={(event) => setPeriodDays(event.target.value)}>
              {PERIOD_DAYS.map((days) => (
                <option key={days} value={days}>
                  Last {days} days
                </option>
              ))}
              {kind === 'outcomes' && <option value={QUARTER}>This quarter so far, against last quarter</option>}
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
        <Button appearance="primary" type="submit">
          Save
        </Button>
      </div>
    </form>
  );
};
