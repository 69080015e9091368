import { publishEngineEvents } from "../../bus/events";
import { claimPriceVersion } from "../../store/match";
import { savePriceSets } from "../../store/price-set";
import type { PricingJob } from "./load";
import type { GroupResult } from "./model";

export type { PricingJob } from "./load";
export { ModelError, priceMarketGroup, type GroupResult } from "./model";

/** The per-item Catch of PriceMatch: announces the failure; the group is published as suspended. */
export async function reportModelFailure(input: { matchId: string; group: string; stateVersion: number; error: { Error?: string; Cause?: string } }): Promise<GroupResult> {
  const error = { name: input.error.Error ?? "Unknown", message: (input.error.Cause ?? "").slice(0, 1000) };
  await publishEngineEvents([{ type: "Model Failed", detail: { matchId: input.matchId, group: input.group, stateVersion: input.stateVersion, error } }]);
  return { group: input.group, status: "suspended", markets: [], error: error.name };
}

/**
 * A group-limited publication (`partial`: a corner reprices the corners alone) stores a
 * version holding only its groups; the unchanged groups are not copied forward, which
 * would bill the whole item (every group's markets) again for each corner. A reader of
 * the newest prices takes the newest price set of each group (`latestPriceSets`).
 *
 * Publish: stores the price sets and announces them, only if this price version is
 * newer than the one last published for the match (an older execution finishing late
 * publishes nothing). `executionName` names the PriceMatch execution: its retried
 * Publish may claim the version again and finish a publication its failed attempt
 * began, so a transient failure after the claim loses no prices (the announcement may
 * then come twice, the same both times). The name (a UUID), not the 180-byte ARN: the
 * claim and every tick rewrite the match item, billed by its size. The groups a trader
 * holds (`held`, not priced) are stored and announced as suspended with the trader's
 * reason ("trader: <why>"), so the published set names every group of the match.
 */
export async function publishPrices(
  job: Pick<PricingJob, "matchId" | "stateVersion" | "priceVersion" | "asOf"> & { executionName: string; held?: PricingJob["held"]; partial?: boolean },
  results: GroupResult[],
) {
  if (!(await claimPriceVersion(job.matchId, job.priceVersion, job.executionName))) return { published: false as const, priceVersion: job.priceVersion };
  const held = job.held ?? [];
  const all: GroupResult[] = [...results, ...held.map((h) => ({ group: h.group, status: "suspended" as const, markets: [] as [], error: h.reason }))];
  await savePriceSets(
    all.map((r) => ({
      matchId: job.matchId, priceVersion: job.priceVersion, group: r.group, stateVersion: job.stateVersion, asOf: job.asOf,
      status: r.status, markets: r.markets, ...(r.status === "suspended" ? { error: r.error } : {}),
    })),
    job.partial === true,
  );
  const failed = results.filter((r) => r.status === "suspended").map((r) => r.group);
  const byReason = new Map<string, string[]>(failed.length > 0 ? [["model failure", failed]] : []);
  for (const h of held) byReason.set(h.reason, [...(byReason.get(h.reason) ?? []), h.group]);
  const suspended = all.filter((r) => r.status === "suspended").map((r) => r.group);
  await publishEngineEvents([
    ...[...byReason].map(([reason, groups]) => ({ type: "Markets Suspended" as const, detail: { matchId: job.matchId, reason, groups, stateVersion: job.stateVersion } })),
    {
      type: "Prices Published",
      detail: { matchId: job.matchId, stateVersion: job.stateVersion, priceVersion: job.priceVersion, asOf: job.asOf, groups: results.filter((r) => r.status === "priced").map((r) => r.group), suspended },
    },
  ]);
  return { published: true as const, priceVersion: job.priceVersion };
}
