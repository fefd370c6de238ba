import SectionMessage from '@atlaskit/section-message';
import { useEffect, useState } from 'react';
import type { Envelope } from '../../../src/contracts/resolver-contract';
import { callAdmin } from './api';
import type { RequestTemplate } from '../../../src/domain/templates';
import { RemoveCell, TableHead } from './fields';
import { viewerDate } from '../../shared/viewer-time';

/** The request templates teams saved from finished requests: what each holds, and removing old ones. */
export const TemplatesPart = () => {
  const [templates, setTemplates] = useState<readonly RequestTemplate[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const answer = (result: Envelope<readonly RequestTemplate[]>) => {
    if (result.ok) {
      setTemplates(result.data);
      setProblem(null);
    } else setProblem(result.error.message);
  };

  useEffect(() => {
    void callAdmin('templates/list').then(answer);
  }, []);

  if (problem) return <SectionMessage appearance="error">{problem}</SectionMessage>;
  if (templates === null) return <p className="fp-muted">Loading…</p>;
  if (templates.length === 0)
    return <p className="fp-muted">No templates yet. A team saves one from a finished request's retrospective.</p>;
  return (
    <table className="fp-matrix" data-testid="templates">
      <TableHead columns={['Template', 'Saved from', 'Holds', 'Why']} removeColumn />
      <tbody>
        {templates.map((template) => (
          <tr key={template.id}>
            <th scope="row">{template.name}</th>
            <td>
              <span className="fp-nowrap">{template.fromKey}</span>, {viewerDate(template.at)}
            </td>
            <td>
              {template.assets.length} asset{template.assets.length === 1 ? '' : 's'}, {template.plan.events.length} tracked event
              {template.plan.events.length === 1 ? '' : 's'}, {Object.keys(template.qaNotes).length} QA note
              {Object.keys(template.qaNotes).length === 1 ? '' : 's'}
            </td>
            <td>{template.why ?? <span className="fp-muted">not said</span>}</td>
            <RemoveCell
              label={`Remove ${template.name}`}
              onRemove={() => void callAdmin('templates/remove', { templateId: template.id }).then(answer)}
            />
          </tr>
        ))}
      </tbody>
    </table>
  );
};
