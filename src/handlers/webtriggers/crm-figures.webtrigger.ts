import { forgeWebTriggerDeps } from '../../adapters/forge-runtime';
import type { CrmPostOutput } from '../../contracts/crm-figures.schema';
import { receiveCrmPost, type WebTriggerRequest } from '../../use-cases/crm-webtrigger';
import { StorageError } from '../../use-cases/ports';

/**
 * `webtrigger` "crm-figures": a CRM workflow or automation tool posts campaign figures here, signed with the site's
 * secret. A static web trigger answers with one of the manifest's outputs, named by `outputKey`
 * (developer.atlassian.com/platform/forge/manifest-reference/modules/web-trigger/, "Static web trigger"). Storage
 * failing is answered "busy" (send again); anything else unexpected "failed".
 */
export const crmFiguresWebTrigger = async (request: WebTriggerRequest): Promise<{ outputKey: CrmPostOutput }> => {
  try {
    const answer = await receiveCrmPost(forgeWebTriggerDeps(), request);
    if (answer.output !== 'accepted') console.warn(`web trigger crm-figures refused a post (${answer.output}): ${answer.message}`);
    return { outputKey: answer.output };
  } catch (error) {
    console.error('web trigger crm-figures failed', error);
    return { outputKey: error instanceof StorageError ? 'busy' : 'failed' };
  }
};
