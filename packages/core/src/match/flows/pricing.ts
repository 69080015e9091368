import { engineEventChunks, publishEngineEvents } from "../../bus/events";
import { claimPriceVersion } from "../../store/match";
import { marketsFromWire } from "../../margin/offer-encoding";
import { savePriceSets } from "../../store/price-set";
import type { PricingJob } from "./load";
import type { GroupFailure, GroupResult } from "./model";

export type { PricingJob } from "./load";
export { ModelError, priceMarketGroup, priceMarketGroups, type BatchResult, type GroupFailure, type GroupResult, type PricedGroup } from "./model";

/**
 * PriceMatch's ModelFailed: each failed group of a batch is announced (`Model Failed`)
 * and returned as suspended beside the batch's priced groups (`results`), for Publish.
 * A batch whose model invocation failed outright (after its retries) has every group
 * in `failures`, with the invocation's error; a batch that was priced has just the
 * groups whose model threw.
 */
export async function reportModelFailures(input: { matchId: string; stateVersion: number; results?: GroupResult[]; failures: GroupFailure[] }): Promise<GroupResult[]> {
  await publishEngineEvents(input.failures.map((f) => ({
    type: "Model Failed" as const,
    detail: { matchId: input.matchId, group: f.group, stateVersion: input.stateVersion, error: { name: f.error.name, message: f.error.message.slice(0, 1000) } },
  })));
  return [...(input.results ?? []), ...input.failures.map((f) => ({ group: f.group, status: "suspended" as const, error: f.error.name }))];
}

/** The failures of a batch whose invocation failed: every group, with the error Step Functions caught (`{ Error, Cause }`). */
export function batchFailures(groups: readonly string[], error: { Error?: string; Cause?: string }): GroupFailure[] {
  return groups.map((group) => ({ group, error: { name: error.Error ?? "Unknown", message: (error.Cause ?? "").slice(0, 1000) } }));
}

/**
 * A group-limited publication (`partial`: a corner reprices the corners alone) stores a
 * version holding only its groups; the unchanged groups are not copied forward, which
 * would bill the whole item (every group's markets) again for each corner. A reader of
 * the newest prices takes the newest price set of each group (`latestPriceSets`).
 *
 * Publish: stores the price sets and returns their announcement, only if this price
 * version is newer than the one last published for the match (an older execution
 * finishing late publishes nothing). The announcement (`Markets Suspended` by reason,
 * then `Prices Published`) comes back as PutEvents entries in chunks of ten, for the
 * PriceMatch machine to put with EventBridge's integration: a call fewer here for every
 * price set. `executionName` names the PriceMatch execution: its retried Publish may
 * claim the version again and finish a publication its failed attempt began, so a
 * transient failure after the claim loses no prices. The name (a UUID), not the
 * 180-byte ARN: the claim and every tick rewrite the match item, billed by its size.
 * The groups a trader holds (`held`, not priced) are stored and announced as
 * suspended with the trader's reason ("trader: <why>"), so the published set names
 * every group of the match.
 */
export async function publishPrices(
  job: Pick<PricingJob, "matchId" | "stateVersion" | "priceVersion" | "asOf"> & { executionName: string; held?: PricingJob["held"]; partial?: boolean },
  results: GroupResult[],
) {
  if (!(await claimPriceVersion(job.matchId, job.priceVersion, job.executionName))) return { published: false as const, priceVersion: job.priceVersion };
  const held = job.held ?? [];
  const all: GroupResult[] = [...results, ...held.map((h) => ({ group: h.group, status: "suspended" as const, error: h.reason }))];
  await savePriceSets(
    all.map((r) => {
      const header = { matchId: job.matchId, priceVersion: job.priceVersion, group: r.group, stateVersion: job.stateVersion, asOf: job.asOf };
      return r.status === "priced" ? { ...header, status: r.status, encoded: marketsFromWire(r.markets) } : { ...header, status: r.status, error: r.error };
    }),
    job.partial === true,
  );
  const failed = results.filter((r) => r.status === "suspended").map((r) => r.group);
  const byReason = new Map<string, string[]>(failed.length > 0 ? [["model failure", failed]] : []);
  for (const h of held) byReason.set(h.reason, [...(byReason.get(h.reason) ?? []), h.group]);
  const suspended = all.filter((r) => r.status === "suspended").map((r) => r.group);
  const announce = engineEventChunks([
    ...[...byReason].map(([reason, groups]) => ({ type: "Markets Suspended" as const, detail: { matchId: job.matchId, reason, groups, stateVersion: job.stateVersion } })),
    {
      type: "Prices Published",
      detail: { matchId: job.matchId, stateVersion: job.stateVersion, priceVersion: job.priceVersion, asOf: job.asOf, groups: results.filter((r) => r.status === "priced").map((r) => r.group), suspended },
    },
  ]);
  return { published: true as const, priceVersion: job.priceVersion, announce };
}
