/**
 * Walk-forward referee ratings of yellow cards. Referees differ in how readily they
 * book (EPL 2012/13 to 2018/19: the card total's log-likelihood and its over/under
 * 3.5 and 4.5 lines improve on every referee prior tried), and the appointment is
 * published before the match, so a match's referee is fair pre-match information.
 * A referee's multiplier is his cards over what the team ratings expected in his
 * matches, gamma-Poisson shrunk to 1: (Σ w·cards + κ) / (Σ w·expected + κ), κ in
 * cards, the weights halving every halfLifeDays.
 */
import jstat from "jstat";
import { goldenMax } from "./counts";

const { jStat } = jstat;

export interface RefereeRatingParams {
  halfLifeDays: number;
  /** Prior strength κ, in cards (a match has about 3.3); with empiricalBayes, the value until the fit takes over. */
  priorCards: number;
  /**
   * Refit κ on each date by maximum likelihood over the referees' earlier matches
   * (empirical Bayes): a referee's decayed cards C given what the ratings expected E
   * are, with his multiplier Gamma(κ, κ), negative binomial with mean E and size κ.
   * Left out: κ is priorCards.
   */
  empiricalBayes?: { minReferees: number };
}

interface RefereeSums {
  cards: number;
  expected: number;
  day: number;
}

const DAY_MS = 86_400_000;

/** Bounds of the fitted prior strength, cards: from next to no shrinkage to none of the referees' spread kept. */
export const PRIOR_CARDS_RANGE = { min: 1, max: 1e5 } as const;

/**
 * The κ maximising Σ_j log NB(C_j; E_j, κ) over referees j (the gamma-Poisson marginal
 * of a referee's cards C_j given E_j expected, his multiplier Gamma(κ, κ)); the log-gamma
 * taken at the decayed, fractional sums. Golden-section search on log κ.
 */
export function fitPriorCards(cards: readonly number[], expected: readonly number[]): number {
  const logLik = (k: number) => {
    let s = 0;
    for (let j = 0; j < cards.length; j++) {
      const c = cards[j], e = expected[j];
      s += jStat.gammaln(c + k) - jStat.gammaln(k) + k * Math.log(k / (k + e)) + c * Math.log(e / (k + e));
    }
    return s;
  };
  return goldenMax(logLik, PRIOR_CARDS_RANGE.min, PRIOR_CARDS_RANGE.max);
}

export class RefereeRatings {
  private readonly referees = new Map<string, RefereeSums>();
  private fitted: { date: string; prior: number } | null = null;

  constructor(private readonly params: RefereeRatingParams) {}

  private decay(from: number, to: number): number {
    return to > from ? Math.pow(0.5, (to - from) / this.params.halfLifeDays) : 1;
  }

  /** The referee's multiplier of both sides' expected cards on `date`; 1 for an unknown or unnamed referee. */
  multiplier(referee: string | null | undefined, date: string): number {
    const s = referee ? this.referees.get(referee) : undefined;
    if (!s) return 1;
    const f = this.decay(s.day, Date.parse(date) / DAY_MS);
    const k = this.priorCards(date);
    return (s.cards * f + k) / (s.expected * f + k);
  }

  /** The prior strength κ on `date`: priorCards, or its empirical-Bayes refit on the referees so far. */
  priorCards(date: string): number {
    const eb = this.params.empiricalBayes;
    if (!eb || this.referees.size < eb.minReferees) return this.params.priorCards;
    if (this.fitted?.date === date) return this.fitted.prior;
    const day = Date.parse(date) / DAY_MS;
    const cards: number[] = [], expected: number[] = [];
    for (const s of this.referees.values()) {
      const f = this.decay(s.day, day);
      if (s.expected * f > 0) { cards.push(s.cards * f); expected.push(s.expected * f); }
    }
    const prior = fitPriorCards(cards, expected);
    this.fitted = { date, prior };
    return prior;
  }

  /** Adds a played match: its cards (both sides) and what the team ratings expected. */
  observe(referee: string | null | undefined, date: string, cards: number, expected: number): void {
    if (!referee) return;
    const day = Date.parse(date) / DAY_MS;
    const s = this.referees.get(referee) ?? { cards: 0, expected: 0, day };
    const f = this.decay(s.day, day);
    this.referees.set(referee, { cards: s.cards * f + cards, expected: s.expected * f + expected, day: Math.max(day, s.day) });
    this.fitted = null;
  }
}
