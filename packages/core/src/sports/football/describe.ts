import type { MatchView } from "../../match/view";
import type { FootballEvent } from "./events";

const teamName = (view: MatchView | null, side: "home" | "away") => view?.participants?.[side === "home" ? 0 : 1] ?? side;

/** One line of the event log as an operator reads it. */
export function describeFootball(event: FootballEvent, view: MatchView | null): string {
  switch (event.type) {
    case "Match Scheduled": return `${event.homeTeam} v ${event.awayTeam}, ${event.competition}, kick-off ${event.kickoff}`;
    case "Market Prices Observed": {
      const { home, draw, away } = event.matchResult;
      return `${event.bookmaker} 1X2 ${home} / ${draw} / ${away}${event.overUnder25 ? `, over/under 2.5 ${event.overUnder25.over} / ${event.overUnder25.under}` : ""}`;
    }
    case "Goal Scored": return `goal ${teamName(view, event.team)}`;
    case "Goal Disallowed": return `goal ${event.goalEventId} disallowed`;
    case "Card Shown": return `${event.colour} card ${teamName(view, event.team)}`;
    case "Corner Taken": return `corner ${teamName(view, event.team)}`;
    case "Period Started": return `${event.period === "1H" ? "first" : "second"} half started`;
    case "Period Ended": return `${event.period === "1H" ? "first" : "second"} half ended`;
    case "Added Time Announced": return `${event.minutes} minutes added to the ${event.period === "1H" ? "first" : "second"} half`;
    case "Match Ended": return "final whistle";
    case "Result Confirmed": return `result ${event.score.home}-${event.score.away} (half time ${event.halfTimeScore.home}-${event.halfTimeScore.away})`;
    case "Match Abandoned": return `abandoned: ${event.reason}`;
    default: return "";
  }
}

