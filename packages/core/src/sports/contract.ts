import type * as z from "zod/mini";
import type { Epoch } from "../match/epoch";
import type { Effects } from "../match/effects";
import type { FeedEventBase } from "../match/feed-event";
import type { MatchState } from "../match/state";
import type { MatchMoment, MatchView, Scoreboard } from "../match/view";

export type { MatchMoment, MatchView, Scoreboard } from "../match/view";
import type { OfferedMarket } from "../margin/offer";
import type { Outcome } from "../markets/types";

/**
 * The contract between the engine and a sport. The engine sequences a match's feed,
 * keeps its lifecycle epochs, fans its pricing out over market groups, publishes,
 * settles and stores; everything that knows the game is a sport module: one folder
 * under sports/, one line in sports/registry.ts. test/sports/contract.test.ts runs the
 * suite every module must pass.
 *
 * Type parameters: `Id` the sport's name, `S` its part of a match's state (stored as
 * `state[Id]`), `E` its feed events, `X` the model input of one moment (the pricing
 * job's situation, carried through Step Functions as JSON).
 */
export interface Sport<Id extends string = string, S = unknown, E extends FeedEventBase = FeedEventBase, X = unknown> {
  readonly id: Id;
  /** Every feed event of the sport by detail-type (zod), the common ones (COMMON_EVENT_TYPES) included. */
  readonly events: Readonly<Record<E["type"], z.ZodMiniType>>;
  /** The sport's state of a match just scheduled, before its `Match Scheduled` is applied. */
  initialState(): S;
  /**
   * Applies one of the sport's events to a match (its seq is the next; the engine has
   * checked the match is not finished). Pure. Returns the sport state's changes, the
   * epoch it moves to (`Match Started` to IN_PLAY, `Match Ended` to FULL_TIME, `Result
   * Confirmed` to CONFIRMED), why, and what must follow: a suspension (with its reason)
   * and whether to reprice: every group (`true`), or only the groups it moved (a list,
   * such as a corner's), so the pricing job prices only those. An event that makes no
   * sense now changes nothing and says so.
   */
  reduce(state: S, event: E, epoch: Epoch): SportStep<S>;
  /** The sport state's changes when the match is abandoned (a running clock stops). */
  abandon(state: S): Partial<S>;
  /**
   * Clock sports reprice as time passes: the engine then runs a tick chain while the
   * match is in play and orders repricings of one state by these seconds. A point
   * sport leaves it out and reprices on events alone.
   */
  readonly clock?: SportClock<S>;
  /** The market groups, in publishing order. */
  readonly groups: readonly string[];
  /**
   * How many of a repricing's groups one model invocation prices (optional; default
   * MODEL_GROUPS_PER_INVOCATION, all of them). Smaller batches price in parallel, one
   * invocation each: for groups whose model takes long enough to be worth a request.
   */
  readonly groupsPerInvocation?: number;
  /** Whether the state holds what the models need (a strength from ratings or a market). */
  priceable(state: S): boolean;
  /**
   * The model input of the match at `asOf` (ISO time).
   * @throws InputError when the state cannot be priced
   */
  situation(state: S, asOf: string): X;
  /** Settles every selection of a finished (or abandoned) match from its final state. */
  settle(state: S, how: { abandoned: boolean }): Settlement;
  /** The fixture and score as an operator reads them (match list, console, summaries). */
  view(state: S, asOf?: string): MatchView;
  /** One feed event as a line of the event log an operator reads ("goal Arsenal"), given how the match reads. */
  describe(event: E, view: MatchView | null): string;
  /**
   * The scoreboard (optional): the sides' cells under the sport's columns, who serves,
   * the status of play. Without it a reader shows the view's score text.
   */
  scoreboard?(state: S, asOf?: string): Scoreboard;
  /**
   * The moments of a match to mark on its price charts (optional), read from its feed
   * events in seq order; `view` names the sides.
   */
  moments?(events: readonly E[], view: MatchView | null): MatchMoment[];
  /**
   * The model function of the sport: the Lambda handler (path from the repository root,
   * `<file>.<export>`) that prices a batch of market groups, bundling only this sport's code.
   */
  readonly modelHandler: string;
}

/** A sport's clock capability. */
export interface SportClock<S> {
  /** Seconds of play at `asOf` (below 100,000): a later tick of one state is a newer price. */
  seconds(state: S, asOf: string): number;
}

/** What one event did to a sport's state. */
export interface SportStep<S> {
  patch: Partial<S>;
  reason: string;
  /** The epoch the match moves to; absent: it stays. */
  epoch?: Epoch;
  effects?: Partial<Pick<Effects, "suspend" | "reprice">>;
}

/** The settled selections of a match, each market under its stable key, and the result as text. */
export interface Settlement {
  markets: Array<{ key: string; selections: Array<{ key: string; outcome: Outcome }> }>;
  /** The result the markets settled on, as an operator reads it ("2-1 (HT 1-1)"); null when there is none. */
  result: string | null;
}

/** The model half of a sport, all a model function bundles: no store, no bus. */
export interface SportModel<X = unknown> {
  readonly id: string;
  readonly groups: readonly string[];
  /**
   * The offered markets of one group for one moment: fair prices from the model, the
   * group's margin (the sport's own, or `offer.margin` when given) and the price ladder.
   * @throws InputError for input the model cannot price (not retried)
   */
  price(group: string, situation: X, offer?: ModelOffer): OfferedMarket[];
}

/** How a group is offered when not by the sport's own policy: a target overround (0.05 is 5%). */
export interface ModelOffer {
  margin?: number;
}

/** A sport's match state with its own part typed: the engine's fields and `state[Id]`. */
export type SportMatchState<Id extends string, S> = MatchState & { sport: Id } & { [K in Id]: S };
