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
import { calibrateMean, MeanCalibration, type MeanCalibrationParams } from "./count-calibration";
import { ClosenessEffect, closenessFeature, type ClosenessParams } from "./count-closeness";
import type { CountParams, SideMeans } from "./counts";

export interface CountForecastParams {
  corners: CountRatingParams;
  yellowCards: CountRatingParams;
  referee: RefereeRatingParams;
  dispersion: DispersionRefitParams;
  /** The walk-forward log-linear recalibration of the card total's mean (count-calibration.ts); left out, none. */
  cardCalibration?: MeanCalibrationParams;
  /** The card total's closeness term (count-closeness.ts), from the match's 1X2 probabilities; left out, none. */
  cardCloseness?: ClosenessParams;
  /** The league's red-card rate per side, decayed over halfLifeDays from COUNT_PRIOR's (priorMatches of weight); left out, the prior's fixed rate. */
  redCards?: { halfLifeDays: number; priorMatches: number };
}

/**
 * Tuned on EPL 2012/13 to 2018/19 (2011/12 history; `npx tsx scripts/fit-counts.ts`),
 * by the log-loss of total corners 9.5 and 10.5, most corners and total cards 3.5 and
 * 4.5 (BENCHMARKS.md, "Corners and cards: walk-forward refit"). The ratings'
 * settings and the referee's prior here are that tune's (corners: 365 days, 64
 * matches, 70% of the rated total kept; cards: 150 days, 32 matches, 70%; the referee
 * 80 cards; `scripts/fit-card-closeness.ts` compares against them); the seasons priced
 * take theirs from the re-tune of each close season (COUNT_TUNES). The corner ratings'
 * half-life and prior are the joint-likelihood fit of before (COUNT_RATING_PARAMS).
 * League means: corners over a year, cards over 90 days (booking drifts faster:
 * referees' instructions change from season to season). The rated corner total keeps
 * 70% of its departure from the league's. The league's red-card rate (each counting 2
 * in the card total) is refitted over 730 days rather than held at the 2012/13-2018/19
 * average: on those seasons, where that average is in-sample, it loses nothing
 * (within 1e-5 nats on both card lines, card 4.5 ECE 0.004 against 0.007), and red
 * cards drift (0.19 a match in 2014/15, 0.10 in 2017/18). Not chosen, each worse on
 * both card lines' log-loss there: the referee prior κ refitted by empirical Bayes,
 * and the card mean recalibrated walk-forward (cardCalibration, count-calibration.ts,
 * intercept and slope or intercept alone). The card total's closeness term
 * (cardCloseness, count-closeness.ts): log μ += β·(x − x̄), x the draw's probability
 * of the match's de-margined 1X2 odds, β fitted walk-forward by NB likelihood over
 * every earlier match (about 1.4; a heavy favourite's match is booked less, a close
 * one more). On the tuning seasons it lowers the card lines' log-loss by 0.008 and
 * 0.006 nats and brings the recalibration slope to 1.02 and 1.01; of the features
 * and half-lives tried, all within 0.0004 nats, the draw with no decay has the slope
 * nearest 1 and the lowest ECE on the 3.5 line (BENCHMARKS.md, "Corners and cards:
 * walk-forward refit").
 */
export const COUNT_FORECAST_BASE: CountForecastParams = {
  corners: { halfLifeDays: 365, priorMatches: 64, leagueHalfLifeDays: 365, totalShrink: 0.7 },
  yellowCards: { halfLifeDays: 150, priorMatches: 32, leagueHalfLifeDays: 90, totalShrink: 0.7 },
  referee: { halfLifeDays: 730, priorCards: 80 },
  dispersion: { halfLifeDays: 730, minMatches: 380 },
  redCards: { halfLifeDays: 730, priorMatches: 64 },
  cardCloseness: { feature: "draw", halfLifeDays: Infinity, minMatches: 380 },
};

/** A count's rating settings a re-tune chooses: the half-life (days), the prior (matches) and the share of the rated total's departure from the league's kept. */
export interface RatingTune {
  halfLifeDays: number;
  priorMatches: number;
  totalShrink: number;
}

/** The count settings one close season's re-tune chose. */
export interface CountTune {
  /** The first day they price: after the last match of the seasons that chose them (EPL 2019/20 ended on 26 July 2020), before the next season's first. */
  from: string;
  /** The seasons whose log-loss chose them. */
  tunedOn: string;
  corners: RatingTune;
  yellowCards: RatingTune;
  /** The referee's prior, cards. */
  refereePriorCards: number;
}

/**
 * The count settings re-tuned each close season, as a bookmaker re-tunes between
 * seasons: each season is priced with the grid points whose walk forward had the
 * lowest log-loss over every season from 2012/13 to the one before it (`npx tsx
 * scripts/retune-counts.ts`), for corners and for cards apart (their forecasts share
 * nothing). Cards: 336 points (shrink 0.5 to 1.3, the ratings' half-life 90 to 365
 * days and prior 16 to 64 matches, the referee's prior 20 to 160 cards), by the card
 * lines 3.5 and 4.5; corners: 84 points (shrink 0.3 to 1, half-life 180 to 730 days,
 * prior 16 to 128 matches), by the corner lines 9.5 and 10.5 and most corners. Every
 * pick below is inside its grid (the grids were widened past the picks that sat on
 * their edges; the picks held). No season is priced with settings its own matches
 * chose. From 2020/21 the card re-tune keeps all of the rated total's departure from
 * the league's (shrink 1; the 2019/20 card forecasts were too flat) and the corner
 * re-tune half of it (BENCHMARKS.md, "Corners and cards re-tuned each close season").
 * The last is the live one (COUNT_FORECAST_PARAMS).
 */
export const COUNT_TUNES: readonly CountTune[] = [
  {
    from: "2019-07-01", tunedOn: "EPL 2012/13-2018/19",
    corners: { halfLifeDays: 365, priorMatches: 32, totalShrink: 0.6 },
    yellowCards: { halfLifeDays: 150, priorMatches: 16, totalShrink: 0.6 }, refereePriorCards: 20,
  },
  ...([["2020-08-01", "2019/20"], ["2021-07-01", "2020/21"], ["2022-07-01", "2021/22"]] as const).map(([from, last]): CountTune => ({
    from, tunedOn: `EPL 2012/13-${last}`,
    // Every re-tune since 2019/20 was in has chosen the same points.
    corners: { halfLifeDays: 365, priorMatches: 32, totalShrink: 0.5 },
    yellowCards: { halfLifeDays: 240, priorMatches: 32, totalShrink: 1 }, refereePriorCards: 80,
  })),
];

/** `base` with a re-tune's settings. */
export function withCountTune(base: CountForecastParams, tune: CountTune): CountForecastParams {
  return {
    ...base,
    corners: { ...base.corners, ...tune.corners },
    yellowCards: { ...base.yellowCards, ...tune.yellowCards },
    referee: { ...base.referee, priorCards: tune.refereePriorCards },
  };
}

/** The re-tune in force on `date` (ISO yyyy-mm-dd): the latest whose `from` is not after it; before the first, the first. */
export function countTuneOn(date: string, tunes: readonly CountTune[] = COUNT_TUNES): CountTune {
  let tune = tunes[0];
  for (const t of tunes) if (t.from <= date) tune = t;
  return tune;
}

/** The live forecast: the base with the latest re-tune's settings. */
export const COUNT_FORECAST_PARAMS: CountForecastParams = withCountTune(COUNT_FORECAST_BASE, COUNT_TUNES[COUNT_TUNES.length - 1]);

/** What a count forecast needs of a match. */
export interface CountFixture {
  homeTeam: string;
  awayTeam: string;
  /** ISO yyyy-mm-dd. */
  date: string;
  referee?: string | null;
  /** The match's pre-match 1X2 probabilities (home, draw, away); absent or null: none known. */
  probabilities?: readonly [number, number, number] | null;
}

/** A match's forecast counts: each side's expected corners and yellow cards and the NB size of each match total. */
export interface CountForecast {
  corners: SideMeans;
  yellowCards: SideMeans;
  totalSize: { corners: number; yellowCards: number };
  /** The league's red cards per side, when refitted (CountForecastParams.redCards). */
  redCards?: SideMeans;
}

/** A played match: the fixture and its corners and yellow cards. */
export interface PlayedCounts {
  fixture: CountFixture;
  /** Red cards: needed only where the league's red-card rate is refitted. */
  counts: { corners: Score; yellowCards: Score; redCards?: Score };
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
  private readonly calibration: MeanCalibration | null;
  private readonly red: CountRatings | null;
  private readonly closeness: ClosenessEffect | null;

  /** `prior`: the league's per-side means before any match and the sizes used until the refit takes over. */
  constructor(prior: CountParams, params: CountForecastParams = COUNT_FORECAST_PARAMS) {
    this.corners = new CountRatings(params.corners, prior.corners.league);
    this.yellow = new CountRatings(params.yellowCards, prior.yellowCards.league);
    this.referees = new RefereeRatings(params.referee);
    this.cornerSize = new TotalDispersion(params.dispersion, prior.corners.totalSize);
    this.yellowSize = new TotalDispersion(params.dispersion, prior.yellowCards.totalSize);
    this.calibration = params.cardCalibration ? new MeanCalibration(params.cardCalibration) : null;
    this.closeness = params.cardCloseness ? new ClosenessEffect(params.cardCloseness, prior.cardCloseness ?? null) : null;
    // Red cards: the league's per-side rate alone (a CountRatings whose teams are never asked for).
    this.red = params.redCards ? new CountRatings({ halfLifeDays: params.redCards.halfLifeDays, priorMatches: params.redCards.priorMatches }, prior.redCards.league) : null;
  }

  forecast(m: CountFixture): CountForecast {
    const { corners, yellowCards } = this.means(m);
    const out: CountForecast = { corners, yellowCards, totalSize: this.sizes(m.date) };
    if (this.red) out.redCards = this.red.leagueMeans(m.date);
    return out;
  }

  /** Each side's expected corners and yellow cards; `rawCards`, the card total before its recalibration. */
  private means(m: CountFixture): Pick<CountForecast, "corners" | "yellowCards"> & { rawCards: number; leagueCards: number; preCloseness: number; feature: number | null } {
    const yellow = this.yellow.expect(m.homeTeam, m.awayTeam, m.date, this.referees.multiplier(m.referee, m.date));
    const league = this.yellow.leagueMeans(m.date);
    const rawCards = yellow.home + yellow.away, leagueCards = league.home + league.away;
    let yellowCards = yellow;
    if (this.calibration) {
      const scale = calibrateMean(rawCards, leagueCards, this.calibration.fit(m.date, this.yellowSize.size(m.date))) / rawCards;
      yellowCards = { home: yellow.home * scale, away: yellow.away * scale };
    }
    const preCloseness = yellowCards.home + yellowCards.away;
    const feature = this.closeness && m.probabilities ? closenessFeature(m.probabilities, this.closeness.params.feature) : null;
    if (this.closeness && feature !== null) {
      const k = this.closeness.multiplier(m.date, this.yellowSize.size(m.date), feature);
      yellowCards = { home: yellowCards.home * k, away: yellowCards.away * k };
    }
    return { corners: this.corners.expect(m.homeTeam, m.awayTeam, m.date), yellowCards, rawCards, leagueCards, preCloseness, feature };
  }

  /** Adds one day's played matches (or any matches none of which came after another). */
  observeDay(played: readonly PlayedCounts[]): void {
    const before = played.map(({ fixture: m }) => ({ ...this.means(m), rated: this.yellow.rated(m.homeTeam, m.awayTeam, m.date) }));
    played.forEach(({ fixture: m, counts }, i) => {
      const { corners, yellowCards, rated, rawCards, leagueCards, preCloseness, feature } = before[i];
      const cards = counts.yellowCards.home + counts.yellowCards.away;
      this.cornerSize.observe(m.date, counts.corners.home + counts.corners.away, corners.home + corners.away);
      this.yellowSize.observe(m.date, cards, yellowCards.home + yellowCards.away);
      this.calibration?.observe(m.date, cards, rawCards, leagueCards);
      this.closeness?.observe(m.date, cards, preCloseness, feature);
      this.referees.observe(m.referee, m.date, cards, rated.home + rated.away);
      this.corners.observe(m.homeTeam, m.awayTeam, m.date, counts.corners);
      this.yellow.observe(m.homeTeam, m.awayTeam, m.date, counts.yellowCards);
      if (this.red && counts.redCards) this.red.observe(m.homeTeam, m.awayTeam, m.date, counts.redCards);
    });
  }

  /** The card closeness term's β and league-average feature on `date`; null without the term. */
  cardCloseness(date: string): { beta: number; average: number } | null {
    return this.closeness ? this.closeness.at(date, this.yellowSize.size(date)) : null;
  }

  /** The refitted sizes of the match totals on `date`. */
  sizes(date: string): { corners: number; yellowCards: number } {
    return { corners: this.cornerSize.size(date), yellowCards: this.yellowSize.size(date) };
  }

  /** The league's per-side means on `date`. */
  leagueMeans(date: string): { corners: SideMeans; yellowCards: SideMeans; redCards?: SideMeans } {
    const out: { corners: SideMeans; yellowCards: SideMeans; redCards?: SideMeans } = { corners: this.corners.leagueMeans(date), yellowCards: this.yellow.leagueMeans(date) };
    if (this.red) out.redCards = this.red.leagueMeans(date);
    return out;
  }
}
