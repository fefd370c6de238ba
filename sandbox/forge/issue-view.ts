import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import { SITE } from '../catalogue';
import type { Manifest } from '../app-host';
import { displayConditionsHold, type IssueViewPlace } from './display-conditions';
import type { IssueViewModule } from './issue-view-module';
import { present } from '../../src/domain/present';
import { scalarText } from '../../src/contracts/scalar-text';

const ISSUE_VIEW_TYPES = ['jira:issuePanel', 'jira:issueContext'] as const;

/** The `status` shape @forge/manifest's schema gives `jira:issueContext`: what Jira can show. */
const statusValidator = (() => {
  const file = path.join(path.dirname(require.resolve('@forge/manifest')), 'schema', 'manifest-schema.json');
  const schema = JSON.parse(readFileSync(file, 'utf8')) as {
    definitions: { ModuleSchema: { properties: Record<string, { items: { oneOf: { properties: { status?: object } }[] } }> } };
  };
  const status = present(
    present(
      present(schema.definitions.ModuleSchema.properties['jira:issueContext']).items.oneOf.find((variant) => variant.properties.status),
    ).properties.status,
  );
  return new Ajv({ allErrors: true }).compile(status);
})();

/**
 * What `dynamicProperties` returns, checked as Jira would take it: an object with `status` in the
 * shape a manifest `status` has. Anything else is refused with the reason, so the tests see it.
 */
export const checkedDynamicProperties = (moduleKey: string, answer: unknown): { status?: IssueViewModule['status'] } => {
  if (typeof answer !== 'object' || answer === null)
    throw new Error(`${moduleKey}'s dynamicProperties function returned ${JSON.stringify(answer)}, not an object`);
  const { status } = answer as { status?: unknown };
  if (status !== undefined && !statusValidator(status)) {
    throw new Error(
      `${moduleKey}'s dynamicProperties status is not one Jira shows: ${(statusValidator.errors ?? []).map((error) => `${error.instancePath || 'status'} ${error.message}`).join('; ')}`,
    );
  }
  return { status: status as IssueViewModule['status'] };
};

/**
 * The issue view's app modules at one place, as Jira shows them: those whose display conditions
 * hold, each context panel with the status its `dynamicProperties` function returns for the
 * issue (Jira's payload: the cloud id and the module's extension context).
 */
export const issueViewModules = async (
  manifest: Manifest,
  place: IssueViewPlace,
  extension: Readonly<Record<string, unknown>>,
  run: (functionKey: string, payload: unknown) => Promise<unknown>,
): Promise<IssueViewModule[]> => {
  const shown: IssueViewModule[] = [];
  for (const type of ISSUE_VIEW_TYPES) {
    for (const module of manifest.modules[type] ?? []) {
      if (module.resource === undefined || !displayConditionsHold(module['displayConditions'], place)) continue;
      const base = { type, key: module.key, resource: module.resource, title: scalarText(module['title'], module.key) };
      if (type === 'jira:issuePanel') {
        shown.push(base);
        continue;
      }
      const dynamic = module['dynamicProperties'] as { function?: string } | undefined;
      const status =
        dynamic?.function === undefined
          ? (module['status'] as IssueViewModule['status'])
          : checkedDynamicProperties(module.key, await run(dynamic.function, { cloudId: SITE.cloudId, extension: { ...extension, type } }))
              .status;
      shown.push({ ...base, label: scalarText(module['label'], ''), ...(status === undefined ? {} : { status }) });
    }
  }
  return shown;
};
