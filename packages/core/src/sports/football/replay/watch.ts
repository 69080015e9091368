import { HALF_MINUTES } from "../models/goal-profile";
import type { MatchWatch } from "../../feed";
import type { FootballMatchFeed } from "./feed";
import { matchName } from "./fixtures";
import type { Team } from "./script";

/**
 * A football match as the progress display follows it: the score goal by goal with the
 * corners so far, a line for each goal, red card, half time and full time, and the
 * match clock (minutes played, "HT" in the break, stopped at full time).
 */
export function watchFootballMatch({ fixture, script }: FootballMatchFeed): MatchWatch {
  const score = { home: 0, away: 0 };
  const corners = { home: 0, away: 0 };
  const team = (side: Team) => (side === "home" ? fixture.homeTeam : fixture.awayTeam);
  return {
    name: matchName(fixture),
    playSeconds: script.fullTimeSecond,
    score: () => `${score.home}-${score.away}${corners.home + corners.away > 0 ? ` (corners ${corners.home}-${corners.away})` : ""}`,
    follow(event) {
      if (event.type === "Goal Scored") {
        score[event.team]++;
        return { note: `goal ${team(event.team)} ${event.minute}'` };
      }
      if (event.type === "Corner Taken") corners[event.team]++;
      if (event.type === "Card Shown" && event.colour === "red") return { note: `red card ${team(event.team)} ${event.minute}'` };
      if (event.type === "Match Started") return { status: "in play" };
      if (event.type === "Period Ended" && event.period === "1H") return { status: "half time", note: "half time" };
      if (event.type === "Period Started" && event.period === "2H") return { status: "in play" };
      if (event.type === "Match Ended") return { status: "full time", note: "full time" };
      if (event.type === "Result Confirmed") return { status: "confirmed" };
      return {};
    },
    clock(second) {
      if (second < script.halfTimeSecond) return `${Math.floor(second / 60)}'`;
      if (second < script.secondHalfSecond) return "HT";
      return `${HALF_MINUTES + Math.floor((second - script.secondHalfSecond) / 60)}'`;
    },
  };
}
