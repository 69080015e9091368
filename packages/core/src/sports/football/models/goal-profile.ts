/**
 * When in a match goals are scored: the goal-time profile. Scoring intensity rises
 * through each half (log-linear in the minute), dips in the first minute after each
 * kick-off, and each half ends with stoppage time of random, bounded length (the
 * club lengths of CLUB_STOPPAGE_LENGTH, or the announced added time). The shape is
 * fitted by scripts/fit-goal-profile.ts to international goal minutes and World Cup
 * stoppage-time offsets; its numbers live in ./goal-profile-fit (generated).
 *
 * Match minutes are the clock a feed shows: 0 to 45 in the first half, then first-half
 * stoppage (45+2 is minute 47); the second half runs from 45 to 90, then stoppage.
 */
import { InputError } from "../../../errors";
import { FITTED_GOAL_PROFILE } from "./goal-profile-fit";
import type { Period } from "./situation";

export type { GoalProfileFit, GoalProfileShape, HalfFit } from "./fit-types";
import type { GoalProfileShape, HalfFit } from "./fit-types";

/** One half of a normalised profile: intensities are shares of the match's expected goals. */
export interface HalfProfile {
  /** Match minute the half starts at (0 or 45). */
  start: number;
  /** Scoring intensity at the start of the half on the trend, share of match goals per minute. */
  startRate: number;
  slopePerMinute: number;
  kickoffFactor: number;
  /** Share of the match's goals scored in the regular 45 minutes of this half. */
  regularShare: number;
  /** Share of the match's goals scored in this half's stoppage time. */
  stoppageShare: number;
  stoppageMeanMinutes: number;
  /** Length of the stoppage time played, when no added time has been announced. */
  stoppageLength: StoppageLength;
}

/**
 * Stoppage time played in a half, minutes: triangular from `min` through `mode` to
 * `max`. Bounded, so the goals still expected run out once the longest stoppage has
 * been played, and log-concave, so the stoppage still expected while the half runs
 * never rises as it goes on (a price never lengthens with the clock).
 */
export interface StoppageLength {
  min: number;
  mode: number;
  max: number;
}

export interface GoalProfile {
  /** Share of the match's goals scored in the first half, stoppage included. */
  firstHalfShare: number;
  stoppageShape: number;
  halves: readonly [HalfProfile, HalfProfile];
}

/**
 * Share of goals in the first half of English Premier League matches, 2011/12 to
 * 2024/25: 44.6% (published); the football-data.co.uk half-time and full-time scores
 * of 2011/12-2021/22 give the same (FITTED_GOAL_PROFILE), international matches since
 * 2010 only 43.8%.
 * The product prices club football, so the club profile is calibrated to this split
 * and keeps the within-half shape (trend, kick-off dip, stoppage share) measured from
 * the international data.
 */
export const CLUB_FIRST_HALF_SHARE = 0.446;

/** Regular length of a half, minutes. */
export const HALF_MINUTES = 45;

/**
 * Stoppage time played in Premier League halves when none has been announced (the
 * feed has not sent it yet). No data set here records added time (football-data has
 * none; the goal minutes are international and the World Cup's 2022 boards ran long),
 * so this is a stated assumption from league practice in the seasons the models are
 * fitted on (2011/12-2021/22): boards of 0-3 minutes in the first half (mostly 1-2)
 * and 2-7 in the second (mostly 3-6), and play running on 0-1.5 minutes past the
 * board (STOPPAGE_OVERRUN_MINUTES). Means 2.17 and 4.83 minutes played, beside the
 * 2.0 and 4.5 the World Cup goal offsets gave. The longest stoppage bounds the half:
 * past 45+5 or 90+8 with no whistle in the feed, no more goals are expected.
 */
export const CLUB_STOPPAGE_LENGTH: readonly [StoppageLength, StoppageLength] = [
  { min: 0.5, mode: 1.5, max: 5 },
  { min: 2, mode: 4.5, max: 8 },
];

/**
 * Minutes play runs past the announced added time: uniform on 0 to this. The board
 * shows the minimum; referees add for stoppages during stoppage time, rarely more
 * than a minute or so.
 */
export const STOPPAGE_OVERRUN_MINUTES = 1.5;

/**
 * Accepted match minutes per period. Stoppage time past 15 minutes in the first half
 * or 20 in the second has not been seen even at the 2022 World Cup (first halves of
 * 45+14); a later minute is a feed error.
 */
export const MINUTE_RANGE = { "1H": { min: 0, max: 60 }, "2H": { min: 45, max: 110 } } as const;

/** Closed form of the integral of e^(slope*u) over [from, to]. */
function expIntegral(slope: number, from: number, to: number): number {
  if (to <= from) return 0;
  if (Math.abs(slope) < 1e-12) return to - from;
  return (Math.exp(slope * from) * Math.expm1(slope * (to - from))) / slope;
}

/** Intensity integrated over a half's regular minutes on the trend, with the kick-off dip, per unit start rate. */
function regularMass(half: Pick<HalfFit, "slopePerMinute" | "kickoffFactor">, from = 0): number {
  const { slopePerMinute: b, kickoffFactor: k } = half;
  return expIntegral(b, from, HALF_MINUTES) + (k - 1) * expIntegral(b, from, 1);
}

/**
 * Normalises a fit into a profile whose intensities sum to 1 over a match. With
 * `firstHalfShare` the two halves are rescaled to that split (each keeps its shape and
 * its stoppage share); without it the split is the data's.
 */
export function buildGoalProfile(
  fit: GoalProfileShape,
  firstHalfShare?: number,
  stoppageLength: readonly [StoppageLength, StoppageLength] = CLUB_STOPPAGE_LENGTH,
): GoalProfile {
  const halfGoals = (h: HalfFit) => h.regularGoals + h.stoppageGoals;
  const dataShare = halfGoals(fit.firstHalf) / (halfGoals(fit.firstHalf) + halfGoals(fit.secondHalf));
  const share = firstHalfShare ?? dataShare;
  const half = (h: HalfFit, start: number, target: number, length: StoppageLength): HalfProfile => {
    const regularShare = (target * h.regularGoals) / halfGoals(h);
    return {
      start,
      startRate: regularShare / regularMass(h),
      slopePerMinute: h.slopePerMinute,
      kickoffFactor: h.kickoffFactor,
      regularShare,
      stoppageShare: (target * h.stoppageGoals) / halfGoals(h),
      stoppageMeanMinutes: triangularMean(length),
      stoppageLength: length,
    };
  };
  return {
    firstHalfShare: share,
    stoppageShape: fit.stoppageShape,
    halves: [half(fit.firstHalf, 0, share, stoppageLength[0]), half(fit.secondHalf, HALF_MINUTES, 1 - share, stoppageLength[1])],
  };
}

/** The profile the in-play model prices with: club first-half split, data shape. */
export const GOAL_PROFILE: GoalProfile = buildGoalProfile(FITTED_GOAL_PROFILE, CLUB_FIRST_HALF_SHARE);

/** The profile exactly as the international data gives it (no calibration). */
export const DATA_GOAL_PROFILE: GoalProfile = buildGoalProfile(FITTED_GOAL_PROFILE);

/** Sum over m = 1..shape of x^(m-1)/(m-1)! partial sums: e^x times Erlang tail terms, without underflow. */
function erlangTailTerms(shape: number, x: number): { survival: number; beyond: number } {
  let term = 1, partial = 0, beyond = 0;
  for (let m = 1; m <= shape; m++) {
    partial += term;
    beyond += partial;
    term *= x / m;
  }
  return { survival: partial, beyond };
}

/**
 * The Erlang(shape) stoppage length scripts/fit-goal-profile.ts fits goal offsets
 * with: expected stoppage minutes still to play when `elapsed` minutes of stoppage
 * have been played and the half is still running (its mean residual life). Equals the mean at 0 and falls towards mean / shape.
 */
export function erlangStoppageRemaining(shape: number, meanMinutes: number, elapsed: number): number {
  if (meanMinutes <= 0) return 0;
  const theta = meanMinutes / shape;
  const { survival, beyond } = erlangTailTerms(shape, Math.max(0, elapsed) / theta);
  return (theta * beyond) / survival;
}

/**
 * E[(S - x)+] for an Erlang(shape) stoppage length S with the given mean: expected
 * stoppage minutes played beyond `x`, unconditionally (minutes).
 */
export function stoppageMinutesBeyond(shape: number, meanMinutes: number, x: number): number {
  if (meanMinutes <= 0) return 0;
  const theta = meanMinutes / shape;
  const y = Math.max(0, x) / theta;
  return theta * Math.exp(-y) * erlangTailTerms(shape, y).beyond;
}

function triangularMean({ min, mode, max }: StoppageLength): number {
  return (min + mode + max) / 3;
}

/** P(S > x) and E[(S - x)+] for a triangular stoppage length S. */
function triangularTail({ min: a, mode: c, max: b }: StoppageLength, x: number): { survival: number; beyond: number } {
  if (x >= b) return { survival: 0, beyond: 0 };
  if (x <= a) return { survival: 1, beyond: (a + c + b) / 3 - x };
  const right = (b - x) ** 2 / ((b - a) * (b - c));
  const rightBeyond = (b - x) ** 3 / (3 * (b - a) * (b - c));
  if (x >= c) return { survival: right, beyond: rightBeyond };
  // x in (a, c): E[(S - x)+] = E[S] - x + E[(x - S)+], with E[(x - S)+] = (x - a)^3 / (3 (b - a)(c - a)).
  const below = (x - a) ** 2 / ((b - a) * (c - a));
  return { survival: 1 - below, beyond: (a + c + b) / 3 - x + (x - a) ** 3 / (3 * (b - a) * (c - a)) };
}

/** P(S > x) and E[(S - x)+] for S = announced + uniform(0, overrun). */
function announcedTail(announced: number, x: number, overrun = STOPPAGE_OVERRUN_MINUTES): { survival: number; beyond: number } {
  const d = x - announced;
  if (d <= 0) return { survival: 1, beyond: announced + overrun / 2 - x };
  if (d >= overrun) return { survival: 0, beyond: 0 };
  return { survival: (overrun - d) / overrun, beyond: (overrun - d) ** 2 / (2 * overrun) };
}

/**
 * Expected stoppage minutes still to play when `elapsed` minutes of stoppage have been
 * played and the half is still running: the whole expected length before stoppage
 * starts, then its mean residual life, falling to 0 once the longest stoppage is
 * over. With `announced` added time, the half lasts the announced minutes plus up to
 * STOPPAGE_OVERRUN_MINUTES.
 */
export function stoppageStillToPlay(length: StoppageLength, elapsed: number, announced: number | null = null): number {
  const e = Math.max(0, elapsed);
  const { survival, beyond } = announced === null ? triangularTail(length, e) : announcedTail(announced, e);
  return survival > 0 ? beyond / survival : 0;
}

/** Throws unless `minute` is a finite match minute inside the period's range. */
export function checkMinute(period: "1H" | "2H", minute: number): number {
  const { min, max } = MINUTE_RANGE[period];
  if (typeof minute !== "number" || !Number.isFinite(minute) || minute < min || minute > max) {
    throw new InputError(
      "inplay.invalid_minute",
      `minute ${String(minute)} is outside the ${period === "1H" ? "first" : "second"} half: use ${min} to ${max} (stoppage time included)`,
      { period, minute },
    );
  }
  return minute;
}

/**
 * Share of the match's goals this half still has to come at `minute` (regular time,
 * then stoppage). Stoppage goals come at the half's stoppage rate (its stoppage share
 * over the mean stoppage length) for the stoppage minutes still expected.
 */
function halfRemaining(half: HalfProfile, minute: number, announced: number | null): number {
  const u = Math.min(Math.max(minute - half.start, 0), HALF_MINUTES);
  const regular = half.startRate * regularMass(half, u);
  const elapsedStoppage = minute - half.start - HALF_MINUTES;
  if (elapsedStoppage <= 0 && announced === null) return regular + half.stoppageShare;
  const stoppage = stoppageStillToPlay(half.stoppageLength, elapsedStoppage, announced) / half.stoppageMeanMinutes;
  return regular + half.stoppageShare * stoppage;
}

/** Throws unless announced added time is null or whole minutes in 0..MAX_ADDED_TIME. */
export function checkAddedTime(addedTime: number | null | undefined): number | null {
  if (addedTime === undefined || addedTime === null) return null;
  if (typeof addedTime !== "number" || !Number.isInteger(addedTime) || addedTime < 0 || addedTime > MAX_ADDED_TIME) {
    throw new InputError("inplay.invalid_added_time", `announced added time must be whole minutes from 0 to ${MAX_ADDED_TIME}, got ${String(addedTime)}`, { addedTime });
  }
  return addedTime;
}

/** Most added time a board can show, minutes (the 2022 World Cup's longest was 14 in a first half). */
export const MAX_ADDED_TIME = 20;

/**
 * Share of a match's expected goals still to come at `minute` of `period`, counting
 * the expected stoppage time still to play: 1 before kick-off, the second half's share
 * at half time, 0 at the end. Non-increasing through a match. The minute is ignored
 * outside 1H and 2H. `addedTime` is the added time announced for the current half
 * (minutes), null while none has been.
 *
 * @throws InputError "inplay.invalid_minute" for a minute outside the period.
 */
export function remainingShare(period: Period, minute: number, profile: GoalProfile = GOAL_PROFILE, addedTime: number | null = null): number {
  const [first, second] = profile.halves;
  const announced = checkAddedTime(addedTime);
  const secondHalfShare = second.regularShare + second.stoppageShare;
  switch (period) {
    case "PRE":
      return 1;
    case "1H":
      return clampShare(halfRemaining(first, checkMinute("1H", minute), announced) + secondHalfShare);
    case "HT":
      return clampShare(secondHalfShare);
    case "2H":
      return clampShare(halfRemaining(second, checkMinute("2H", minute), announced));
    case "END":
      return 0;
    default:
      throw new InputError("inplay.invalid_period", `period must be one of PRE, 1H, HT, 2H, END, got ${String(period)}`);
  }
}

/**
 * Share of a match's expected goals still to come before half time at `minute` of the
 * first half: the first-half share at kick-off, falling to 0 as first-half stoppage runs out.
 *
 * @throws InputError "inplay.invalid_minute" for a minute outside the first half.
 */
export function firstHalfRemainingShare(minute: number, profile: GoalProfile = GOAL_PROFILE, addedTime: number | null = null): number {
  return clampShare(halfRemaining(profile.halves[0], checkMinute("1H", minute), checkAddedTime(addedTime)));
}

/**
 * Scoring intensity at `minute` of a half, as a share of the match's goals per minute:
 * the trend in regular time, the mean stoppage rate once stoppage time is being played
 * (whether it is still being played is remainingShare's business).
 */
export function goalIntensity(period: "1H" | "2H", minute: number, profile: GoalProfile = GOAL_PROFILE): number {
  const half = profile.halves[period === "1H" ? 0 : 1];
  const u = checkMinute(period, minute) - half.start;
  if (u > HALF_MINUTES) return half.stoppageShare / half.stoppageMeanMinutes;
  const dip = u < 1 ? half.kickoffFactor : 1;
  return half.startRate * Math.exp(half.slopePerMinute * Math.max(u, 0)) * dip;
}

function clampShare(x: number): number {
  return Math.min(1, Math.max(0, x));
}
