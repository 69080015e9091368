import * as z from "zod/mini";
import { MatchId } from "../match/event-fields";

/**
 * One link of a match's clock-tick chain, as the clock queue carries it. Apart from
 * `./clock` (which sends ticks) so that a function that only starts a chain bundles
 * no schema.
 */
export const Tick = z.object({
  matchId: MatchId,
  tickerId: z.string().check(z.minLength(1), z.maxLength(200)),
  tickSeq: z.number().check(z.int(), z.gte(0)),
  /**
   * When the tick is due (epoch ms): the chain's next tick is due a whole interval
   * later, whenever this one ran, so the chain keeps its phase and its interval on
   * average (`nextDueAt`). A tick sent without it (before it existed) is followed a
   * whole interval after it ran.
   */
  dueAt: z.optional(z.number().check(z.int(), z.gte(0))),
});
export type Tick = z.infer<typeof Tick>;
