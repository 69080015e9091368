import { InputError } from "../errors";

/**
 * Bands of the decimal price ladder, in hundredths: [from, to, step]. Prices run
 * from 1.01 to 1000 in the increments a bookmaker (or an exchange) offers:
 * 1.01-2 by 0.01, 2-3 by 0.02, 3-4 by 0.05, 4-6 by 0.1, 6-10 by 0.2, 10-20 by 0.5,
 * 20-30 by 1, 30-50 by 2, 50-100 by 5, 100-1000 by 10.
 */
const LADDER_BANDS: ReadonlyArray<readonly [number, number, number]> = [
  [101, 200, 1],
  [200, 300, 2],
  [300, 400, 5],
  [400, 600, 10],
  [600, 1000, 20],
  [1000, 2000, 50],
  [2000, 3000, 100],
  [3000, 5000, 200],
  [5000, 10000, 500],
  [10000, 100000, 1000],
];

function buildLadder(): number[] {
  const cents: number[] = [];
  for (const [from, to, step] of LADDER_BANDS) {
    for (let c = from; c <= to; c += step) if (cents[cents.length - 1] !== c) cents.push(c);
  }
  return cents.map((c) => c / 100);
}

/** Every price on the ladder, ascending: 1.01, 1.02, ..., 2, 2.02, ..., 990, 1000. */
export const PRICE_LADDER: readonly number[] = Object.freeze(buildLadder());

/** Relative slack so that a price computed as 1.9999999999999998 still lands on 2. */
const FLOAT_SLACK = 1e-12;

/**
 * The largest ladder price at or below `odds` (decimal): rounding down never offers
 * more than the price asked for. Returns null when `odds` is below the ladder's
 * first price (or below `minOdds`); prices above `maxOdds` are capped at the largest
 * ladder price not above `maxOdds`.
 *
 * @param odds decimal odds, > 0 (Infinity is capped at maxOdds)
 * @param minOdds smallest price offered, decimal (default 1.01)
 * @param maxOdds largest price offered, decimal (default 1000)
 */
export function roundDownToLadder(
  odds: number,
  minOdds = PRICE_LADDER[0],
  maxOdds = PRICE_LADDER[PRICE_LADDER.length - 1],
  ladder: readonly number[] = PRICE_LADDER,
): number | null {
  if (Number.isNaN(odds) || !(odds > 0)) {
    throw new InputError("margin.invalid_odds", `a price to round must be positive decimal odds, got ${odds}`);
  }
  if (!(minOdds >= 1 && maxOdds >= minOdds)) {
    throw new InputError("margin.invalid_limits", `need 1 <= minOdds <= maxOdds, got ${minOdds} and ${maxOdds}`);
  }
  const target = Math.min(odds, maxOdds) * (1 + FLOAT_SLACK);
  let lo = 0, hi = ladder.length - 1, found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (ladder[mid] <= target) { found = mid; lo = mid + 1; } else hi = mid - 1;
  }
  if (found < 0 || ladder[found] < minOdds) return null;
  return ladder[found];
}
