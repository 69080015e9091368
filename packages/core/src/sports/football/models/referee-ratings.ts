/**
 * Walk-forward referee ratings of yellow cards. Referees differ in how readily they
 * book (EPL 2012/13 to 2018/19: the card total's log-likelihood and its over/under
 * 3.5 and 4.5 lines improve on every referee prior tried), and the appointment is
 * published before the match, so a match's referee is fair pre-match information.
 * A referee's multiplier is his cards over what the team ratings expected in his
 * matches, gamma-Poisson shrunk to 1: (Σ w·cards + κ) / (Σ w·expected + κ), κ in
 * cards, the weights halving every halfLifeDays.
 */
export interface RefereeRatingParams {
  halfLifeDays: number;
  /** Prior strength κ, in cards (a match has about 3.3). */
  priorCards: number;
}

interface RefereeSums {
  cards: number;
  expected: number;
  day: number;
}

const DAY_MS = 86_400_000;

export class RefereeRatings {
  private readonly referees = new Map<string, RefereeSums>();

  constructor(private readonly params: RefereeRatingParams) {}

  private decay(from: number, to: number): number {
    return to > from ? Math.pow(0.5, (to - from) / this.params.halfLifeDays) : 1;
  }

  /** The referee's multiplier of both sides' expected cards on `date`; 1 for an unknown or unnamed referee. */
  multiplier(referee: string | null | undefined, date: string): number {
    const s = referee ? this.referees.get(referee) : undefined;
    if (!s) return 1;
    const f = this.decay(s.day, Date.parse(date) / DAY_MS);
    const k = this.params.priorCards;
    return (s.cards * f + k) / (s.expected * f + k);
  }

  /** Adds a played match: its cards (both sides) and what the team ratings expected. */
  observe(referee: string | null | undefined, date: string, cards: number, expected: number): void {
    if (!referee) return;
    const day = Date.parse(date) / DAY_MS;
    const s = this.referees.get(referee) ?? { cards: 0, expected: 0, day };
    const f = this.decay(s.day, day);
    this.referees.set(referee, { cards: s.cards * f + cards, expected: s.expected * f + expected, day: Math.max(day, s.day) });
  }
}
