/**
 * Each side's expected corners and yellow cards of a match, and the dispersion of each
 * match total, from earlier matches only: team ratings (count-ratings.ts), the
 * referee's booking rate (referee-ratings.ts) and the total's negative binomial size
 * (count-dispersion.ts), all refitted as the matches come in, so the forecast follows
 * the league where it drifts (more corners one season, fewer cards behind closed doors,
 * more the season after). The backtest scores these forecasts; the replay's schedules
 * carry them; the live constants (COUNT_PARAMS) are their values at the end of the
 * data.
 */
import type { Score } from "../../../markets/types";
import { CountRatings, type CountRatingParams } from "./count-ratings";
import { TotalDispersion, type DispersionRefitParams } from "./count-dispersion";
import { RefereeRatings, type RefereeRatingParams } from "./referee-ratings";
import type { CountParams, SideMeans } from "./counts";

export interface CountForecastParams {
  corners: CountRatingParams;
  yellowCards: CountRatingParams;
  referee: RefereeRatingParams;
  dispersion: DispersionRefitParams;
}

/**
 * Tuned on EPL 2012/13 to 2018/19 (2011/12 history; `npx tsx scripts/fit-counts.ts`),
 * by the log-loss of total corners 9.5 and 10.5, most corners and total cards 3.5 and
 * 4.5 (BENCHMARKS.md, "Corners and cards: walk-forward refit"). The team ratings'
 * half-lives and priors are the joint-likelihood fit of before (COUNT_RATING_PARAMS),
 * but for the card ratings' half-life: 150 days rather than 240, the one setting of the
 * grid that lowered both card lines' log-loss and their ECE on those seasons (a side's
 * booking habit moves with its manager and squad, faster than its corner count).
 * League means: corners over a year, cards over 90 days (booking drifts faster:
 * referees' instructions change from season to season). The rated totals keep 70% of
 * their departure from the league's.
 */
export const COUNT_FORECAST_PARAMS: CountForecastParams = {
  corners: { halfLifeDays: 365, priorMatches: 64, leagueHalfLifeDays: 365, totalShrink: 0.7 },
  yellowCards: { halfLifeDays: 150, priorMatches: 32, leagueHalfLifeDays: 90, totalShrink: 0.7 },
  referee: { halfLifeDays: 730, priorCards: 80 },
  dispersion: { halfLifeDays: 730, minMatches: 380 },
};

/** What a count forecast needs of a match. */
export interface CountFixture {
  homeTeam: string;
  awayTeam: string;
  /** ISO yyyy-mm-dd. */
  date: string;
  referee?: string | null;
}

/** A match's forecast counts: each side's expected corners and yellow cards and the NB size of each match total. */
export interface CountForecast {
  corners: SideMeans;
  yellowCards: SideMeans;
  totalSize: { corners: number; yellowCards: number };
}

/** A played match: the fixture and its corners and yellow cards. */
export interface PlayedCounts {
  fixture: CountFixture;
  counts: { corners: Score; yellowCards: Score };
}

/**
 * The walk forward of both counts. Matches are added a day at a time (`observeDay`),
 * each measured against what was forecast for it before the day, so a forecast made
 * for a day before adding it uses earlier days only.
 */
export class CountForecaster {
  private readonly corners: CountRatings;
  private readonly yellow: CountRatings;
  private readonly referees: RefereeRatings;
  private readonly cornerSize: TotalDispersion;
  private readonly yellowSize: TotalDispersion;

  /** `prior`: the league's per-side means before any match and the sizes used until the refit takes over. */
  constructor(prior: CountParams, params: CountForecastParams = COUNT_FORECAST_PARAMS) {
    this.corners = new CountRatings(params.corners, prior.corners.league);
    this.yellow = new CountRatings(params.yellowCards, prior.yellowCards.league);
    this.referees = new RefereeRatings(params.referee);
    this.cornerSize = new TotalDispersion(params.dispersion, prior.corners.totalSize);
    this.yellowSize = new TotalDispersion(params.dispersion, prior.yellowCards.totalSize);
  }

  forecast(m: CountFixture): CountForecast {
    return { ...this.means(m), totalSize: this.sizes(m.date) };
  }

  private means(m: CountFixture): Pick<CountForecast, "corners" | "yellowCards"> {
    return {
      corners: this.corners.expect(m.homeTeam, m.awayTeam, m.date),
      yellowCards: this.yellow.expect(m.homeTeam, m.awayTeam, m.date, this.referees.multiplier(m.referee, m.date)),
    };
  }

  /** Adds one day's played matches (or any matches none of which came after another). */
  observeDay(played: readonly PlayedCounts[]): void {
    const before = played.map(({ fixture: m }) => ({ ...this.means(m), rated: this.yellow.rated(m.homeTeam, m.awayTeam, m.date) }));
    played.forEach(({ fixture: m, counts }, i) => {
      const { corners, yellowCards, rated } = before[i];
      const cards = counts.yellowCards.home + counts.yellowCards.away;
      this.cornerSize.observe(m.date, counts.corners.home + counts.corners.away, corners.home + corners.away);
      this.yellowSize.observe(m.date, cards, yellowCards.home + yellowCards.away);
      this.referees.observe(m.referee, m.date, cards, rated.home + rated.away);
      this.corners.observe(m.homeTeam, m.awayTeam, m.date, counts.corners);
      this.yellow.observe(m.homeTeam, m.awayTeam, m.date, counts.yellowCards);
    });
  }

  /** The refitted sizes of the match totals on `date`. */
  sizes(date: string): { corners: number; yellowCards: number } {
    return { corners: this.cornerSize.size(date), yellowCards: this.yellowSize.size(date) };
  }

  /** The league's per-side means on `date`. */
  leagueMeans(date: string): { corners: SideMeans; yellowCards: SideMeans } {
    return { corners: this.corners.leagueMeans(date), yellowCards: this.yellow.leagueMeans(date) };
  }
}
