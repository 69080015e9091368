import { InputError } from "../../../errors";
import { GOAL_PROFILE, HALF_MINUTES, goalIntensity, type GoalProfile } from "../models/goal-profile";
import type { MatchDayFixture } from "./fixtures";
import type { Random } from "../../../math/random";

export type Team = "home" | "away";
export type Half = "1H" | "2H";

/** Something that happens in play, placed in match time. */
export interface Incident {
  kind: "goal" | "red card" | "yellow card" | "corner";
  team: Team;
  half: Half;
  /** The minute a feed shows: 1-45 then first-half stoppage (47 is 45+2); 46-90 then second-half stoppage. */
  minute: number;
  /** Seconds after this match's kick-off, half-time break included. */
  atSecond: number;
}

/** How one match unfolds in time, drawn consistently with its real scores and cards. */
export interface MatchScript {
  /** Seconds this match kicks off after the match day's kick-off (a feed is never to the second). */
  kickoffDelaySeconds: number;
  /** Stoppage time played in each half, whole minutes. */
  stoppage: { firstHalf: number; secondHalf: number };
  /** Seconds after kick-off: the first half ends, the second starts, the second ends. */
  halfTimeSecond: number;
  secondHalfSecond: number;
  fullTimeSecond: number;
  /** Goals, cards and corners, in time order. */
  incidents: Incident[];
}

/** Stoppage time above these has not been seen (see MINUTE_RANGE of the goal profile). */
const MAX_STOPPAGE = { firstHalf: 15, secondHalf: 20 } as const;

/**
 * Draws how a real match unfolded: stoppage time from the goal profile's Erlang
 * lengths; each half's real number of home and away goals at minutes drawn from the
 * profile's scoring intensity over the minutes played (so first-half goals fall in
 * 1-45 plus stoppage, second-half goals in 46-90 plus stoppage), the home/away order
 * within a half shuffled; the real red cards at minutes drawn uniformly over play; the
 * real corners and yellow cards (where the row has them) at minutes drawn from the
 * goal profile's intensity over both halves, as the count model spreads them
 * (models/count-situation.ts: the files give no corner or card minutes), drawn after
 * everything else so a fixture's goals and red cards are where they were without them.
 *
 * @throws InputError "matchday.inconsistent_score" when the full-time score is below
 *   the half-time score
 */
export function drawMatchScript(fixture: MatchDayFixture, random: Random, halfTimeBreakMinutes: number, profile: GoalProfile = GOAL_PROFILE): MatchScript {
  const secondHalfGoals = { home: fixture.fullTime.home - fixture.halfTime.home, away: fixture.fullTime.away - fixture.halfTime.away };
  if (secondHalfGoals.home < 0 || secondHalfGoals.away < 0) {
    throw new InputError("matchday.inconsistent_score", `${fixture.homeTeam} v ${fixture.awayTeam}: full time ${scoreText(fixture.fullTime)} is below half time ${scoreText(fixture.halfTime)}`);
  }
  const stoppage = {
    firstHalf: stoppageMinutes(random, profile, 0, MAX_STOPPAGE.firstHalf),
    secondHalf: stoppageMinutes(random, profile, 1, MAX_STOPPAGE.secondHalf),
  };
  const halfTimeSecond = (HALF_MINUTES + stoppage.firstHalf) * 60;
  const secondHalfSecond = halfTimeSecond + halfTimeBreakMinutes * 60;
  const halves = [
    { half: "1H" as const, lengthMinutes: HALF_MINUTES + stoppage.firstHalf, startSecond: 0, goals: fixture.halfTime },
    { half: "2H" as const, lengthMinutes: HALF_MINUTES + stoppage.secondHalf, startSecond: secondHalfSecond, goals: secondHalfGoals },
  ];
  const goals = halves.flatMap((h) => halfGoals(random, h, profile));
  const cards = redCards(random, fixture.redCards, halves);
  const kickoffDelaySeconds = random.int(0, 59);
  const corners = fixture.corners ? spreadOverPlay(random, "corner", fixture.corners, halves, profile) : [];
  const yellows = fixture.yellowCards ? spreadOverPlay(random, "yellow card", fixture.yellowCards, halves, profile) : [];
  return {
    kickoffDelaySeconds,
    stoppage,
    halfTimeSecond,
    secondHalfSecond,
    fullTimeSecond: secondHalfSecond + (HALF_MINUTES + stoppage.secondHalf) * 60,
    incidents: [...goals, ...cards, ...corners, ...yellows].sort((a, b) => a.atSecond - b.atSecond),
  };
}

interface HalfPlan {
  half: Half;
  lengthMinutes: number;
  startSecond: number;
  goals: { home: number; away: number };
}

/** A moment `second` seconds into a half as a feed minute and seconds after kick-off. */
function placeInHalf(h: HalfPlan, second: number): { minute: number; atSecond: number } {
  const offset = h.half === "1H" ? 0 : HALF_MINUTES;
  return { minute: offset + Math.floor(second / 60) + 1, atSecond: h.startSecond + second };
}

function halfGoals(random: Random, h: HalfPlan, profile: GoalProfile): Incident[] {
  const start = h.half === "1H" ? 0 : HALF_MINUTES;
  const weights = Array.from({ length: h.lengthMinutes }, (_, i) => goalIntensity(h.half, start + i + 0.5, profile));
  const teams = random.shuffle<Team>([...Array<Team>(h.goals.home).fill("home"), ...Array<Team>(h.goals.away).fill("away")]);
  const seconds = teams.map(() => random.weighted(weights) * 60 + random.int(0, 59)).sort((a, b) => a - b);
  return teams.map((team, i) => ({ kind: "goal", team, half: h.half, ...placeInHalf(h, seconds[i]) }));
}

function redCards(random: Random, cards: { home: number; away: number }, halves: HalfPlan[]): Incident[] {
  const total = halves[0].lengthMinutes + halves[1].lengthMinutes;
  const teams: Team[] = [...Array<Team>(cards.home).fill("home"), ...Array<Team>(cards.away).fill("away")];
  return teams.map((team) => {
    const second = random.int(0, total * 60 - 1);
    const h = second < halves[0].lengthMinutes * 60 ? halves[0] : halves[1];
    const within = h === halves[0] ? second : second - halves[0].lengthMinutes * 60;
    return { kind: "red card", team, half: h.half, ...placeInHalf(h, within) };
  });
}

/** Each side's `counts` at minutes drawn from the goal intensity over both halves as played. */
function spreadOverPlay(random: Random, kind: "corner" | "yellow card", counts: { home: number; away: number }, halves: HalfPlan[], profile: GoalProfile): Incident[] {
  const minutes = halves.flatMap((h) => Array.from({ length: h.lengthMinutes }, (_, i) => ({ h, i })));
  const weights = minutes.map(({ h, i }) => goalIntensity(h.half, (h.half === "1H" ? 0 : HALF_MINUTES) + i + 0.5, profile));
  const teams: Team[] = [...Array<Team>(counts.home).fill("home"), ...Array<Team>(counts.away).fill("away")];
  return teams.map((team) => {
    const { h, i } = minutes[random.weighted(weights)];
    return { kind, team, half: h.half, ...placeInHalf(h, i * 60 + random.int(0, 59)) };
  });
}

/** Erlang(shape, mean) stoppage length of a half, rounded up to whole minutes, at least 1. */
function stoppageMinutes(random: Random, profile: GoalProfile, half: 0 | 1, max: number): number {
  const theta = profile.halves[half].stoppageMeanMinutes / profile.stoppageShape;
  let length = 0;
  for (let i = 0; i < profile.stoppageShape; i++) length -= theta * Math.log(1 - random.unit());
  return Math.min(max, Math.max(1, Math.ceil(length)));
}

const scoreText = (s: { home: number; away: number }) => `${s.home}-${s.away}`;
