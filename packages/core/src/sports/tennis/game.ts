/**
 * A service game under the iid model: the server wins each point with probability p.
 */

/**
 * Probability that the server wins a game from a point score (points won, not
 * 0/15/30/40): deuce at 3-3 and beyond is resolved in closed form p^2 / (p^2 + q^2);
 * with no-ad scoring the point at 3-3 decides.
 *
 * @param p probability the server wins a point on serve, in (0, 1)
 * @param server points won by the server so far
 * @param receiver points won by the receiver so far
 */
export function gameWinProbability(p: number, server = 0, receiver = 0, noAd = false): number {
  const q = 1 - p;
  if (server >= 4 && server - receiver >= 2) return 1;
  if (receiver >= 4 && receiver - server >= 2) return 0;
  if (noAd && server === 4 && receiver === 3) return 1;
  if (noAd && receiver === 4 && server === 3) return 0;
  if (server >= 3 && receiver >= 3) {
    if (noAd) return p;
    const deuce = (p * p) / (p * p + q * q);
    if (server === receiver) return deuce;
    return server > receiver ? p + q * deuce : p * deuce;
  }
  return p * gameWinProbability(p, server + 1, receiver, noAd) + q * gameWinProbability(p, server, receiver + 1, noAd);
}

/** Probability that the server holds from 0-0 (O'Malley 2008: p = 0.6 holds 0.7357). */
export function holdProbability(p: number, noAd = false): number {
  return gameWinProbability(p, 0, 0, noAd);
}
