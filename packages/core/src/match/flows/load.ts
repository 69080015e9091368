import { modelBatches } from "../../sports/batches";
import { sportStateOf } from "../../sports/registry";
import { loadState } from "../../store/match-state";
import { isPriceable } from "../epoch";
import { groupsToReprice, type Reprice } from "../effects";
import { priceVersion } from "../price-version";
import type { MatchState } from "../state";
import { heldGroups, marginOverrides } from "../trader-state";

// LoadState apart from publishing: the LoadState function bundles no event schema.

export interface PricingJob {
  matchId: string;
  /** The match's sport: PriceMatch sends the groups to that sport's model function. */
  sport: string | null;
  stateVersion: number;
  priceVersion: number;
  asOf: string;
  priceable: boolean;
  /** The sport's model input (its `situation`), or null when there is nothing to price. */
  situation: unknown;
  /** The groups to price: the sport's, less those a trader holds. */
  groups: string[];
  /**
   * `groups` cut into model invocations (the sport's groupsPerInvocation; by default one
   * batch of them all): PriceMatch's Map prices each batch in one invocation.
   */
  batches: string[][];
  /** Groups a trader holds (suspended, or the match or its model): published as suspended with the reason, not priced. */
  held: Array<{ group: string; reason: string }>;
  /** Trader margin overrides by group: the target overround the model offers that group at instead of the sport's own. */
  margins: Record<string, number>;
  /**
   * Whether `groups` is a part of the sport's groups (an event that moved some markets
   * alone): its price version then holds only those groups, and a reader of the newest
   * prices takes each other group from an earlier version (`latestPriceSets`).
   */
  partial: boolean;
}

/** Whether a stored state has prices to make: scheduled, in a priceable epoch, and its sport's model has what it needs. */
export function canPrice(state: MatchState): boolean {
  if (state.sport === null || state.version === 0 || !isPriceable(state.epoch)) return false;
  const { sport, own } = sportStateOf(state);
  return sport.priceable(own);
}

/**
 * What to price for a stored `state` at `asOf`, or `priceable: false` when there is
 * nothing to price. `reprice` limits the groups to those an event moved (a list); by
 * default (a clock tick, the Lifecycle) every group is priced.
 */
export function pricingJob(state: MatchState, asOf: string, reprice: Reprice = true): PricingJob {
  const base = { matchId: state.matchId, sport: state.sport, stateVersion: state.version, asOf };
  const none = { groups: [], batches: [], held: [], margins: {}, partial: false };
  if (state.sport === null || state.version === 0) return { ...base, priceVersion: priceVersion(state.version, 0), priceable: false, situation: null, ...none };
  const { sport, own } = sportStateOf(state);
  const priceable = canPrice(state);
  const held = priceable ? heldGroups(state, sport.groups) : [];
  const moved = priceable ? groupsToReprice(reprice, sport.groups) : [];
  const groups = moved.filter((g) => !held.some((h) => h.group === g));
  return {
    ...base,
    priceVersion: priceVersion(state.version, sport.clock ? sport.clock.seconds(own, asOf) : 0),
    priceable,
    situation: priceable ? sport.situation(own, asOf) : null,
    ...(priceable
      ? { groups, batches: modelBatches(sport, groups), held, margins: marginOverrides(state), partial: moved.length < sport.groups.length && moved.length > 0 }
      : none),
  };
}

/**
 * LoadState: the pricing job of the match's stored state, for a PriceMatch started
 * without one (the Lifecycle's pre-event pricing; the clock tick and ingest pass the
 * job of the state they hold).
 */
export async function loadPricingJob(input: { matchId: string; asOf: string }): Promise<PricingJob> {
  return pricingJob(await loadState(input.matchId), input.asOf);
}
