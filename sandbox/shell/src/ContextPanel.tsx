import { useState } from 'react';
import type { IssueViewModule } from '../../forge/issue-view-module';
import { ForgeFrame } from './ForgeFrame';

const openKey = (moduleKey: string): string => `flight-plan-sandbox-context-open:${moduleKey}`;

/** The status Jira shows beside a collapsed context panel's label: a lozenge, a badge (a number) or an icon. */
const Status = ({ module }: { module: IssueViewModule }) => {
  const { status } = module;
  if (status === undefined) return null;
  if (status.type === 'icon')
    return <img src={status.value.url} alt={status.value.label} width={16} height={16} data-testid={`context-status-${module.key}`} />;
  const appearance = status.type === 'lozenge' ? (status.value.type ?? 'default') : 'badge';
  return (
    <span className={`shell-context-status shell-context-status-${appearance}`} data-testid={`context-status-${module.key}`}>
      {status.value.label}
    </span>
  );
};

/**
 * A `jira:issueContext` panel as Jira's issue view shows it: collapsed, it shows its title, label
 * and status, and its content loads only when opened; Jira remembers whether the user left it open.
 * Collapsing it asks the app for its status again, as Jira does.
 */
export const ContextPanel = ({
  module,
  extension,
  onCollapse,
}: {
  module: IssueViewModule;
  extension: Record<string, unknown>;
  onCollapse: () => void;
}) => {
  const [open, setOpen] = useState(() => localStorage.getItem(openKey(module.key)) === 'true');
  const toggle = () => {
    localStorage.setItem(openKey(module.key), String(!open));
    setOpen(!open);
    if (open) onCollapse();
  };
  return (
    <section className="shell-context" aria-label={module.title}>
      <button type="button" className="shell-context-head" aria-expanded={open} onClick={toggle}>
        <span className="shell-context-title">{module.title}</span>
        <span className="shell-muted">{module.label}</span>
        <Status module={module} />
      </button>
      {open && (
        <ForgeFrame
          resource={module.resource}
          moduleKey={module.key}
          extension={{ ...extension, type: module.type }}
          title={`${module.title}: ${module.label ?? ''}`}
        />
      )}
    </section>
  );
};
