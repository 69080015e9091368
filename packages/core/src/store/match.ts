import { Entity, type EntityConfiguration, type EntityItem } from "electrodb";
import { EPOCHS } from "../match/epoch";
import { matchPartition } from "./keys";

/**
 * One match as the Lifecycle sees it: its epoch (status), the Lifecycle execution and
 * the task token it waits with, the clock-ticker fence and the newest published price
 * version. The feed-derived truth lives in MatchState.
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
      /** The clock-tick chain's identity and position; a tick of another chain, or an old tick, is dropped. */
      tickerId: { type: "string" },
      tickSeq: { type: "number" },
      /** Who moved the chain to tickSeq (an SQS message id, or the start): lets that claimant resend after a failure. */
      tickClaimedBy: { type: "string" },
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
/** Unbound: for its types, and for readers that bind their own client. A bundle that does not use it drops it. */
export const Match = /* @__PURE__ */ matchEntity();
export type MatchItem = EntityItem<typeof Match>;
