import type { PersonLoad } from '../capacity';
import { quantile } from '../metrics/aggregate';
import { present } from '../present';

/**
 * A loaded builder delivers later. The stage times the forecasts draw from were lived at the team's usual load, so a
 * request whose assignee carries more work than the usual person has its work still ahead (Planning, Build, QA +
 * Governance) stretched by the ratio of the two loads: at a person's steady pace, the time a request spends with them
 * grows with the work they hold (Little's law: time in the system = work in it ÷ the rate it is finished). Loads are
 * the Effort points still ahead that the Team load shows (`capacity.ts`); "usual" is the median of the people who hold
 * any. A person at or under it keeps the history's pace: the history gives no sign that less work goes faster (reviews
 * and approvals take their time whatever the load).
 */

/** The most a load stretches the work ahead: past it the ratio would extrapolate well beyond any load the history saw. */
export const MAX_LOAD_FACTOR = 3;

/**
 * By issue id, how much its assignee's load stretches the work still ahead of it, to one decimal: only requests whose
 * assignee holds more than the usual load are named (1 is the history's own pace). With fewer than two people holding
 * work there is no usual load to compare with, and none is named.
 * @example builderLoadFactors(new Map([['10', 'acc-blake']]), [{ accountId: 'acc-blake', load: 12, requests: 6 }, { accountId: 'acc-dana', load: 4, requests: 2 }, { accountId: 'acc-sam', load: 4, requests: 2 }]) // Map { '10' => 3 }
 */
export const builderLoadFactors = (assigneeOf: ReadonlyMap<string, string>, loads: readonly PersonLoad[]): Map<string, number> => {
  const holding = loads.filter((person) => person.load > 0);
  const factors = new Map<string, number>();
  if (holding.length < 2) return factors;
  const usual = present(quantile(Float64Array.from(holding, (person) => person.load).sort(), 0.5));
  const factorOf = new Map(
    holding.map((person) => [person.accountId, Math.min(MAX_LOAD_FACTOR, Math.round((person.load / usual) * 10) / 10)]),
  );
  for (const [issueId, accountId] of assigneeOf) {
    const factor = factorOf.get(accountId) ?? 1;
    if (factor > 1) factors.set(issueId, factor);
  }
  return factors;
};
