import { impliedWinner, type TennisDataMatch } from "./csv";

/**
 * Player ratings, updated match by match (walk-forward), in logit units of the
 * probability of winning a match:
 * - an Elo rating overall and one per surface, moved by results (K shrinking with the
 *   number of matches played, as in FiveThirtyEight's tennis Elo);
 * - a market rating (Kalman-filtered), moved toward each previous match's
 *   de-margined Pinnacle logit, with a surface offset; a newcomer starts from the
 *   log of the ranking. A match's own odds only ever move ratings after it is priced.
 *   Best-of-5 logits are divided by bestOf5Scale so all matches share one scale.
 *   After the match the result moves the market ratings a little further (resultK),
 *   as the next price will.
 * - a games Elo: the share of games won (a result's margin) against the logistic of
 *   the pair's difference.
 * A prediction is a logistic blend of the three differences, the log-rank ratio and
 * two things the ratings do not see: a retirement in a player's previous match, and
 * time away (the log of days since the last match played): a player back from weeks
 * off is weaker than her rating, and the market rating, last moved before the break,
 * says less, so its weight falls with the pair's mean time away.
 */
export interface RatingParams {
  /** Elo K for a newcomer: K = k0 / (matches + 5)^0.4, in logit units. */
  eloK: number;
  /**
   * Blend weights on the features of ratingFeatures: [elo, surface elo, market,
   * log-rank ratio, games elo, retired last time, log days away] differences and the
   * market difference times the pair's mean log days away.
   */
  weights: number[];
  /** K of the games Elo: the share of games won against logistic(difference). */
  gamesK: number;
  /** Market rating: variance of a newcomer, growth of the variance per day, noise of one match's market logit. */
  marketVariance: number;
  marketDrift: number;
  marketNoise: number;
  /** A newcomer's market rating: rankSlope * -log(rank). */
  rankSlope: number;
  /** Surface market offsets: variance of a newcomer's offset. */
  surfaceVariance: number;
  /** A best-of-5 match's logit over a best-of-3 match's between the same players (more sets, less luck). */
  bestOf5Scale: number;
  /** How far a result moves the market ratings beyond the market's own price: K * (won - market probability). */
  resultK: number;
}

/**
 * Tuned on ATP and WTA 2015-2018 only, never on 2019-2021: the filter's settings by
 * walk-forward log-loss on 2016-2018 (2015 warms the ratings up), the blend weights by
 * a logistic regression of 2016-2018 results on the features. The last three features
 * (retirement, time away and its shrinking of the market rating) were chosen by
 * leave-one-year-out log-loss on 2016-18: WTA 2.30% behind Pinnacle with the five
 * rating features, 2.13% with the three; ATP 1.81% and 1.58%. Ranking points
 * (WPts/LPts) and the bookmakers' average odds as a second market observation gained
 * nothing there (WTA 2.31% and 2.32%).
 */
export const RATING_PARAMS: Record<string, RatingParams> = {
  ATP: {
    eloK: 1.4, weights: [-0.219, 0.082, 1.188, -0.008, 0.464, -0.236, -0.061, -0.109],
    marketVariance: 2, marketDrift: 0.001, marketNoise: 0.6, rankSlope: 1.3, surfaceVariance: 0.5, bestOf5Scale: 1.5, resultK: 0.08, gamesK: 1,
  },
  WTA: {
    eloK: 1.4, weights: [-0.214, 0.151, 1.210, -0.007, 0.155, -0.159, -0.084, -0.108],
    marketVariance: 2, marketDrift: 0.003, marketNoise: 0.4, rankSlope: 1.2, surfaceVariance: 0.5, bestOf5Scale: 1.5, resultK: 0.15, gamesK: 2,
  },
};

export interface PlayerRating {
  elo: number;
  surface: Record<string, number>;
  matches: number;
  surfaceMatches: Record<string, number>;
  market: number;
  marketMatches: number;
  /** Games Elo: the logit of the share of games won against an equal player. */
  games: number;
  /** Variance of the market rating and the date it was last moved. */
  marketVar: number;
  marketDate: string | null;
  surfaceMarket: Record<string, number>;
  surfaceMarketVar: Record<string, number>;
  /** Date of the last match played (a walkover is not played), ISO; null before the first. */
  lastPlayed: string | null;
  /** Whether the player retired from that match. */
  retiredLast: boolean;
}

export interface RatingBook {
  params: RatingParams;
  players: Map<string, PlayerRating>;
  /** Matches rated so far. */
  matches: number;
  /** Date of the last match rated, ISO. */
  lastDate: string | null;
}

export function newRatingBook(params: RatingParams): RatingBook {
  return { params, players: new Map(), matches: 0, lastDate: null };
}

function playerOf(book: RatingBook, name: string): PlayerRating {
  let p = book.players.get(name);
  if (!p) {
    p = { elo: 0, surface: {}, matches: 0, surfaceMatches: {}, market: 0, marketMatches: 0, games: 0, marketVar: book.params.marketVariance, marketDate: null, surfaceMarket: {}, surfaceMarketVar: {}, lastPlayed: null, retiredLast: false };
    book.players.set(name, p);
  }
  return p;
}

const logistic = (x: number) => 1 / (1 + Math.exp(-x));
const logit = (p: number) => Math.log(p / (1 - p));
const rankTerm = (rank: number | null) => -Math.log(rank ?? 500);
const DAY_MS = 86_400_000;

/** Days away a newcomer counts as: about a usual break between tournaments. */
export const NEWCOMER_DAYS_AWAY = 60;

/** The log of one plus the days from a player's last match to `date` (NEWCOMER_DAYS_AWAY when there is none or no date). */
function timeAway(p: PlayerRating, date: string | null): number {
  const days = p.lastPlayed && date ? Math.max(0, (Date.parse(date) - Date.parse(p.lastPlayed)) / DAY_MS) : NEWCOMER_DAYS_AWAY;
  return Math.log1p(days);
}

/**
 * The features of a pair before their match on `date` (ISO; absent: the book's last
 * date): differences first named minus second, then the market difference times the
 * pair's mean time away.
 */
export function ratingFeatures(book: RatingBook, first: string, second: string, surface: string, firstRank: number | null, secondRank: number | null, bestOf: 3 | 5 = 3, date: string | null = book.lastDate): number[] {
  const a = playerOf(book, first), b = playerOf(book, second);
  // A player the market has not yet seen is placed by rank.
  const rankGap = rankTerm(firstRank) - rankTerm(secondRank);
  const slope = book.params.rankSlope;
  const marketOf = (p: PlayerRating, rank: number | null) => (p.marketMatches ? p.market : slope * rankTerm(rank)) + (p.surfaceMarket[surface] ?? 0);
  const market = (marketOf(a, firstRank) - marketOf(b, secondRank)) * (bestOf === 5 ? book.params.bestOf5Scale : 1);
  const awayA = timeAway(a, date), awayB = timeAway(b, date);
  const retired = (a.retiredLast ? 1 : 0) - (b.retiredLast ? 1 : 0);
  return [a.elo - b.elo, (a.surface[surface] ?? 0) - (b.surface[surface] ?? 0), market, rankGap, a.games - b.games, retired, awayA - awayB, (market * (awayA + awayB)) / 2];
}

/** The first-named player's probability of winning on `date` (ISO), from the book as it stands. */
export function predictMatch(book: RatingBook, first: string, second: string, surface: string, firstRank: number | null = null, secondRank: number | null = null, bestOf: 3 | 5 = 3, date: string | null = book.lastDate): number {
  const x = ratingFeatures(book, first, second, surface, firstRank, secondRank, bestOf, date);
  const w = book.params.weights;
  let z = 0;
  for (let i = 0; i < x.length; i++) z += (w[i] ?? 0) * x[i];
  return logistic(z);
}

/**
 * Moves the book by one match, after it has been priced: Elo by the result (a
 * retirement counts as played, a walkover not at all), the market rating by the
 * match's de-margined Pinnacle probability where quoted.
 */
export function rateMatch(book: RatingBook, m: TennisDataMatch): void {
  if (m.status === "walkover") return;
  const w = playerOf(book, m.winner), l = playerOf(book, m.loser);
  const { eloK } = book.params;
  const expected = logistic(w.elo - l.elo);
  const kW = eloK / Math.pow(w.matches + 5, 0.4), kL = eloK / Math.pow(l.matches + 5, 0.4);
  w.elo += kW * (1 - expected);
  l.elo -= kL * (1 - expected);
  const sw = w.surface[m.surface] ?? 0, sl = l.surface[m.surface] ?? 0;
  const sExpected = logistic(sw - sl);
  const nW = w.surfaceMatches[m.surface] ?? 0, nL = l.surfaceMatches[m.surface] ?? 0;
  w.surface[m.surface] = sw + (eloK / Math.pow(nW + 5, 0.4)) * (1 - sExpected);
  l.surface[m.surface] = sl - (eloK / Math.pow(nL + 5, 0.4)) * (1 - sExpected);
  const won = m.sets.reduce((t, [x]) => t + x, 0), lost = m.sets.reduce((t, [, y]) => t + y, 0);
  if (won + lost > 0) {
    const share = won / (won + lost) - logistic(w.games - l.games);
    w.games += book.params.gamesK * share;
    l.games -= book.params.gamesK * share;
  }
  w.matches++; l.matches++;
  w.lastPlayed = m.date; l.lastPlayed = m.date;
  w.retiredLast = false; l.retiredLast = m.status === "retired";
  w.surfaceMatches[m.surface] = nW + 1; l.surfaceMatches[m.surface] = nL + 1;
  if (m.pinnacle) updateMarket(book, w, l, m);
  book.matches++;
  book.lastDate = m.date;
}

/**
 * One Kalman step of the market ratings: the match's de-margined Pinnacle logit is an
 * observation of the winner's rating minus the loser's, with noise; each player's
 * variance grows with the days since it last moved, so a player back from months
 * away moves further. The residual then moves the pair's surface offsets.
 */
function updateMarket(book: RatingBook, w: PlayerRating, l: PlayerRating, m: TennisDataMatch): void {
  const { marketDrift, marketNoise, rankSlope, surfaceVariance } = book.params;
  const target = logit(Math.min(0.995, Math.max(0.005, impliedWinner(m.pinnacle!)))) / (m.bestOf === 5 ? book.params.bestOf5Scale : 1);
  for (const [p, rank] of [[w, m.winnerRank], [l, m.loserRank]] as const) {
    if (p.marketMatches === 0) p.market = rankSlope * rankTerm(rank);
    if (p.marketDate) p.marketVar += (marketDrift * (Date.parse(m.date) - Date.parse(p.marketDate))) / DAY_MS;
    p.marketDate = m.date;
  }
  const sw = w.surfaceMarket[m.surface] ?? 0, sl = l.surfaceMarket[m.surface] ?? 0;
  const gap = target - (w.market + sw - l.market - sl);
  const total = w.marketVar + l.marketVar + marketNoise;
  const gw = w.marketVar / total, gl = l.marketVar / total;
  w.market += gw * gap; l.market -= gl * gap;
  w.marketVar *= 1 - gw; l.marketVar *= 1 - gl;
  const residual = gap * (1 - gw - gl);
  const vw = w.surfaceMarketVar[m.surface] ?? surfaceVariance, vl = l.surfaceMarketVar[m.surface] ?? surfaceVariance;
  const st = vw + vl + marketNoise;
  w.surfaceMarket[m.surface] = sw + (vw / st) * residual;
  l.surfaceMarket[m.surface] = sl - (vl / st) * residual;
  w.surfaceMarketVar[m.surface] = vw * (1 - vw / st);
  l.surfaceMarketVar[m.surface] = vl * (1 - vl / st);
  // The result says something the pre-match odds did not: the next price will move with it.
  const surprise = 1 - 1 / (1 + Math.exp(-target));
  w.market += book.params.resultK * surprise;
  l.market -= book.params.resultK * surprise;
  w.marketMatches++; l.marketMatches++;
}
