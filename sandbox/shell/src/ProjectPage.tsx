import { useEffect, useState } from 'react';
import { ForgeFrame } from './ForgeFrame';
import { jira, sandbox } from './sandbox-api';

interface ProjectPageModule {
  readonly key: string;
  readonly resource?: string;
  readonly title?: string;
}

/** The app's project pages (`jira:projectPage`), as Jira lists them in a project's sidebar. */
export const useProjectPages = (): readonly ProjectPageModule[] => {
  const [pages, setPages] = useState<readonly ProjectPageModule[]>([]);
  useEffect(() => {
    void sandbox<Record<string, ProjectPageModule[]>>('GET', 'manifest').then((modules) => setPages(modules['jira:projectPage'] ?? []));
  }, []);
  return pages;
};

/**
 * One of the app's project pages on a project, with the extension context Jira gives it: `project.{id,key,type}`
 * (developer.atlassian.com/platform/forge/manifest-reference/modules/jira-project-page/).
 */
export const ProjectPage = ({ projectKey, moduleKey }: { projectKey: string; moduleKey: string }) => {
  const page = useProjectPages().find((candidate) => candidate.key === moduleKey);
  const [project, setProject] = useState<{ id: string; key: string; projectTypeKey: string } | null>(null);
  useEffect(() => {
    void jira<{ id: string; key: string; projectTypeKey: string }>('GET', `/project/${projectKey}`).then(setProject);
  }, [projectKey]);
  if (page?.resource === undefined || project === null) return <p role="status">Loading…</p>;
  return (
    <section aria-label={page.title ?? page.key}>
      <ForgeFrame
        resource={page.resource}
        moduleKey={page.key}
        extension={{ type: 'jira:projectPage', project: { id: project.id, key: project.key, type: project.projectTypeKey } }}
        title={page.title ?? page.key}
        minHeight={240}
      />
    </section>
  );
};
