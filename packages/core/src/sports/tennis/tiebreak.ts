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
  const known = settled(p1, p2, target, fromTie, won1, won2);
  if (known !== null) return known;
  // Every other score is below target-1 on one side: fill the scores from it backwards.
  const n = target + 1;
  const grid = new Float64Array(n * n);
  for (let i = target; i >= won1; i--) {
    for (let j = target; j >= won2; j--) {
      const end = settled(p1, p2, target, fromTie, i, j);
      if (end !== null) { grid[i * n + j] = end; continue; }
      const winPoint = firstServerServesPoint(i + j) ? p1 : 1 - p2;
      grid[i * n + j] = winPoint * grid[(i + 1) * n + j] + (1 - winPoint) * grid[i * n + j + 1];
    }
  }
  return grid[won1 * n + won2];
}

/** The first server's chance from a finished tiebreak or one tied (or a point apart) at target-1 or more; null for any other score. */
function settled(p1: number, p2: number, target: number, fromTie: number, i: number, j: number): number | null {
  if (i >= target && i - j >= 2) return 1;
  if (j >= target && j - i >= 2) return 0;
  if (i >= target - 1 && j >= target - 1) {
    if (i === j) return fromTie;
    // One point ahead or behind: win the next point to finish, otherwise back to a tie.
    const winPoint = firstServerServesPoint(i + j) ? p1 : 1 - p2;
    return i > j ? winPoint + (1 - winPoint) * fromTie : winPoint * fromTie;
  }
  return null;
}
