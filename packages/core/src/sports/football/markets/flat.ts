import { GROUP_RANGE, LAYOUT, MARKET_COUNT, SELECTION_COUNT } from "./catalogue";
import { decideMarket } from "./decided";
import { probAbove, probAt, probBelow, type GoalDistribution } from "./distributions";
import { emptyMatchDistributions, matchDistributions, type MatchDistributions } from "./match-distributions";
import { CORRECT_SCORE_MAX, CS_OTHER, EXACT_GOALS_MAX, KIND, MARGIN_MAX, PUSH_BY_CODE, TWO_SCORE_KINDS, WIN_BY_CODE, type MarketKind } from "./rules";
import { decideTwoScore, type HalvesReach } from "./halves";
import { emptySecondHalf, fillSecondHalf, type SecondHalfDistributions } from "./second-half";
import { handicapBasis, totalsShift } from "./lines";
import type { GoalGroup, PricingState } from "./types";

/**
 * Prices of every catalogue selection as flat arrays, the hot path of pricing. For
 * selection s (CATALOGUE order, MarketSpec.first + index): `values[2s]` is the win
 * probability (half-wins as halves) and `values[2s + 1]` the push probability.
 */
export interface FlatPrices {
  values: Float64Array;
  /** Per market: 1 when no goal still to come can change its settlement. */
  decided: Uint8Array;
  /** Per selection: rules.ts outcome code, meaningful only when its market is decided. */
  outcome: Uint8Array;
  /** Per market: the line as quoted (NaN when none); in play totals lines follow the score. */
  line: Float64Array;
  /**
   * Per market: the same line on the final score. It differs from `line` for a
   * rest-of-match handicap, whose line L on the goals still to come is L - (home - away
   * now) on the final goal difference.
   */
  settleLine: Float64Array;
  /** Per market: 1 when its line is on the rest of the match (see LineBasis). */
  rest: Uint8Array;
}

/** Buffers for every catalogue market: 2 probabilities per selection, a decided flag per market. */
export function createFlatPrices(): FlatPrices {
  return {
    values: new Float64Array(2 * SELECTION_COUNT),
    decided: new Uint8Array(MARKET_COUNT),
    outcome: new Uint8Array(SELECTION_COUNT),
    line: Float64Array.from(LAYOUT.line),
    settleLine: Float64Array.from(LAYOUT.line),
    rest: new Uint8Array(MARKET_COUNT),
  };
}

const scratch: MatchDistributions = emptyMatchDistributions();
const halvesScratch: SecondHalfDistributions = emptySecondHalf();

/** Per market: 1 when it is read from the second half (a two-score kind). */
const TWO_SCORE = Uint8Array.from(LAYOUT.kind, (kind) => (TWO_SCORE_KINDS.has(kind as MarketKind) ? 1 : 0));
/** Per market m, how many of markets [0, m) are read from the second half. */
const TWO_SCORE_BEFORE = new Uint16Array(MARKET_COUNT + 1);
for (let m = 0; m < MARKET_COUNT; m++) TWO_SCORE_BEFORE[m + 1] = TWO_SCORE_BEFORE[m] + TWO_SCORE[m];

/** The catalogue's layout, read in the loops below. */
const KIND_OF = LAYOUT.kind;
const LINE = LAYOUT.line;
const FIRST = LAYOUT.first;
const COUNT = LAYOUT.count;
const QUARTER = LAYOUT.quarter;
/** The markets whose lines follow the state: every total-goals and Asian handicap market, each a run of its group. */
const TOTALS = GROUP_RANGE.totals;
const HANDICAPS = GROUP_RANGE.handicap;
for (let m = 0; m < MARKET_COUNT; m++) {
  const total = m >= TOTALS.start && m < TOTALS.end;
  const handicap = m >= HANDICAPS.start && m < HANDICAPS.end;
  if ((KIND_OF[m] === KIND.totalGoals) !== total || (KIND_OF[m] === KIND.asianHandicap) !== handicap) {
    throw new Error("the total-goals and Asian handicap markets must be exactly the totals and handicap groups");
  }
}

/**
 * Prices every market (or one group's) of a match into `out`: probabilities read from
 * the match's 1-D distributions, decided markets set to their settled outcome.
 * Allocates nothing once warm; pass your own `out` to keep results between calls.
 */
export function priceFlat(state: PricingState, out: FlatPrices = createFlatPrices(), group?: GoalGroup): FlatPrices {
  const d = matchDistributions(state, scratch);
  const { start, end } = group ? GROUP_RANGE[group] : { start: 0, end: MARKET_COUNT };
  // The second half is derived only for the groups that read it.
  const halves = TWO_SCORE_BEFORE[end] > TWO_SCORE_BEFORE[start] ? fillSecondHalf(state, d, halvesScratch) : null;
  setLinesOf(state, d, out, start, end);
  for (const block of KIND_BLOCKS) {
    const from = Math.max(block.start, start);
    const to = Math.min(block.end, end);
    if (from < to) fillBlock(block.kind, from, to, out.values, d, out.settleLine, halves);
  }
  const reach = halves && halvesReach(d, halves);
  // Most markets are open, as looksCertain tells from their prices: that test runs in
  // this tight loop, the rule check (markDecided) only for the markets that pass it.
  const { values, decided } = out;
  for (let m = start; m < end; m++) {
    if (KIND_OF[m] !== KIND.nextGoal && !looksCertain(values, FIRST[m], COUNT[m])) decided[m] = 0;
    else markDecided(out, m, d, reach);
  }
  return out;
}

/** Runs of consecutive catalogue markets of one kind, so each run is one tight loop. */
const KIND_BLOCKS: { kind: MarketKind; start: number; end: number }[] = [];
for (let m = 0; m < MARKET_COUNT; m++) {
  const last = KIND_BLOCKS[KIND_BLOCKS.length - 1];
  if (last && last.kind === LAYOUT.kind[m]) last.end = m + 1;
  else KIND_BLOCKS.push({ kind: LAYOUT.kind[m] as MarketKind, start: m, end: m + 1 });
}

/** Quoted and settlement lines of markets [start, end) for this state (see lines.ts). */
function setLinesOf(state: PricingState, d: MatchDistributions, out: FlatPrices, start: number, end: number): void {
  const { line: quoted, settleLine } = out;
  let from = Math.max(TOTALS.start, start);
  let to = Math.min(TOTALS.end, end);
  if (from < to) {
    const shift = totalsShift(state, d.total);
    for (let m = from; m < to; m++) quoted[m] = settleLine[m] = LINE[m] + shift;
  }
  from = Math.max(HANDICAPS.start, start);
  to = Math.min(HANDICAPS.end, end);
  if (from < to) {
    const rest = handicapBasis(state) === "rest";
    const scoreDiff = d.score.home - d.score.away;
    for (let m = from; m < to; m++) {
      const line = LINE[m];
      quoted[m] = line;
      settleLine[m] = rest ? line - scoreDiff : line;
      out.rest[m] = rest ? 1 : 0;
    }
  }
}

const reachScratch: HalvesReach = {
  ht: { home: 0, away: 0 }, htCanHome: false, htCanAway: false,
  final: { home: 0, away: 0 }, canHome: false, canAway: false,
  second: { home: 0, away: 0 }, secondCanHome: false, secondCanAway: false,
};

/** What goals may still come in each half (see HalvesReach), in a reused object. */
function halvesReach(d: MatchDistributions, h: SecondHalfDistributions): HalvesReach {
  const r = reachScratch;
  r.ht = d.htScore;
  r.htCanHome = d.htCanHome;
  r.htCanAway = d.htCanAway;
  r.final = d.score;
  r.canHome = d.canHome;
  r.canAway = d.canAway;
  r.second = h.score;
  r.secondCanHome = h.canHome;
  r.secondCanAway = h.canAway;
  return r;
}

function fillBlock(
  kind: MarketKind, from: number, to: number, v: Float64Array, d: MatchDistributions, lines: Float64Array, h: SecondHalfDistributions | null,
): void {
  const s = LAYOUT.first[from];
  switch (kind) {
    case KIND.matchResult:
      return setResult(v, s, d.diff);
    case KIND.doubleChance:
      return setDoubleChance(v, s, d.diff);
    case KIND.drawNoBet:
      return setOverUnder(v, s, d.diff, 0, false);
    case KIND.totalGoals:
      return setLines(v, d.total, 1, from, to, lines);
    case KIND.asianHandicap:
      // Home wins when diff + line > 0: "over" -line on the goal difference.
      return setLines(v, d.diff, -1, from, to, lines);
    case KIND.correctScore:
      return setCorrectScore(v, s, d);
    case KIND.btts:
      return setWinOnly(v, s, 1 - d.homeBlank - d.awayBlank + d.bothBlank, d.homeBlank + d.awayBlank - d.bothBlank);
    case KIND.teamTotalHome:
      return setLines(v, d.home, 1, from, to, lines);
    case KIND.teamTotalAway:
      return setLines(v, d.away, 1, from, to, lines);
    case KIND.oddEven:
      return setWinOnly(v, s, d.oddTotal, 1 - d.oddTotal);
    case KIND.nextGoal:
      return setResultValues(v, s, d.nextGoal.home, d.nextGoal.none, d.nextGoal.away);
    case KIND.halfTimeResult:
      return setResult(v, s, d.htDiff);
    case KIND.halfTimeTotalGoals:
      return setLines(v, d.htTotal, 1, from, to, lines);
    case KIND.winToNilHome:
      return setWinOnly(v, s, d.awayBlank - d.bothBlank, 1 - d.awayBlank + d.bothBlank);
    case KIND.winToNilAway:
      return setWinOnly(v, s, d.homeBlank - d.bothBlank, 1 - d.homeBlank + d.bothBlank);
    case KIND.cleanSheetHome:
      return setWinOnly(v, s, d.awayBlank, 1 - d.awayBlank);
    case KIND.cleanSheetAway:
      return setWinOnly(v, s, d.homeBlank, 1 - d.homeBlank);
    case KIND.winningMargin:
      return setWinningMargin(v, s, d.diff);
    case KIND.exactTotalGoals:
      return setExactTotal(v, s, d.total);
    case KIND.halfTimeFullTime:
      for (let k = 0; k < 9; k++) {
        v[2 * (s + k)] = h!.htft[k];
        v[2 * (s + k) + 1] = 0;
      }
      return;
    case KIND.secondHalfResult:
      return setResult(v, s, h!.diff);
    case KIND.secondHalfTotalGoals:
      return setLines(v, h!.total, 1, from, to, lines);
    case KIND.secondHalfBtts:
      return setWinOnly(v, s, 1 - h!.homeBlank - h!.awayBlank + h!.bothBlank, h!.homeBlank + h!.awayBlank - h!.bothBlank);
    case KIND.bothHalvesOver:
      return setBothHalves(v, s, d, h!);
  }
}

/** Home by 1, 2, 3+, draw, away by 1, 2, 3+ (rules.ts marginIndex) from the final goal difference. */
function setWinningMargin(v: Float64Array, s: number, diff: GoalDistribution): void {
  let k = setExactRun(v, 2 * s, diff, 1, 1);
  k = setWin(v, k, probAbove(diff, MARGIN_MAX - 1));
  k = setWin(v, k, probAt(diff, 0));
  k = setExactRun(v, k, diff, -1, -1);
  setWin(v, k, probBelow(diff, 1 - MARGIN_MAX));
}

/** Exactly 0 to 6 goals, then 7 or more, from the final total. */
function setExactTotal(v: Float64Array, s: number, total: GoalDistribution): void {
  const k = setExactRun(v, 2 * s, total, 0, 1, EXACT_GOALS_MAX);
  setWin(v, k, probAbove(total, EXACT_GOALS_MAX - 1));
}

/** A win-only selection's probability at slot pair `k`; the next pair. */
function setWin(v: Float64Array, k: number, probability: number): number {
  v[k] = probability;
  v[k + 1] = 0;
  return k + 2;
}

/** Win-only selections from slot pair `k`: P(x = from), P(x = from + step), ..., `count` of them (a margin's side: MARGIN_MAX - 1); the next pair. */
function setExactRun(v: Float64Array, k: number, x: GoalDistribution, from: number, step: number, count = MARGIN_MAX - 1): number {
  for (let i = 0; i < count; i++) k = setWin(v, k, probAt(x, from + i * step));
  return k;
}

/**
 * Both halves over 0.5 (the one line offered): 1 - P(no first-half goal) - P(no
 * second-half goal) + P(neither), and no goal in either half is a goalless match.
 */
function setBothHalves(v: Float64Array, s: number, d: MatchDistributions, h: SecondHalfDistributions): void {
  const firstNot = probAt(d.htTotal, 0);
  const secondNot = probAt(h.total, 0);
  setWinOnly(v, s, 1 - firstNot - secondNot + h.bothHalvesBlank, firstNot + secondNot - h.bothHalvesBlank);
}

/** Over/under-style markets [from, to) on quantity x, at c = sign * line. */
function setLines(v: Float64Array, x: GoalDistribution, sign: number, from: number, to: number, lines: Float64Array): void {
  for (let m = from; m < to; m++) {
    setOverUnder(v, FIRST[m], x, sign * lines[m], QUARTER[m] === 1);
  }
}

/** Slack for "this probability is 0, 1/2 or 1": far above rounding, far below any real price. */
const CERTAIN_TOLERANCE = 1e-7;

/**
 * Whether every win and push probability of a market is (numerically) 0, 1/2 or 1. A
 * decided market always is, since its settlement is fixed over every score the grid can
 * reach, so a market that is not cannot be decided and skips the rule check.
 */
function looksCertain(v: Float64Array, s: number, count: number): boolean {
  for (let k = 2 * s; k < 2 * (s + count); k++) {
    const x = v[k];
    if (x > CERTAIN_TOLERANCE && x < 1 - CERTAIN_TOLERANCE && Math.abs(x - 0.5) > CERTAIN_TOLERANCE) return false;
  }
  return true;
}

/**
 * Whether market m is decided, by the settlement rules, for a market that may be: one
 * whose prices look certain (looksCertain), or next goal, which never does.
 */
function markDecided(out: FlatPrices, m: number, d: MatchDistributions, reach: HalvesReach | null): void {
  const kind = KIND_OF[m] as MarketKind;
  const line = out.settleLine[m];
  const s = FIRST[m];
  const count = COUNT[m];
  if (reach && TWO_SCORE[m] === 1) {
    out.decided[m] = decideTwoScore(kind, line, count, reach, out.outcome, s) ? 1 : 0;
    if (out.decided[m] === 1) setSettled(out, s, count);
    return;
  }
  const halfTime = kind === KIND.halfTimeResult || kind === KIND.halfTimeTotalGoals;
  const score = halfTime ? d.htScore : d.score;
  const decided = halfTime
    ? decideMarket(kind, line, count, score.home, score.away, d.htCanHome, d.htCanAway, out.outcome, s)
    : decideMarket(kind, line, count, score.home, score.away, d.canHome, d.canAway, out.outcome, s);
  out.decided[m] = decided ? 1 : 0;
  if (decided) setSettled(out, s, count);
}

/** A decided market's win and push from its outcomes. */
function setSettled(out: FlatPrices, s: number, count: number): void {
  const v = out.values;
  for (let k = s; k < s + count; k++) {
    v[2 * k] = WIN_BY_CODE[out.outcome[k]];
    v[2 * k + 1] = PUSH_BY_CODE[out.outcome[k]];
  }
}

/** Two selections that cannot push (BTTS, odd/even). */
function setWinOnly(v: Float64Array, s: number, first: number, second: number): void {
  v[2 * s] = first;
  v[2 * s + 1] = 0;
  v[2 * s + 2] = second;
  v[2 * s + 3] = 0;
}

function setResultValues(v: Float64Array, s: number, home: number, draw: number, away: number): void {
  v[2 * s] = home;
  v[2 * s + 1] = 0;
  v[2 * s + 2] = draw;
  v[2 * s + 3] = 0;
  v[2 * s + 4] = away;
  v[2 * s + 5] = 0;
}

function setResult(v: Float64Array, s: number, diff: GoalDistribution): void {
  setResultValues(v, s, probAbove(diff, 0), probAt(diff, 0), probBelow(diff, 0));
}

function setDoubleChance(v: Float64Array, s: number, diff: GoalDistribution): void {
  const home = probAbove(diff, 0);
  const away = probBelow(diff, 0);
  setResultValues(v, s, probAbove(diff, -1), home + away, probBelow(diff, 1));
}

/**
 * Selection s wins when X > c, selection s + 1 when X < c; both push at X = c. A quarter
 * c splits the stake over c - 0.25 and c + 0.25.
 */
function setOverUnder(v: Float64Array, s: number, x: GoalDistribution, c: number, quarter: boolean): void {
  let over: number, under: number, push: number;
  if (quarter) {
    const lo = c - 0.25;
    const hi = c + 0.25;
    over = 0.5 * (probAbove(x, lo) + probAbove(x, hi));
    under = 0.5 * (probBelow(x, lo) + probBelow(x, hi));
    push = 0.5 * (probAt(x, lo) + probAt(x, hi));
  } else {
    over = probAbove(x, c);
    under = probBelow(x, c);
    push = probAt(x, c);
  }
  v[2 * s] = over;
  v[2 * s + 1] = push;
  v[2 * s + 2] = under;
  v[2 * s + 3] = push;
}

/**
 * Listed scores read straight from the grid (0 once the score has passed them); the
 * "other" buckets are each result's probability less its listed scores, exactly 0 when
 * the grid cannot reach past six goals a side.
 */
function setCorrectScore(v: Float64Array, s: number, d: MatchDistributions): void {
  const { size: n, p } = d.grid;
  const h0 = d.score.home;
  const a0 = d.score.away;
  let homeListed = 0, drawListed = 0, awayListed = 0;
  let k = 2 * s;
  for (let x = 0; x <= CORRECT_SCORE_MAX; x++) {
    const i = x - h0;
    for (let y = 0; y <= CORRECT_SCORE_MAX; y++) {
      const j = y - a0;
      const cell = i >= 0 && j >= 0 && i < n && j < n ? p[i * n + j] : 0;
      v[k] = cell;
      v[k + 1] = 0;
      k += 2;
      if (x > y) homeListed += cell;
      else if (x === y) drawListed += cell;
      else awayListed += cell;
    }
  }
  if (h0 + n - 1 <= CORRECT_SCORE_MAX && a0 + n - 1 <= CORRECT_SCORE_MAX) {
    setResultValues(v, s + CS_OTHER, 0, 0, 0);
    return;
  }
  setResultValues(
    v,
    s + CS_OTHER,
    Math.max(0, probAbove(d.diff, 0) - homeListed),
    Math.max(0, probAt(d.diff, 0) - drawListed),
    Math.max(0, probBelow(d.diff, 0) - awayListed),
  );
}
