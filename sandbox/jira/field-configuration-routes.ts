import { SITE } from '../catalogue';
import { scalarText } from '../../src/contracts/scalar-text';
import { fieldConfigurationsOf, type ConfigProject, type SiteConfig } from './site-config';

/**
 * Jira's field configuration routes (OpenAPI "Issue field configurations"), with Jira's rules: they
 * serve company-managed (classic) projects only, a new configuration starts with every field
 * optional, the Default Field Configuration cannot be edited (Atlassian, "Specify field behavior",
 * support.atlassian.com/jira-cloud-administration/docs/specify-field-behavior), and a PUT of items
 * overrides only the properties it sends.
 */
export const FIELD_CONFIGURATION_ROUTES: readonly string[] = [
  'GET fieldconfiguration',
  'POST fieldconfiguration',
  'GET fieldconfiguration/{}/fields',
  'PUT fieldconfiguration/{}/fields',
  'GET fieldconfigurationscheme',
  'POST fieldconfigurationscheme',
  'GET fieldconfigurationscheme/mapping',
  'GET fieldconfigurationscheme/project',
  'PUT fieldconfigurationscheme/project',
  'PUT fieldconfigurationscheme/{}/mapping',
];

interface Answer {
  readonly status: number;
  readonly body?: unknown;
}

const error = (status: number, message: string): Answer => ({ status, body: { errorMessages: [message], errors: {} } });

/**
 * A `startAt` page of a list, as Jira's paged configuration routes answer. `size` is the route's default page size in
 * the OpenAPI spec, and also the most a page holds: the spec gives these routes no maximum, and Jira Cloud caps a
 * `maxResults` above a route's own limit, saying so in the answer's `maxResults` ("Changing maxResults parameter for
 * Jira Cloud REST API", confluence.atlassian.com/jirakb/changing-maxresults-parameter-for-jira-rest-api-779160706.html).
 * Capping at the one documented figure holds a client to reading the answer's `maxResults` and `isLast`.
 */
export const paged = <T>(url: URL, all: readonly T[], size: number) => {
  const startAt = Math.max(0, Math.floor(Number(url.searchParams.get('startAt') ?? 0)) || 0);
  const asked = Math.floor(Number(url.searchParams.get('maxResults') ?? size));
  const maxResults = Number.isFinite(asked) && asked > 0 ? Math.min(asked, size) : size;
  const values = all.slice(startAt, startAt + maxResults);
  return {
    self: `${SITE.baseUrl}${url.pathname}${url.search}`,
    startAt,
    maxResults,
    total: all.length,
    isLast: startAt + maxResults >= all.length,
    values,
  };
};

/** The spec's default page size of the field configuration routes: 50 each. */
const PAGE = 50;

/** The rows whose id is among the `id` parameters (OpenAPI: "To include multiple IDs, provide an ampersand-separated list"); all without one. */
const withIds = <T extends { readonly id: string }>(url: URL, all: readonly T[]): readonly T[] => {
  const ids = url.searchParams.getAll('id');
  return ids.length === 0 ? all : all.filter((row) => ids.includes(row.id));
};

const nameProblem = (name: string, taken: boolean): string | null =>
  name === '' || name.length > 255 ? 'The name must be 1 to 255 characters.' : taken ? `The name '${name}' is already used.` : null;

export const handleFieldConfigurationRoute = (
  config: SiteConfig,
  route: string,
  segments: readonly string[],
  url: URL,
  body: Record<string, unknown>,
  context: {
    readonly nextId: () => string;
    readonly changed: () => void;
    readonly knownField: (id: string) => boolean;
    readonly knownIssueType: (id: string) => boolean;
  },
): Answer => {
  const { configurations, schemes } = fieldConfigurationsOf(config);
  const classic = (projectId: string): ConfigProject | Answer => {
    const project = config.projects.find((candidate) => candidate.id === projectId);
    if (project === undefined) return error(404, 'The project was not found.');
    return project.simplified ? error(400, 'Field configuration schemes can only be assigned to classic projects.') : project;
  };
  switch (route) {
    case 'GET fieldconfiguration': {
      const query = (url.searchParams.get('query') ?? '').toLowerCase();
      const onlyDefault = url.searchParams.get('isDefault') === 'true';
      const found = withIds(url, configurations).filter(
        (candidate) =>
          (!onlyDefault || candidate.isDefault) &&
          (candidate.name.toLowerCase().includes(query) || candidate.description.toLowerCase().includes(query)),
      );
      return {
        status: 200,
        body: paged(
          url,
          found.map(({ id, name, description, isDefault }) => ({ id: Number(id), name, description, isDefault })),
          PAGE,
        ),
      };
    }
    case 'POST fieldconfiguration': {
      const name = scalarText(body['name'], '').trim();
      const problem = nameProblem(
        name,
        configurations.some((candidate) => candidate.name === name),
      );
      if (problem !== null) return error(400, problem);
      const created = { id: context.nextId(), name, description: scalarText(body['description'], ''), isDefault: false, items: [] };
      configurations.push(created);
      context.changed();
      return { status: 200, body: { id: Number(created.id), name: created.name, description: created.description } };
    }
    case 'GET fieldconfiguration/{}/fields':
    case 'PUT fieldconfiguration/{}/fields': {
      const configuration = configurations.find((candidate) => candidate.id === segments[1]);
      if (configuration === undefined) return error(404, 'The field configuration was not found.');
      if (route.startsWith('GET')) return { status: 200, body: paged(url, configuration.items, PAGE) };
      if (configuration.isDefault) return error(400, 'The Default Field Configuration cannot be edited.');
      const items = (body['fieldConfigurationItems'] ?? []) as { id?: unknown; isRequired?: unknown; description?: unknown }[];
      const unknown = items.find((item) => !context.knownField(scalarText(item.id, '')));
      if (unknown !== undefined) return error(400, `The field ${scalarText(unknown.id, '')} was not found.`);
      for (const item of items) {
        const fieldId = scalarText(item.id, '');
        let held = configuration.items.find((candidate) => candidate.id === fieldId);
        if (held === undefined) configuration.items.push((held = { id: fieldId, isRequired: false, description: '' }));
        if (typeof item.isRequired === 'boolean') held.isRequired = item.isRequired;
        if (typeof item.description === 'string') held.description = item.description;
      }
      context.changed();
      return { status: 204 };
    }
    case 'GET fieldconfigurationscheme':
      return {
        status: 200,
        body: paged(
          url,
          withIds(url, schemes).map(({ id, name, description }) => ({ id, name, description })),
          PAGE,
        ),
      };
    case 'POST fieldconfigurationscheme': {
      const name = scalarText(body['name'], '').trim();
      const problem = nameProblem(
        name,
        schemes.some((candidate) => candidate.name === name),
      );
      if (problem !== null) return error(400, problem);
      const created = { id: context.nextId(), name, description: scalarText(body['description'], ''), mappings: [] };
      schemes.push(created);
      context.changed();
      return { status: 201, body: { id: created.id, name: created.name, description: created.description } };
    }
    case 'GET fieldconfigurationscheme/mapping': {
      const ids = url.searchParams.getAll('fieldConfigurationSchemeId');
      const rows = schemes
        .filter((scheme) => ids.length === 0 || ids.includes(scheme.id))
        .flatMap((scheme) => scheme.mappings.map((mapping) => ({ fieldConfigurationSchemeId: scheme.id, ...mapping })));
      return { status: 200, body: paged(url, rows, PAGE) };
    }
    case 'GET fieldconfigurationscheme/project': {
      // OpenAPI: `projectId` is required; "The first item contains the list of project IDs assigned to the default
      // field configuration scheme"; "Only field configuration schemes used in classic projects are returned", so a
      // team-managed project is in no row.
      const wanted = url.searchParams.getAll('projectId');
      if (wanted.length === 0) return error(400, 'The projectId parameter is required.');
      const classicProjects = config.projects.filter((project) => !project.simplified && wanted.includes(project.id));
      const onDefault = classicProjects.filter((project) => project.fieldConfigurationSchemeId === undefined);
      const rows = [
        ...(onDefault.length === 0 ? [] : [{ projectIds: onDefault.map((project) => project.id) }]),
        ...schemes.flatMap((scheme) => {
          const projectIds = classicProjects
            .filter((project) => project.fieldConfigurationSchemeId === scheme.id)
            .map((project) => project.id);
          return projectIds.length === 0
            ? []
            : [{ fieldConfigurationScheme: { id: scheme.id, name: scheme.name, description: scheme.description }, projectIds }];
        }),
      ];
      return { status: 200, body: paged(url, rows, PAGE) };
    }
    case 'PUT fieldconfigurationscheme/project': {
      const project = classic(scalarText(body['projectId'], ''));
      if (!('id' in project)) return project;
      const schemeId = body['fieldConfigurationSchemeId'] === null ? null : scalarText(body['fieldConfigurationSchemeId'], '');
      if (schemeId !== null && !schemes.some((scheme) => scheme.id === schemeId))
        return error(404, 'The field configuration scheme was not found.');
      if (schemeId === null) delete project.fieldConfigurationSchemeId;
      else project.fieldConfigurationSchemeId = schemeId;
      context.changed();
      return { status: 204 };
    }
    case 'PUT fieldconfigurationscheme/{}/mapping': {
      const scheme = schemes.find((candidate) => candidate.id === segments[1]);
      if (scheme === undefined) return error(404, 'The field configuration scheme was not found.');
      const mappings = (body['mappings'] ?? []) as { issueTypeId?: unknown; fieldConfigurationId?: unknown }[];
      for (const mapping of mappings) {
        const issueTypeId = scalarText(mapping.issueTypeId, '');
        if (issueTypeId !== 'default' && !context.knownIssueType(issueTypeId))
          return error(400, `The issue type ${issueTypeId} was not found.`);
        if (!configurations.some((candidate) => candidate.id === scalarText(mapping.fieldConfigurationId, '')))
          return error(400, `The field configuration ${scalarText(mapping.fieldConfigurationId, '')} was not found.`);
      }
      if (new Set(mappings.map((mapping) => scalarText(mapping.issueTypeId, ''))).size !== mappings.length)
        return error(400, 'An issue type can be included only once in a request.');
      for (const mapping of mappings) {
        const issueTypeId = scalarText(mapping.issueTypeId, '');
        const fieldConfigurationId = scalarText(mapping.fieldConfigurationId, '');
        const held = scheme.mappings.find((candidate) => candidate.issueTypeId === issueTypeId);
        if (held === undefined) scheme.mappings.push({ issueTypeId, fieldConfigurationId });
        else held.fieldConfigurationId = fieldConfigurationId;
      }
      context.changed();
      return { status: 204 };
    }
    default:
      return error(404, `The sandbox does not emulate ${route}`);
  }
};
