import type { TennisDataMatch } from "./csv";
import type { FinalSetRule, MatchRules } from "./rules";

/**
 * The deciding-set rule a tournament played in a season. Tour events play a 7-point
 * tiebreak at 6-6 in every set; the Grand Slams had their own rules until the common
 * 10-point tiebreak of 2022. Wimbledon's tiebreak at 12-12 (2019-2021) is priced as an
 * advantage set: the mass past 12-12 is a fraction of a per cent.
 */
export function finalSetRuleFor(tournament: string, date: string): FinalSetRule {
  const year = Number(date.slice(0, 4));
  const name = tournament.toLowerCase();
  const slam = /australian open|french open|roland garros|wimbledon|us open/.test(name);
  if (!slam) return "tiebreak7";
  if (year >= 2022) return "tiebreak10";
  if (name.includes("australian")) return year >= 2019 ? "tiebreak10" : "advantage";
  if (name.includes("us open")) return "tiebreak7";
  return "advantage";
}

export function rulesOf(match: TennisDataMatch): MatchRules {
  return { bestOf: match.bestOf, finalSet: finalSetRuleFor(match.tournament, match.date), noAd: false };
}
