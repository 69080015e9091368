/**
 * A rough red-card effect from football-data.co.uk results: half-time and full-time
 * goals and each side's red-card count, but no red-card minutes.
 *
 * The ratio of second-half to first-half goals cancels team strength. For the side
 * shown the only red card of a match it is compared with the same ratio in matches
 * without red cards; likewise for its opponent. A red card at elapsed time T scales
 * the side's rate by f from T on, so with g the goal-time profile and F the cdf of T,
 * E[goals in half j] is proportional to A_j + (f - 1) B_j, A_j = integral of g over
 * half j, B_j = integral of g F over half j; the observed ratio r then gives
 * f = 1 + A1 A2 (r - 1) / (A1 B2 - r A2 B1). F is assumed (red cards are not timed in
 * these files): a hazard rising linearly with time, so F(t) = (t / T)^2 with mean at
 * two thirds of the match (about 64 minutes). Teams behind collect more red cards and
 * chase the game, so the estimate is biased and only rough.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseFootballData } from "@pricing/core/sports/football/models/csv";
import type { RedCardFit } from "@pricing/core/sports/football/models/red-cards";

/** Expected goals of the data set in a slice of a match, at `elapsed` minutes (stoppage included). */
export interface ExposureSlice {
  half: 1 | 2;
  elapsed: number;
  goals: number;
}

interface HalfGoals { first: number; second: number; sides: number }

function tally(dir: string): { files: string[]; none: HalfGoals; penalised: HalfGoals; opponent: HalfGoals } {
  const files = readdirSync(dir).filter((f) => f.endsWith(".csv")).sort();
  const zero = (): HalfGoals => ({ first: 0, second: 0, sides: 0 });
  const none = zero(), penalised = zero(), opponent = zero();
  const add = (to: HalfGoals, firstHalf: number, fullTime: number) => {
    to.first += firstHalf;
    to.second += fullTime - firstHalf;
    to.sides++;
  };
  for (const file of files) {
    for (const m of parseFootballData(readFileSync(join(dir, file), "latin1")).matches) {
      if (!m.halfTime || !m.redCards) continue;
      const home = [m.halfTime.home, m.homeGoals] as const, away = [m.halfTime.away, m.awayGoals] as const;
      const { home: hr, away: ar } = m.redCards;
      if (hr === 0 && ar === 0) { add(none, ...home); add(none, ...away); }
      else if (hr + ar === 1) {
        add(penalised, ...(hr === 1 ? home : away));
        add(opponent, ...(hr === 1 ? away : home));
      }
    }
  }
  return { files, none, penalised, opponent };
}

/** The factor f on a side's rate after a red card implied by its observed ratio change r. */
function impliedFactor(r: number, slices: ExposureSlice[], cdf: (t: number) => number): number {
  let a1 = 0, a2 = 0, b1 = 0, b2 = 0, total = 0;
  for (const s of slices) {
    total += s.goals;
    if (s.half === 1) { a1 += s.goals; b1 += s.goals * cdf(s.elapsed); }
    else { a2 += s.goals; b2 += s.goals * cdf(s.elapsed); }
  }
  [a1, a2, b1, b2] = [a1 / total, a2 / total, b1 / total, b2 / total];
  return 1 + (a1 * a2 * (r - 1)) / (a1 * b2 - r * a2 * b1);
}

const round = (x: number) => Number(x.toPrecision(4));

/**
 * Estimates the red-card factors from every football-data CSV in `dir`, with the
 * match's goals spread over elapsed time as `slices` (stoppage included).
 */
export function estimateRedCardEffect(dir: string, slices: ExposureSlice[]): RedCardFit {
  const { files, none, penalised, opponent } = tally(dir);
  const matchMinutes = Math.max(...slices.map((s) => s.elapsed)) + 1;
  const ratio = (h: HalfGoals) => h.second / h.first / (none.second / none.first);
  const rPenalised = ratio(penalised), rOpponent = ratio(opponent);
  // Hazard proportional to t^(power - 1): power 1 uniform, 2 rising linearly (used), 3 rising faster.
  const at = (power: number) => {
    const cdf = (t: number) => Math.min(1, t / matchMinutes) ** power;
    return {
      meanRedCardMinute: round((matchMinutes * power) / (power + 1)),
      penalisedFactor: round(impliedFactor(rPenalised, slices, cdf)),
      opponentFactor: round(impliedFactor(rOpponent, slices, cdf)),
    };
  };
  const used = at(2);
  return {
    penalisedFactor: used.penalisedFactor,
    opponentFactor: used.opponentFactor,
    meanRedCardMinute: used.meanRedCardMinute,
    files: files.length,
    matchesWithOneRedCard: penalised.sides,
    matchesWithoutRedCards: none.sides / 2,
    secondToFirstHalfRatio: {
      withoutRedCards: round(none.second / none.first),
      penalised: round(penalised.second / penalised.first),
      opponent: round(opponent.second / opponent.first),
    },
    sensitivity: [at(1), used, at(3)],
  };
}
