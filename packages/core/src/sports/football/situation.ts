import { InputError } from "../../errors";
import type { MatchSituation } from "./models/situation";
import { expectedGoals } from "./strength";
import { countsOf, type Clock, type FootballState } from "./state";

/** Regulation end of each half, minutes; the clock runs on into stoppage time. */
const HALF_END = { "1H": 45, "2H": 90 } as const;
/** Stoppage time allowed for before the clock stops by itself, minutes. */
const MAX_STOPPAGE = 15;

/**
 * The match clock at `asOf` (ISO time), in seconds: the anchor minute plus the time
 * elapsed since, capped at the end of the half plus stoppage time. A stopped clock
 * shows its anchor minute.
 */
export function clockSeconds(clock: Clock, asOf: string): number {
  if (clock.anchoredAt === null || (clock.period !== "1H" && clock.period !== "2H")) return clock.minute * 60;
  const elapsed = Math.max(0, Date.parse(asOf) - Date.parse(clock.anchoredAt)) / 1000;
  return Math.floor(Math.min(clock.minute * 60 + elapsed, (HALF_END[clock.period] + MAX_STOPPAGE) * 60));
}

/**
 * The moment of the match a model prices at `asOf`: strengths from the state's latest
 * source, the clock (minutes, fractional) run on from its anchor, the score, red cards
 * and the added time announced for the half being played.
 *
 * @throws InputError "match.no_strength" when neither ratings, expected goals nor
 *   market prices have been seen
 */
export function situationAt(state: FootballState, asOf: string): MatchSituation {
  if (!state.strength) {
    throw new InputError("match.no_strength", "the match has no ratings, expected goals or observed prices yet");
  }
  const xg = expectedGoals(state.strength);
  return {
    homeXg: xg.homeXg,
    awayXg: xg.awayXg,
    rho: xg.rho,
    period: state.clock.period,
    minute: clockSeconds(state.clock, asOf) / 60,
    score: { ...state.score },
    ...(state.halfTimeScore ? { halfTimeScore: { ...state.halfTimeScore } } : {}),
    redCards: { ...state.redCards },
    ...(state.addedTime && state.addedTime.period === state.clock.period ? { addedTime: state.addedTime.minutes } : {}),
    counts: { corners: { ...countsOf(state).corners }, yellowCards: { ...countsOf(state).yellowCards }, expected: state.countExpectations ?? null },
  };
}
