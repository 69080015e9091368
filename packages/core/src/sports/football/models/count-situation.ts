import { GOAL_PROFILE, remainingShare } from "./goal-profile";
import { COUNT_PARAMS } from "./counts";
import type { CountPricingState } from "../markets/count-prices";
import type { MatchSituation } from "./situation";

/**
 * The count markets' view of a moment of a match: the counts so far, each side's
 * expected counts (the schedule's, else the league's averages) and the share of the
 * match's counts still to come.
 *
 * The share is the goal-time profile's (remainingShare: the expected share of goals
 * still to come, stoppage time counted), not the clock's: football-data.co.uk has no
 * corner or card minutes to fit a profile of their own, and both rise through a match
 * as goals do (attacking pressure and fouls grow as teams tire and chase the game;
 * cards rise more steeply, so a uniform share would overprice second-half cards
 * further). The profile also knows stoppage time, which a uniform share of 90 minutes
 * does not.
 */
export function countPricingState(situation: MatchSituation): CountPricingState {
  const { period, minute } = situation;
  const addedTime = period === "1H" || period === "2H" ? (situation.addedTime ?? null) : null;
  const share = remainingShare(period, minute, GOAL_PROFILE, addedTime);
  const counts = situation.counts;
  const expected = counts?.expected ?? null;
  return {
    share,
    corners: { now: counts?.corners ?? { home: 0, away: 0 }, means: expected?.corners ?? COUNT_PARAMS.corners.league, dispersion: COUNT_PARAMS.corners },
    yellowCards: { now: counts?.yellowCards ?? { home: 0, away: 0 }, means: expected?.yellowCards ?? COUNT_PARAMS.yellowCards.league, dispersion: COUNT_PARAMS.yellowCards },
    redCards: { now: situation.redCards, means: COUNT_PARAMS.redCards.league },
  };
}
