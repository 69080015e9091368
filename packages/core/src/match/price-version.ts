/**
 * Orders repricings of a match: the state version first, then the sport's clock in
 * seconds (below 100,000; 0 for a sport without a clock), so a later tick of the same
 * state is newer.
 */
export function priceVersion(stateVersion: number, clockSeconds: number): number {
  return firstPriceVersion(stateVersion) + clockSeconds;
}

/** The lowest price version of a state version: every repricing of an older state is below it. */
export function firstPriceVersion(stateVersion: number): number {
  return stateVersion * 100_000;
}

/** The clock seconds a price version was made at. */
export function clockSecondsOf(priceVersion: number): number {
  return priceVersion % 100_000;
}
