/**
 * A tiebreak under the iid model. The first server serves one point, then the players
 * alternate every two points; the first to `target` points with a lead of two wins.
 */

/** Which player serves the k-th point (0-based) of a tiebreak: true for the first server. */
export function firstServerServesPoint(k: number): boolean {
  return ((k + 1) >> 1) % 2 === 0;
}

/**
 * Probability that the tiebreak's first server wins it from a point score.
 *
 * @param p1 first server's probability of winning a point on serve
 * @param p2 the other player's probability of winning a point on serve
 * @param target points to win: 7, or 10 for a match tiebreak
 * @param won1 points won so far by the first server
 * @param won2 points won so far by the other player
 */
export function tiebreakWinProbability(p1: number, p2: number, target: number, won1 = 0, won2 = 0): number {
  // From a tie at target-1 or more every pair of points has one served by each, so the
  // lead of two comes as a geometric race: win both points, or lose both.
  const winPair = p1 * (1 - p2);
  const losePair = (1 - p1) * p2;
  const fromTie = winPair / (winPair + losePair);
  const memo = new Map<number, number>();
  const solve = (i: number, j: number): number => {
    if (i >= target && i - j >= 2) return 1;
    if (j >= target && j - i >= 2) return 0;
    if (i >= target - 1 && j >= target - 1) {
      if (i === j) return fromTie;
      // One point ahead or behind: win the next point to finish, otherwise back to a tie.
      const serving = firstServerServesPoint(i + j);
      const winPoint = serving ? p1 : 1 - p2;
      return i > j ? winPoint + (1 - winPoint) * fromTie : winPoint * fromTie;
    }
    const key = i * 64 + j;
    const known = memo.get(key);
    if (known !== undefined) return known;
    const winPoint = firstServerServesPoint(i + j) ? p1 : 1 - p2;
    const value = winPoint * solve(i + 1, j) + (1 - winPoint) * solve(i, j + 1);
    memo.set(key, value);
    return value;
  };
  return solve(won1, won2);
}
