/**
 * The frequency baseline the derived markets are judged against: what happened before
 * in matches with the same tour, format and favourite's probability (bins of 0.05),
 * counted walk-forward, Laplace-smoothed. It knows the favourite's price and nothing
 * about tennis.
 */
export interface FrequencyBaseline {
  sets: Map<string, number[]>;
  tiebreak: Map<string, [number, number]>;
  totals: Map<string, number[]>;
  afterFirstSet: Map<string, [number, number]>;
}

export function newBaseline(): FrequencyBaseline {
  return { sets: new Map(), tiebreak: new Map(), totals: new Map(), afterFirstSet: new Map() };
}

/** The bin of a match: tour, best-of and the favourite's probability in steps of 0.05. */
export function baselineKey(tour: string, bestOf: number, favourite: number): string {
  return `${tour}|${bestOf}|${Math.min(9, Math.floor((favourite - 0.5) / 0.05))}`;
}

/** Frequency of each set-betting selection (favourite's side, in setBettingKeys order). */
export function baselineSets(b: FrequencyBaseline, key: string, selections: number): number[] {
  const counts = b.sets.get(key) ?? new Array<number>(selections).fill(0);
  const n = counts.reduce((s, c) => s + c, 0);
  return counts.map((c) => (c + 1) / (n + selections));
}

export function baselineTiebreak(b: FrequencyBaseline, key: string): number {
  const [yes, n] = b.tiebreak.get(key) ?? [0, 0];
  return (yes + 1) / (n + 2);
}

export function baselineOver(b: FrequencyBaseline, key: string, line: number): number {
  const counts = b.totals.get(key) ?? [];
  let over = 0, n = 0;
  counts.forEach((c, total) => { n += c; if (total > line) over += c; });
  return (over + 1) / (n + 2);
}

/** The favourite's frequency of winning the match, given who won the first set. */
export function baselineAfterFirstSet(b: FrequencyBaseline, key: string, favouriteWonSet: boolean): number {
  const [wins, n] = b.afterFirstSet.get(`${key}|${favouriteWonSet}`) ?? [0, 0];
  return (wins + 1) / (n + 2);
}

/** Counts one completed match, from the favourite's side. */
export function countMatch(b: FrequencyBaseline, key: string, selection: number, selections: number, tiebreak: boolean, totalGames: number, favouriteWonSet: boolean, favouriteWon: boolean): void {
  const sets = b.sets.get(key) ?? new Array<number>(selections).fill(0);
  sets[selection]++;
  b.sets.set(key, sets);
  const tb = b.tiebreak.get(key) ?? [0, 0];
  b.tiebreak.set(key, [tb[0] + (tiebreak ? 1 : 0), tb[1] + 1]);
  const totals = b.totals.get(key) ?? [];
  totals[totalGames] = (totals[totalGames] ?? 0) + 1;
  for (let i = 0; i < totals.length; i++) totals[i] ??= 0;
  b.totals.set(key, totals);
  const k = `${key}|${favouriteWonSet}`;
  const f = b.afterFirstSet.get(k) ?? [0, 0];
  b.afterFirstSet.set(k, [f[0] + (favouriteWon ? 1 : 0), f[1] + 1]);
}
