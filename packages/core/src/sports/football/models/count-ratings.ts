/**
 * Walk-forward team ratings of a count (corners, yellow cards): multipliers of the
 * league's per-side mean, fitted on earlier matches only.
 */
import type { SideMeans } from "./counts";

/** Team ratings of a count: multipliers of the league's per-side mean, fitted on earlier matches only. */
export interface CountRatingParams {
  /** Half-life of a match's weight, days. */
  halfLifeDays: number;
  /** Prior strength, in league-average matches: a team with little history stays near 1. */
  priorMatches: number;
  /** Half-life of a match's weight in the league's per-side mean, days; halfLifeDays when left out. */
  leagueHalfLifeDays?: number;
  /**
   * The share of the rated match total's departure from the league's total that is
   * kept (1, or left out: all of it). The sides' means are scaled together, so their
   * split is the ratings'. Below 1 where the ratings tell who takes the corners better
   * than how many there will be.
   */
  totalShrink?: number;
}

/**
 * Tuned on EPL 2012/13 to 2018/19: the grid point (half-life 120 to 730 days, prior 8
 * to 128 matches) of the best joint log-likelihood (scripts/fit-counts.ts). Corners:
 * -4.721 nats a match against -4.823 at the league's means alone; yellow cards -3.118
 * against -3.146.
 */
export const COUNT_RATING_PARAMS: Readonly<Record<"corners" | "yellowCards", CountRatingParams>> = {
  corners: { halfLifeDays: 365, priorMatches: 64 },
  yellowCards: { halfLifeDays: 240, priorMatches: 32 },
};

interface Sums {
  /** Decayed sum of counts (for, against) and of the expected counts they are measured against. */
  forCount: number;
  forExpected: number;
  againstCount: number;
  againstExpected: number;
  day: number;
}

const DAY_MS = 86_400_000;

/**
 * Walk-forward count ratings of one count (corners, or yellow cards): each team's
 * "for" and "against" multipliers of the league's per-side mean, gamma-Poisson
 * shrunk to 1 (rating = (Σ w·count + κ) / (Σ w·expected + κ), κ = priorMatches), the
 * weights halving every halfLifeDays; the league's per-side mean from every earlier
 * match, weighted the same way. Call `expect` before `observe` for each match: the
 * expectation then uses earlier matches only.
 */
export class CountRatings {
  private readonly teams = new Map<string, Sums>();
  private league = { home: 0, away: 0, weight: 0, day: 0 };

  constructor(private readonly params: CountRatingParams, private readonly prior: SideMeans) {}

  private decay(fromDay: number, toDay: number, halfLife = this.params.halfLifeDays): number {
    return toDay > fromDay ? Math.pow(0.5, (toDay - fromDay) / halfLife) : 1;
  }

  private leagueDecay(fromDay: number, toDay: number): number {
    return this.decay(fromDay, toDay, this.params.leagueHalfLifeDays ?? this.params.halfLifeDays);
  }

  /** The league's per-side mean at `day`, the prior counting as priorMatches matches. */
  leagueMeans(date: string): SideMeans {
    const day = Date.parse(date) / DAY_MS;
    const f = this.leagueDecay(this.league.day, day);
    const w = this.league.weight * f;
    const k = this.params.priorMatches;
    return {
      home: (this.league.home * f + k * this.prior.home) / (w + k),
      away: (this.league.away * f + k * this.prior.away) / (w + k),
    };
  }

  private rating(team: string, day: number): { attack: number; defence: number } {
    const s = this.teams.get(team);
    const k = this.params.priorMatches;
    if (!s) return { attack: 1, defence: 1 };
    const f = this.decay(s.day, day);
    return { attack: (s.forCount * f + k) / (s.forExpected * f + k), defence: (s.againstCount * f + k) / (s.againstExpected * f + k) };
  }

  /**
   * The expected count of each side of a match on `date`, from matches observed so far,
   * times `multiplier` (a referee's, say), the total then shrunk toward the league's.
   */
  expect(homeTeam: string, awayTeam: string, date: string, multiplier = 1): SideMeans {
    const rated = this.rated(homeTeam, awayTeam, date);
    const alpha = this.params.totalShrink ?? 1;
    if (alpha === 1 && multiplier === 1) return rated;
    const league = this.leagueMeans(date);
    const leagueTotal = league.home + league.away;
    const total = leagueTotal + alpha * (multiplier * (rated.home + rated.away) - leagueTotal);
    const scale = total / (rated.home + rated.away);
    return { home: rated.home * scale, away: rated.away * scale };
  }

  /** Each side's expected count from the team ratings alone: the league's per-side mean times attack and defence. */
  rated(homeTeam: string, awayTeam: string, date: string): SideMeans {
    const day = Date.parse(date) / DAY_MS;
    const league = this.leagueMeans(date);
    const home = this.rating(homeTeam, day), away = this.rating(awayTeam, day);
    return { home: league.home * home.attack * away.defence, away: league.away * away.attack * home.defence };
  }

  /** Adds a played match's counts. */
  observe(homeTeam: string, awayTeam: string, date: string, counts: SideMeans): void {
    const day = Date.parse(date) / DAY_MS;
    const league = this.leagueMeans(date);
    const home = this.rating(homeTeam, day), away = this.rating(awayTeam, day);
    // Each side's count against what the opponent's rating (and the league) led to expect.
    this.add(homeTeam, day, counts.home, league.home * away.defence, counts.away, league.away * away.attack);
    this.add(awayTeam, day, counts.away, league.away * home.defence, counts.home, league.home * home.attack);
    const f = this.leagueDecay(this.league.day, day);
    this.league = { home: this.league.home * f + counts.home, away: this.league.away * f + counts.away, weight: this.league.weight * f + 1, day: Math.max(day, this.league.day) };
  }

  private add(team: string, day: number, forCount: number, forExpected: number, againstCount: number, againstExpected: number): void {
    const s = this.teams.get(team) ?? { forCount: 0, forExpected: 0, againstCount: 0, againstExpected: 0, day };
    const f = this.decay(s.day, day);
    this.teams.set(team, {
      forCount: s.forCount * f + forCount,
      forExpected: s.forExpected * f + forExpected,
      againstCount: s.againstCount * f + againstCount,
      againstExpected: s.againstExpected * f + againstExpected,
      day: Math.max(day, s.day),
    });
  }
}
