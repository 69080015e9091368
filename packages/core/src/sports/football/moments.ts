import type { MatchMoment, MatchView } from "../contract";
import type { FootballEvent } from "./events";

/**
 * The moments of a football match on a price chart's time axis: goals, goals
 * disallowed and red cards (each suspends the markets until a price knows it), yellow
 * cards, and the boundaries of play (one kick-off, half time, the second half, full
 * time, abandonment).
 */
export function footballMoments(events: readonly FootballEvent[], view: MatchView | null): MatchMoment[] {
  const team = (side: "home" | "away") => view?.participants?.[side === "home" ? 0 : 1] ?? side;
  const index = (side: "home" | "away") => (side === "home" ? 0 : 1);
  const out: MatchMoment[] = [];
  let kickedOff = false;
  for (const e of events) {
    const minute = "minute" in e && typeof e.minute === "number" ? e.minute : null;
    const at = (text: string) => (minute !== null ? `${text} ${minute}'` : text);
    const mark = ` ${minute !== null ? `${minute}'` : ""}`.trimEnd();
    const base = { at: e.occurredAt, seq: e.seq };
    const period = (kind: string, label: string): MatchMoment => ({ ...base, kind, weight: "period", side: null, label, short: "", suspends: false });
    switch (e.type) {
      case "Goal Scored":
        out.push({ ...base, kind: "goal", weight: "major", side: index(e.team), label: at(`Goal ${team(e.team)}`), short: `${e.team === "home" ? "H" : "A"} goal${mark}`, suspends: true });
        break;
      case "Goal Disallowed":
        out.push({ ...base, kind: "goal disallowed", weight: "major", side: null, label: at("Goal disallowed"), short: "No goal", suspends: true });
        break;
      case "Card Shown":
        out.push(e.colour === "red"
          ? { ...base, kind: "red card", weight: "major", side: index(e.team), label: at(`Red card ${team(e.team)}`), short: `Red${mark}`, suspends: true }
          : { ...base, kind: "yellow card", weight: "minor", side: index(e.team), label: at(`Yellow card ${team(e.team)}`), short: "", suspends: false });
        break;
      case "Match Started":
      case "Period Started":
        // A feed may send both "Match Started" and "Period Started 1H": one kick-off.
        if (e.type === "Period Started" && e.period !== "1H") out.push(period("second half", "Second half"));
        else if (!kickedOff) out.push(period("kick-off", "Kick-off"));
        kickedOff ||= e.type === "Match Started" || e.period === "1H";
        break;
      case "Period Ended":
        if (e.period === "1H") out.push(period("half-time", "Half time"));
        break;
      case "Match Ended": out.push(period("full time", "Full time")); break;
      case "Match Abandoned": out.push(period("abandoned", "Abandoned")); break;
      default: break;
    }
  }
  return out;
}
