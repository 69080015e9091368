import { InputError } from "../../../errors";
import type { Random } from "../../../math/random";
import { applyPoint } from "../point";
import { setRuleOf, type MatchRules, type Player } from "../rules";
import { inTiebreak } from "../set";
import { isFinishedSet, isOver, startingScore, type TennisScore } from "../state";

/**
 * The points of a match that ends with the given set scores, drawn at random but
 * consistent with them: each set's games in an order that never finishes the set
 * early, each game's points under the rules (deuces now and then), tiebreaks to their
 * target, the serve alternating as the rules say. Returns who won each point (a
 * retirement is the caller's: it stops the points short).
 */
export function drawPoints(sets: [number, number][], rules: MatchRules, firstServer: Player, random: Random): Player[] {
  const points: Player[] = [];
  let score = startingScore(firstServer);
  for (const [index, [a, b]] of sets.entries()) {
    if (!isFinishedSet(rules, index, a, b)) throw new InputError("replay.invalid_set", `set ${index + 1} ${a}-${b} is not a finished set`);
    for (const winner of gameOrder(a, b, rules, index, random)) {
      const tiebreak = inTiebreak(setRuleOf(rules, index), score.current.gamesA, score.current.gamesB);
      for (const p of gamePoints(winner, tiebreak ? (setRuleOf(rules, index) === "tiebreak10" ? 10 : 7) : 4, tiebreak, rules.noAd, random)) {
        points.push(p);
        score = applyPoint(score, rules, p);
      }
    }
  }
  if (!isOver(score, rules)) throw new InputError("replay.invalid_sets", `sets ${sets.map(([a, b]) => `${a}-${b}`).join(" ")} do not finish a best of ${rules.bestOf}`);
  return points;
}

/** Who wins each game of a set that ends a-b: the set's last game to its winner, the rest shuffled so no earlier game ends it. */
function gameOrder(a: number, b: number, rules: MatchRules, index: number, random: Random): Player[] {
  const winner: Player = a > b ? "a" : "b";
  for (;;) {
    const rest: Player[] = [...Array<Player>(a - (winner === "a" ? 1 : 0)).fill("a"), ...Array<Player>(b - (winner === "b" ? 1 : 0)).fill("b")];
    const order = [...random.shuffle(rest), winner];
    let ga = 0, gb = 0, early = false;
    for (let k = 0; k < order.length - 1; k++) {
      if (order[k] === "a") ga++; else gb++;
      if (isFinishedSet(rules, index, ga, gb)) { early = true; break; }
    }
    if (!early) return order;
  }
}

/** The points of one game (or tiebreak, to `target`) won by `winner`. */
function gamePoints(winner: Player, target: number, tiebreak: boolean, noAd: boolean, random: Random): Player[] {
  const loser: Player = winner === "a" ? "b" : "a";
  const lost = random.weighted(tiebreak ? [1, 1, 1, 1, 1, 1, 1.5] : [3, 3, 2.5, 1.5]);
  if (lost <= target - 2 || (noAd && !tiebreak && lost === 3)) {
    const out = [...random.shuffle([...Array<Player>(target - 1).fill(winner), ...Array<Player>(Math.min(lost, noAd && !tiebreak ? 3 : target - 2)).fill(loser)]), winner];
    return out;
  }
  // To deuce (or 6-6 in a tiebreak), a few exchanges, then two in a row.
  const even = [...Array<Player>(target - 1).fill(winner), ...Array<Player>(target - 1).fill(loser)];
  const order = random.shuffle(even);
  const exchanges = random.int(0, 2);
  for (let k = 0; k < exchanges; k++) order.push(...random.shuffle([winner, loser] as Player[]));
  return [...order, winner, winner];
}

/** The score after each of the points. */
export function scoresAfter(points: Player[], rules: MatchRules, firstServer: Player): TennisScore[] {
  const out: TennisScore[] = [];
  let score = startingScore(firstServer);
  for (const p of points) out.push((score = applyPoint(score, rules, p)));
  return out;
}
