import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { readJiraSpecText } from './jira-spec';

interface Operation {
  parameters?: { name: string; in: string; $ref?: string }[];
  requestBody?: { content?: Record<string, { schema?: unknown }> };
  'x-atlassian-oauth2-scopes'?: { scopes: string[]; state: string }[];
}

interface OpenApiSpec {
  paths: Record<string, Record<string, Operation>>;
}

/** Atlassian's Jira OpenAPI spec with helpers to find an operation and validate a request against it. */
export const loadJiraSpec = () => {
  const spec = JSON.parse(readJiraSpecText()) as OpenApiSpec;
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  for (const format of ['int32', 'int64', 'uri-reference', 'binary', 'double', 'float']) ajv.addFormat(format, true);
  ajv.addSchema(spec, 'jira');

  const templates = Object.keys(spec.paths).map((template) => ({
    template,
    pattern: new RegExp(`^${template.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\\\{[^}]+\\\}/g, '[^/]+')}$`),
  }));

  /** The spec path a concrete request path matches, preferring literal segments over placeholders. */
  const templateOf = (pathname: string): string | undefined =>
    templates
      .filter(({ pattern }) => pattern.test(pathname))
      .sort((a, b) => (a.template.match(/\{/g)?.length ?? 0) - (b.template.match(/\{/g)?.length ?? 0))[0]?.template;

  const operation = (method: string, template: string): Operation | undefined => spec.paths[template]?.[method.toLowerCase()];

  const validators = new Map<string, ValidateFunction>();
  const bodyValidator = (method: string, template: string): ValidateFunction | null => {
    const key = `${method} ${template}`;
    if (!validators.has(key)) {
      const schema = operation(method, template)?.requestBody?.content?.['application/json']?.schema;
      if (schema === undefined) return null;
      // Re-root the operation's schema so its "#/components/…" references resolve inside the spec.
      const rerooted = JSON.parse(JSON.stringify(schema).replace(/"#\/components\//g, '"jira#/components/')) as object;
      validators.set(key, ajv.compile(rerooted));
    }
    return validators.get(key) ?? null;
  };

  /** The schema of an operation's JSON answer for `status`, or null when the spec gives none. */
  const responseValidator = (method: string, template: string, status: number): ValidateFunction | null => {
    const key = `${method} ${template} -> ${status}`;
    if (!validators.has(key)) {
      const responses = (
        operation(method, template) as { responses?: Record<string, { content?: Record<string, { schema?: unknown }> }> } | undefined
      )?.responses;
      const schema = responses?.[String(status)]?.content?.['application/json']?.schema;
      if (schema === undefined) return null;
      validators.set(key, ajv.compile(JSON.parse(JSON.stringify(schema).replace(/"#\/components\//g, '"jira#/components/'))));
    }
    return validators.get(key) ?? null;
  };

  const classicScopes = (op: Operation): string[] => op['x-atlassian-oauth2-scopes']?.find((s) => s.state === 'Current')?.scopes ?? [];
  const allScopes = (op: Operation): string[] => op['x-atlassian-oauth2-scopes']?.flatMap((s) => s.scopes) ?? [];

  /** The classic scopes Jira asks of a request to `path` (its query left out); none for a path the spec does not have. */
  const requestScopes = (method: string, path: string): string[] => {
    const template = templateOf(path.split('?', 1)[0] ?? path);
    const op = template === undefined ? undefined : operation(method, template);
    return op === undefined ? [] : classicScopes(op);
  };

  /**
   * Why Jira would refuse this request's body (its path unknown to the spec, or the body not
   * matching the operation's schema), or null when the spec accepts it.
   */
  const bodyProblem = (method: string, pathname: string, body: unknown): string | null => {
    const template = templateOf(pathname);
    if (template === undefined || operation(method, template) === undefined)
      return `${method} ${pathname} is not an operation of the Jira REST API`;
    if (body === undefined) return null;
    const validate = bodyValidator(method, template);
    if (validate === null || validate(body)) return null;
    return (validate.errors ?? []).map((error) => `${error.instancePath || 'body'} ${error.message ?? 'is invalid'}`).join('; ');
  };

  return { spec, templateOf, operation, bodyValidator, responseValidator, bodyProblem, classicScopes, allScopes, requestScopes };
};
