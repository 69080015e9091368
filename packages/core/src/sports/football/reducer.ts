import { Epoch } from "../../match/epoch";
import type { Score } from "../../markets/types";
import type { SportStep } from "../contract";
import { MAX_CORNERS, MAX_GOALS, MAX_RED_CARDS, MAX_YELLOW_CARDS, type FootballEvent, type FootballEventOf } from "./events";
import { countsOf, type ConfirmedCounts, type FootballState } from "./state";
import { marketStrength } from "./strength";

type Step = SportStep<FootballState>;
const ignore = (reason: string): Step => ({ patch: {}, reason: `ignored: ${reason}` });

/**
 * Football's reducer: applies the feed event that follows (the engine has sequenced
 * it and checked the match is not over) and records why. Events that make no sense in
 * the current epoch (a goal before kick-off) change nothing and say why they were
 * ignored. Goals and red cards suspend the markets; corners and yellow cards reprice
 * their own group alone (corners, cards) and suspend nothing. Pure.
 */
export function reduceFootball(state: FootballState, event: FootballEvent, epoch: Epoch): Step {
  switch (event.type) {
    case "Match Scheduled":
      return scheduled(state, event, epoch);
    case "Market Prices Observed":
      return pricesObserved(event, epoch);
    case "Match Started":
      return kickedOff(epoch, event.occurredAt);
    case "Period Started":
      return periodStarted(state, event, epoch);
    case "Period Ended":
      return periodEnded(state, event, epoch);
    case "Goal Scored":
      return goalScored(state, event, epoch);
    case "Goal Disallowed":
      return goalDisallowed(state, event, epoch);
    case "Card Shown":
      return cardShown(state, event, epoch);
    case "Corner Taken":
      return cornerTaken(state, event, epoch);
    case "Added Time Announced":
      return addedTimeAnnounced(state, event, epoch);
    case "Match Ended":
      return matchEnded(state, event, epoch);
    case "Result Confirmed":
      return resultConfirmed(state, event, epoch);
    case "Match Abandoned":
      // The engine abandons the match (abandonFootball stops the clock); never reached.
      return ignore("abandonment is the engine's");
  }
}

/** An abandoned match's clock stops where it was. */
export function abandonFootball(state: FootballState): Partial<FootballState> {
  return { clock: { ...state.clock, anchoredAt: null } };
}

function scheduled(state: FootballState, e: FootballEventOf<"Match Scheduled">, epoch: Epoch): Step {
  if (epoch !== Epoch.Scheduled) return ignore("the match has kicked off");
  const fixture = { competition: e.competition, homeTeam: e.homeTeam, awayTeam: e.awayTeam, kickoff: e.kickoff };
  let strength = state.strength;
  if (e.expectedGoals) {
    strength = { source: "expected-goals", homeXg: e.expectedGoals.home, awayXg: e.expectedGoals.away, rho: e.expectedGoals.rho ?? 0 };
  } else if (e.ratings) {
    const r = e.ratings;
    strength = {
      source: "ratings",
      homeXg: Math.exp(r.intercept + r.home.attack - r.away.defence + r.homeAdvantage),
      awayXg: Math.exp(r.intercept + r.away.attack - r.home.defence),
      rho: r.rho ?? 0,
    };
  }
  const reason = state.fixture ? `rescheduled for ${e.kickoff}` : `scheduled for ${e.kickoff}`;
  const countExpectations = e.countExpectations ?? state.countExpectations ?? null;
  return { patch: { fixture, strength, countExpectations }, reason, effects: { reprice: strength !== null } };
}

function pricesObserved(e: FootballEventOf<"Market Prices Observed">, epoch: Epoch): Step {
  if (epoch !== Epoch.Scheduled) return ignore("prices observed after kick-off are not used");
  return {
    patch: { strength: marketStrength(e.bookmaker, e) },
    reason: `prices observed at ${e.bookmaker}`,
    effects: { reprice: true },
  };
}

function kickedOff(epoch: Epoch, at: string): Step {
  if (epoch !== Epoch.Scheduled) return ignore("the match has already kicked off");
  return {
    patch: { clock: { period: "1H", minute: 0, anchoredAt: at } },
    epoch: Epoch.InPlay,
    reason: "kicked off",
    effects: { reprice: true },
  };
}

function periodStarted(state: FootballState, e: FootballEventOf<"Period Started">, epoch: Epoch): Step {
  if (e.period === "1H") return kickedOff(epoch, e.occurredAt);
  if (epoch !== Epoch.InPlay || state.clock.period !== "HT") return ignore("the second half starts after half time");
  return { patch: { clock: { period: "2H", minute: 45, anchoredAt: e.occurredAt } }, reason: "second half started", effects: { reprice: true } };
}

function periodEnded(state: FootballState, e: FootballEventOf<"Period Ended">, epoch: Epoch): Step {
  if (epoch !== Epoch.InPlay || state.clock.period !== e.period) return ignore(`${e.period} is not being played`);
  if (e.period === "1H") {
    return {
      patch: { clock: { period: "HT", minute: 45, anchoredAt: null }, halfTimeScore: { ...state.score } },
      reason: `half time at ${scoreText(state.score)}`,
      effects: { reprice: true },
    };
  }
  return { patch: { clock: { period: "END", minute: Math.max(90, e.minute), anchoredAt: null } }, reason: "second half ended" };
}

function goalScored(state: FootballState, e: FootballEventOf<"Goal Scored">, epoch: Epoch): Step {
  if (epoch !== Epoch.InPlay) return ignore("no goal counts outside play");
  if (state.goals.length >= MAX_GOALS) return ignore(`more than ${MAX_GOALS} goals is a feed error`);
  const score = { ...state.score, [e.team]: state.score[e.team] + 1 };
  return {
    patch: { score, goals: [...state.goals, { eventId: e.eventId, team: e.team, minute: e.minute }] },
    reason: `${e.team} goal in minute ${e.minute}: ${scoreText(score)}`,
    effects: { suspend: "goal", reprice: true },
  };
}

function goalDisallowed(state: FootballState, e: FootballEventOf<"Goal Disallowed">, epoch: Epoch): Step {
  const goal = state.goals.find((g) => g.eventId === e.goalEventId);
  if (!goal || epoch !== Epoch.InPlay) return ignore(`no goal ${e.goalEventId} to disallow`);
  const score = { ...state.score, [goal.team]: state.score[goal.team] - 1 };
  const halfTimeScore = state.halfTimeScore && goal.minute <= 45 && state.clock.period !== "1H"
    ? { ...state.halfTimeScore, [goal.team]: Math.max(0, state.halfTimeScore[goal.team] - 1) }
    : state.halfTimeScore;
  return {
    patch: { score, halfTimeScore, goals: state.goals.filter((g) => g !== goal) },
    reason: `${goal.team} goal of minute ${goal.minute} disallowed: ${scoreText(score)}`,
    effects: { suspend: "goal disallowed", reprice: true },
  };
}

function cardShown(state: FootballState, e: FootballEventOf<"Card Shown">, epoch: Epoch): Step {
  if (epoch !== Epoch.InPlay) return ignore("cards outside play do not change prices");
  if (e.colour === "yellow") {
    const yellowCards = countsOf(state).yellowCards;
    if (yellowCards[e.team] >= MAX_YELLOW_CARDS) return ignore(`more than ${MAX_YELLOW_CARDS} ${e.team} yellow cards is a feed error`);
    return {
      patch: { yellowCards: { ...yellowCards, [e.team]: yellowCards[e.team] + 1 } },
      reason: `${e.team} yellow card in minute ${e.minute}`,
      effects: { reprice: ["cards"] },
    };
  }
  if (state.redCards[e.team] >= MAX_RED_CARDS) return ignore(`a ${e.team} side with ${MAX_RED_CARDS} players sent off cannot play on`);
  return {
    patch: { redCards: { ...state.redCards, [e.team]: state.redCards[e.team] + 1 } },
    reason: `${e.team} red card in minute ${e.minute}`,
    effects: { suspend: "red card", reprice: true },
  };
}

function cornerTaken(state: FootballState, e: FootballEventOf<"Corner Taken">, epoch: Epoch): Step {
  if (epoch !== Epoch.InPlay || (state.clock.period !== "1H" && state.clock.period !== "2H")) return ignore("no corner is taken outside play");
  const corners = countsOf(state).corners;
  if (corners[e.team] >= MAX_CORNERS) return ignore(`more than ${MAX_CORNERS} ${e.team} corners is a feed error`);
  const next = { ...corners, [e.team]: corners[e.team] + 1 };
  return { patch: { corners: next }, reason: `${e.team} corner in minute ${e.minute}: ${scoreText(next)} corners`, effects: { reprice: ["corners"] } };
}

function addedTimeAnnounced(state: FootballState, e: FootballEventOf<"Added Time Announced">, epoch: Epoch): Step {
  if (epoch !== Epoch.InPlay || state.clock.period !== e.period) return ignore(`${e.period} is not being played`);
  return {
    patch: { addedTime: { period: e.period, minutes: e.minutes } },
    reason: `${e.minutes} minutes added to the ${e.period === "1H" ? "first" : "second"} half`,
    effects: { reprice: true },
  };
}

function matchEnded(state: FootballState, e: FootballEventOf<"Match Ended">, epoch: Epoch): Step {
  if (epoch !== Epoch.InPlay) return ignore("the match is not in play");
  return {
    patch: {
      clock: { period: "END", minute: Math.max(90, e.minute), anchoredAt: null },
      halfTimeScore: state.halfTimeScore ?? { ...state.score },
    },
    epoch: Epoch.FullTime,
    reason: `full time: ${scoreText(state.score)}`,
    effects: { suspend: "full time" },
  };
}

function resultConfirmed(state: FootballState, e: FootballEventOf<"Result Confirmed">, epoch: Epoch): Step {
  if (epoch !== Epoch.FullTime) return ignore("a result is confirmed after full time");
  const counts = confirmedCounts(state, e);
  return {
    patch: { result: { score: e.score, halfTimeScore: e.halfTimeScore, ...(counts ? { counts } : {}) } },
    epoch: Epoch.Confirmed,
    reason: `result confirmed: ${scoreText(e.score)} (half time ${scoreText(e.halfTimeScore)})${counts?.disagreement ? `; ${counts.disagreement}` : ""}`,
  };
}

/** The official counts a result confirms, and where they differ from the counts of the feed's events. */
function confirmedCounts(state: FootballState, e: FootballEventOf<"Result Confirmed">): ConfirmedCounts | null {
  const given = { corners: e.corners, yellowCards: e.yellowCards, redCards: e.redCards };
  const seen = countsOf(state);
  const names = { corners: "corners", yellowCards: "yellow cards", redCards: "red cards" } as const;
  const differ = (["corners", "yellowCards", "redCards"] as const)
    .filter((k) => given[k] && (given[k].home !== seen[k].home || given[k].away !== seen[k].away))
    .map((k) => `${names[k]} confirmed ${scoreText(given[k]!)}, the feed counted ${scoreText(seen[k])}`);
  if (!given.corners && !given.yellowCards && !given.redCards) return null;
  return {
    ...(given.corners ? { corners: { ...given.corners } } : {}),
    ...(given.yellowCards ? { yellowCards: { ...given.yellowCards } } : {}),
    ...(given.redCards ? { redCards: { ...given.redCards } } : {}),
    disagreement: differ.length > 0 ? `${differ.join("; ")} (the confirmed counts settle)` : null,
  };
}

export const scoreText = (s: Score) => `${s.home}-${s.away}`;
