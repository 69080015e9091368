import { engineEventChunks, publishEngineEvents, type EngineEventInput } from "../../bus/events";
import { InputError } from "../../errors";
import { claimPriceVersion } from "../../store/match";
import { marketsFromWire } from "../../margin/offer-encoding";
import { savePriceVersion, savePriceVersions, toPriceVersion, type PriceVersionItem } from "../../store/price-set";
import type { PricingJob } from "./load";
import type { BatchResult, GroupFailure, GroupResult } from "./model";

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
  await publishEngineEvents(modelFailed(input, input.failures));
  return [...(input.results ?? []), ...suspendedFor(input.failures)];
}

/** The failures of a batch whose invocation failed: every group, with the error Step Functions caught (`{ Error, Cause }`). */
export function batchFailures(groups: readonly string[], error: { Error?: string; Cause?: string }): GroupFailure[] {
  return groups.map((group) => ({ group, error: { name: error.Error ?? "Unknown", message: (error.Cause ?? "").slice(0, 1000) } }));
}

/** What Publish takes of a pricing job. */
export type PublishJob = Pick<PricingJob, "matchId" | "stateVersion" | "priceVersion" | "asOf"> & { held?: PricingJob["held"]; partial?: boolean };

/**
 * One job's publication: its stored item (none when it has no group at all) and its
 * announcement (`Markets Suspended` by reason, then `Prices Published`). `results`
 * holds the priced groups and those suspended for a model failure; the held groups
 * join them as suspended with the trader's reason, so the published set names every
 * group of the match.
 */
function publicationOf(job: PublishJob, results: GroupResult[]): { item: PriceVersionItem | null; events: EngineEventInput[] } {
  const held = job.held ?? [];
  const all: GroupResult[] = [...results, ...held.map((h) => ({ group: h.group, status: "suspended" as const, error: h.reason }))];
  const sets = all.map((r) => {
    const header = { matchId: job.matchId, priceVersion: job.priceVersion, group: r.group, stateVersion: job.stateVersion, asOf: job.asOf };
    return r.status === "priced" ? { ...header, status: r.status, encoded: marketsFromWire(r.markets) } : { ...header, status: r.status, error: r.error };
  });
  const failed = results.filter((r) => r.status === "suspended").map((r) => r.group);
  const byReason = new Map<string, string[]>(failed.length > 0 ? [["model failure", failed]] : []);
  for (const h of held) byReason.set(h.reason, [...(byReason.get(h.reason) ?? []), h.group]);
  const suspended = all.filter((r) => r.status === "suspended").map((r) => r.group);
  return {
    item: sets.length > 0 ? toPriceVersion(sets, job.partial === true) : null,
    events: [
      ...[...byReason].map(([reason, groups]) => ({ type: "Markets Suspended" as const, detail: { matchId: job.matchId, reason, groups, stateVersion: job.stateVersion } })),
      {
        type: "Prices Published",
        detail: { matchId: job.matchId, stateVersion: job.stateVersion, priceVersion: job.priceVersion, asOf: job.asOf, groups: results.filter((r) => r.status === "priced").map((r) => r.group), suspended },
      },
    ],
  };
}

/** A batch's failed groups as Publish takes them: suspended, with the error's name. */
const suspendedFor = (failures: GroupFailure[]): GroupResult[] => failures.map((f) => ({ group: f.group, status: "suspended" as const, error: f.error.name }));

const modelFailed = (job: Pick<PublishJob, "matchId" | "stateVersion">, failures: GroupFailure[]): EngineEventInput[] => failures.map((f) => ({
  type: "Model Failed" as const,
  detail: { matchId: job.matchId, group: f.group, stateVersion: job.stateVersion, error: { name: f.error.name, message: f.error.message.slice(0, 1000) } },
}));

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
export async function publishPrices(job: PublishJob & { executionName: string }, results: GroupResult[]) {
  if (!(await claimPriceVersion(job.matchId, job.priceVersion, job.executionName))) return { published: false as const, priceVersion: job.priceVersion };
  const { item, events } = publicationOf(job, results);
  if (item) await savePriceVersion(item);
  return { published: true as const, priceVersion: job.priceVersion, announce: engineEventChunks(events) };
}

/** A job of PriceMatch's jobs path, as Publish takes it: its groups are what its model batch priced. */
export type PublishJobOfBatch = PublishJob & { groups: string[] };

/**
 * Publish for PriceMatch's jobs path (several matches' repricings in one execution: a
 * batch of clock ticks). `priced` is the model invocation's result, one batch a job in
 * the jobs' order; `error` instead, when that invocation failed after its retries, and
 * then every job's groups are suspended for it. Each job is published as `publishPrices`
 * publishes one: claimed on its own (the claims side by side), so a job a newer
 * repricing has overtaken publishes nothing while the others do. The claimed jobs'
 * items go in one batch write; the announcement is `Model Failed` for each failed group
 * of every job, then each published job's events, in the jobs' order, in chunks of ten.
 * A retry claims again under the same execution name, so it finishes what a failed
 * attempt began.
 * @throws InputError "publish.priced_mismatch" when `priced` is not one batch a job
 */
export async function publishPriceJobs(input: { executionName: string; jobs: PublishJobOfBatch[]; priced?: BatchResult[]; error?: { Error?: string; Cause?: string } }) {
  const { jobs, priced } = input;
  if (priced !== undefined && (!Array.isArray(priced) || priced.length !== jobs.length)) {
    throw new InputError("publish.priced_mismatch", `the model priced ${Array.isArray(priced) ? priced.length : "no list of"} batches for ${jobs.length} jobs`);
  }
  const batches = jobs.map((job, i): BatchResult => priced?.[i] ?? { results: [], failures: batchFailures(job.groups, input.error ?? {}) });
  const claimed = await Promise.all(jobs.map((job) => claimPriceVersion(job.matchId, job.priceVersion, input.executionName)));
  const publications = jobs.map((job, i) => (claimed[i] ? publicationOf(job, [...batches[i].results, ...suspendedFor(batches[i].failures)]) : null));
  const items = publications.flatMap((p) => (p?.item ? [p.item] : []));
  if (items.length > 0) await savePriceVersions(items);
  const events = [...jobs.flatMap((job, i) => modelFailed(job, batches[i].failures)), ...publications.flatMap((p) => p?.events ?? [])];
  return {
    published: claimed.some(Boolean),
    priceVersions: jobs.map((job, i) => ({ matchId: job.matchId, priceVersion: job.priceVersion, published: claimed[i] })),
    announce: engineEventChunks(events),
  };
}
