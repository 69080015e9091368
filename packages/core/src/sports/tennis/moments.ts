import { Epoch } from "../../match/epoch";
import type { MatchMoment, MatchView } from "../contract";
import type { TennisEvent } from "./events";
import { initialTennisState, type TennisState } from "./match-state";
import { reduceTennis } from "./reducer";
import { setRuleOf, type Player } from "./rules";
import { inTiebreak } from "./set";
import type { TennisScore } from "./state";

/**
 * The moments of a tennis match on a price chart's time axis, read by folding its feed
 * through tennis's own reducer: every break of serve (a service game won by the
 * receiver; a tiebreak is no break), the end of each set, suspensions of play and
 * corrections (both suspend the markets until a price knows them), a retirement or
 * walkover, the start and the end. A point taken back takes its moments with it.
 */
export function tennisMoments(events: readonly TennisEvent[], view: MatchView | null): MatchMoment[] {
  const name = (p: Player) => view?.participants?.[p === "a" ? 0 : 1] ?? p.toUpperCase();
  const side = (p: Player) => (p === "a" ? 0 : 1);
  let state: TennisState = initialTennisState();
  let epoch: Epoch = Epoch.Scheduled;
  const out: MatchMoment[] = [];
  /** The moments of each point still standing, oldest first: a correction removes the last ones. */
  const points: MatchMoment[][] = [];
  for (const e of events) {
    const base = { at: e.occurredAt, seq: e.seq };
    if (e.type === "Match Abandoned") {
      out.push({ ...base, kind: "abandoned", weight: "period", side: null, label: `Abandoned: ${e.reason}`, short: "Abandoned", suspends: false });
      continue;
    }
    const before = state;
    const step = reduceTennis(state, e, epoch);
    if (step.reason.startsWith("ignored")) continue;
    state = { ...state, ...step.patch };
    epoch = step.epoch ?? epoch;
    switch (e.type) {
      case "Match Started":
        out.push({ ...base, kind: "start", weight: "period", side: null, label: `Play started, ${name(e.firstServer)} serving`, short: "", suspends: false });
        break;
      case "Point Won": {
        const marks = before.score && state.score ? gameMoments(before, state.score, base, name, side) : [];
        points.push(marks);
        out.push(...marks);
        break;
      }
      case "Point Corrected": {
        const gone = new Set(points.splice(Math.max(0, points.length - e.points)).flat());
        for (let i = out.length - 1; i >= 0; i--) if (gone.has(out[i])) out.splice(i, 1);
        out.push({ ...base, kind: "correction", weight: "minor", side: null, label: `${e.points} point${e.points === 1 ? "" : "s"} taken back: ${e.score}`, short: "", suspends: true });
        break;
      }
      case "Play Suspended":
        out.push({ ...base, kind: "suspended", weight: "major", side: null, label: `Play suspended: ${e.reason}`, short: "Suspended", suspends: true });
        break;
      case "Play Resumed":
        out.push({ ...base, kind: "resumed", weight: "minor", side: null, label: "Play resumed", short: "", suspends: false });
        break;
      case "Retirement":
        out.push({ ...base, kind: "retired", weight: "major", side: side(e.player), label: `${name(e.player)} retired`, short: "Retired", suspends: true });
        break;
      case "Walkover":
        out.push({ ...base, kind: "walkover", weight: "major", side: side(e.player), label: `Walkover: ${name(e.player)} withdrew`, short: "Walkover", suspends: true });
        break;
      case "Match Ended":
        out.push({ ...base, kind: "end", weight: "period", side: null, label: "Match over", short: "", suspends: false });
        break;
      default: break;
    }
  }
  return out;
}

/** The break of serve and the set end a point made, if it ended a game. */
function gameMoments(before: TennisState, after: TennisScore, base: Pick<MatchMoment, "at" | "seq">, name: (p: Player) => string, side: (p: Player) => 0 | 1): MatchMoment[] {
  const was = before.score!;
  const setEnded = after.sets.length > was.sets.length;
  const { gamesA, gamesB, server } = was.current;
  const games = (s: TennisScore) => s.current.gamesA + s.current.gamesB;
  if (!setEnded && games(after) === games(was)) return [];
  // Who won the game: the side a game or the set went to (the feed's score may differ from the point's player).
  const [lastA, lastB] = setEnded ? after.sets[was.sets.length] : [after.current.gamesA, after.current.gamesB];
  const winner: Player = setEnded ? (lastA > lastB ? "a" : "b") : lastA > gamesA ? "a" : "b";
  const tiebreak = before.rules !== null && inTiebreak(setRuleOf(before.rules, was.sets.length), gamesA, gamesB);
  const setNo = was.sets.length + 1;
  const out: MatchMoment[] = [];
  if (!tiebreak && winner !== server) {
    const [a, b] = setEnded ? [lastA, lastB] : [after.current.gamesA, after.current.gamesB];
    out.push({ ...base, kind: "break", weight: "major", side: side(winner), label: `Break: ${name(winner)} breaks ${name(server)}, ${a}-${b} in set ${setNo}`, short: `Break ${name(winner)}`, suspends: false });
  }
  if (setEnded) {
    const [hi, lo] = lastA > lastB ? [lastA, lastB] : [lastB, lastA];
    out.push({ ...base, kind: "set", weight: "major", side: side(winner), label: `Set ${setNo} to ${name(winner)}, ${lastA}-${lastB}`, short: `Set ${setNo} ${name(winner)} ${hi}-${lo}`, suspends: false });
  }
  return out;
}
