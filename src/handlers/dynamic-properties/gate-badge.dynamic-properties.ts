import { forgeRuntimeDeps, type RuntimeDeps } from '../../adapters/forge-runtime';
import { invocationPrincipalSchema, issueContextPayloadSchema } from '../../contracts/forge-payloads.schema';
import { BADGE_STATUS_UNAVAILABLE, type BadgeStatus } from '../../domain/badge-status';
import { readBadgeStatus } from '../../use-cases/badge-status';

/**
 * The gate badge's `dynamicProperties` function: Jira calls it for the collapsed context panel and
 * shows the `status` it returns. It never throws; when the status cannot be worked out it says so.
 */
export const gateBadgeDynamicProperties =
  (deps: () => RuntimeDeps = forgeRuntimeDeps) =>
  async (payload: unknown, context?: unknown): Promise<{ status: BadgeStatus }> => {
    const parsed = issueContextPayloadSchema.safeParse(payload);
    if (!parsed.success) return { status: BADGE_STATUS_UNAVAILABLE };
    // Jira's documented payload names no viewer; when Forge's context does, that viewer must be able to browse the issue.
    const principal = invocationPrincipalSchema.safeParse(context);
    try {
      const status = await readBadgeStatus(
        deps(),
        parsed.data.extension.issue.id,
        principal.success ? principal.data.principal.accountId : null,
      );
      if (!status.ok) console.warn(`gate badge status: ${status.error.code} ${status.error.message}`);
      return { status: status.ok ? status.value : BADGE_STATUS_UNAVAILABLE };
    } catch (error) {
      // Logged so the failure shows in the developer console; the badge still shows something true.
      console.error('gate badge status failed', error);
      return { status: BADGE_STATUS_UNAVAILABLE };
    }
  };

/** The function the manifest's `jira:issueContext` names under `dynamicProperties`. */
export const gateBadgeStatus = gateBadgeDynamicProperties();
