const DAY_MS = 86_400_000;

/**
 * Played matches in the order they were observed, each a row of numbers with its day:
 * what the walk-forward refits of the count model (the total's size, the card mean's
 * calibration, the closeness term) fit on. Weights halve every `halfLifeDays` back from
 * the date asked about; a fit is made once per date and kept until the next match is
 * observed.
 */
export class DatedSample<K extends string> {
  private readonly days: number[] = [];
  /** Each column's values, in the order observed. */
  readonly columns: Readonly<Record<K, number[]>>;
  private fitted: { date: string; value: unknown } | null = null;

  constructor(names: readonly K[]) {
    this.columns = Object.fromEntries(names.map((name) => [name, [] as number[]])) as unknown as Record<K, number[]>;
  }

  /** Matches observed so far. */
  get length(): number {
    return this.days.length;
  }

  observe(date: string, row: Readonly<Record<K, number>>): void {
    this.days.push(Date.parse(date) / DAY_MS);
    for (const name of Object.keys(this.columns) as K[]) this.columns[name].push(row[name]);
    this.fitted = null;
  }

  /** Each match's weight on `date`: halving every `halfLifeDays` of its age (none for a later match). */
  weights(date: string, halfLifeDays: number): number[] {
    const day = Date.parse(date) / DAY_MS;
    return this.days.map((d) => Math.pow(0.5, Math.max(0, day - d) / halfLifeDays));
  }

  /** `fit()` on `date`, made once per date until the next match is observed. */
  fitOn<T>(date: string, fit: () => T): T {
    if (this.fitted?.date === date) return this.fitted.value as T;
    const value = fit();
    this.fitted = { date, value };
    return value;
  }
}
