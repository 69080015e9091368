/**
 * Fair decimal odds of a selection: the stake back over the win probability, pushes
 * returned; null when it cannot win. One expression for the derivation and for the
 * price store, which rebuilds fair odds from probability and push bit for bit.
 */
export function fairOddsOf(probability: number, push: number): number | null {
  return probability > 0 ? (1 - push) / probability : null;
}
