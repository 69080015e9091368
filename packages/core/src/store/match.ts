import { Entity, type EntityConfiguration, type EntityItem } from "electrodb";
import { EPOCHS, type Epoch } from "../match/epoch";
import type { MatchState } from "../match/state";
import type { MatchView } from "../sports/contract";
import { isConditionFailure } from "./conditions";
import { matchPartition } from "./keys";
import { engineTable } from "./table";

/**
 * One match as the Lifecycle sees it: its epoch (status), the Lifecycle execution and
 * the task token it waits with and the newest published price version (the
 * clock-tick chain's fence is on the state item: see claimTickLink). The feed-derived truth lives in MatchState.
 */
export function matchEntity(config?: EntityConfiguration) {
  return new Entity({
    model: { entity: "match", version: "1", service: "pricing" },
    attributes: {
      matchId: { type: "string", required: true },
      status: { type: EPOCHS, required: true },
      kickoff: { type: "string", required: true },
      competition: { type: "string" },
      homeTeam: { type: "string" },
      awayTeam: { type: "string" },
      executionArn: { type: "string" },
      /** The epoch the Lifecycle execution is waiting for, with the token that resumes it. */
      awaitingEpoch: { type: EPOCHS },
      taskToken: { type: "string" },
      /**
       * The newest price version claimed for publication (see PriceSet), or the fence a
       * suspension set just below its state's versions; Publish claims only above it.
       */
      priceVersion: { type: "number" },
      /** Who claimed priceVersion: a PriceMatch execution (its retried Publish may finish the publication), or "suspension". */
      priceClaimedBy: { type: "string" },
      updatedAt: { type: "string", required: true, default: () => new Date().toISOString(), set: () => new Date().toISOString(), watch: "*" },
    },
    indexes: {
      byMatch: { pk: matchPartition, sk: { field: "sk", composite: [] } },
      matchesByStatusAndKickoff: {
        index: "gsi1",
        pk: { field: "gsi1pk", composite: ["status"] },
        sk: { field: "gsi1sk", composite: ["kickoff", "matchId"] },
      },
    },
  }, config);
}
/** Unbound, for its types (a table binds the builder: see table.ts). A bundle that does not use it drops it. */
export const Match = /* @__PURE__ */ matchEntity();
export type MatchItem = EntityItem<typeof Match>;

const matches = () => engineTable().entity(matchEntity);

export async function getMatch(matchId: string): Promise<MatchItem | null> {
  const { data } = await matches().get({ matchId }).go({ consistent: true });
  return data;
}

/**
 * Mirrors the state's epoch and its sport's view of the fixture (competition, start,
 * the two sides) onto the Match item (feeds "matches by status and kickoff").
 */
export async function mirrorState(state: Pick<MatchState, "matchId" | "epoch">, view: Pick<MatchView, "competition" | "start" | "participants"> | null): Promise<void> {
  await matches()
    .upsert({
      matchId: state.matchId,
      status: state.epoch,
      kickoff: view?.start ?? "unscheduled",
      ...(view?.competition ? { competition: view.competition } : {}),
      ...(view?.participants ? { homeTeam: view.participants[0], awayTeam: view.participants[1] } : {}),
    })
    .go();
}

/** Records the Lifecycle execution that drives the match. */
export async function recordExecution(matchId: string, executionArn: string): Promise<void> {
  await matches().patch({ matchId }).set({ executionArn }).go();
}

/** Parks the token the Lifecycle execution waits with, and the epoch it waits for. */
export async function parkToken(matchId: string, awaitingEpoch: Epoch, taskToken: string): Promise<void> {
  await matches().patch({ matchId }).set({ awaitingEpoch, taskToken }).go();
}

/** Removes a parked token, but only if it is still `taskToken` (a newer wait keeps its own). */
export async function clearToken(matchId: string, taskToken: string): Promise<void> {
  try {
    await matches().patch({ matchId }).remove(["taskToken", "awaitingEpoch"]).where((a, op) => op.eq(a.taskToken, taskToken)).go();
  } catch (err) {
    if (!isConditionFailure(err)) throw err;
  }
}

/**
 * Refuses every price version below `lowest` from now on: after the suspension of the
 * state whose versions start at `lowest`, a repricing of an older state that finishes
 * late publishes nothing. A claim already as high (a newer state's fence or
 * publication) is left as it is.
 */
export async function fencePriceVersions(matchId: string, lowest: number): Promise<void> {
  const fence = lowest - 1;
  try {
    await matches()
      .patch({ matchId })
      .set({ priceVersion: fence, priceClaimedBy: "suspension" })
      .where((a, op) => `${op.notExists(a.priceVersion)} OR ${op.lt(a.priceVersion, fence)}`)
      .go();
  } catch (err) {
    if (!isConditionFailure(err)) throw err;
  }
}

/**
 * Claims `priceVersion` as the newest published one for `claimant` (the PriceMatch
 * execution); false when a newer one is stored, or the same one by another claimant.
 * The same claimant may claim again (true): a Publish that claimed and then failed
 * before its prices were stored or announced finishes them when retried.
 */
export async function claimPriceVersion(matchId: string, priceVersion: number, claimant: string): Promise<boolean> {
  try {
    await matches()
      .patch({ matchId })
      .set({ priceVersion, priceClaimedBy: claimant })
      .where((a, op) => {
        const reclaim = `(${op.eq(a.priceVersion, priceVersion)} AND ${op.eq(a.priceClaimedBy, claimant)})`;
        return `${op.notExists(a.priceVersion)} OR ${op.lt(a.priceVersion, priceVersion)} OR ${reclaim}`;
      })
      .go();
    return true;
  } catch (err) {
    if (isConditionFailure(err)) return false;
    throw err;
  }
}
