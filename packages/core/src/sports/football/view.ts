import type { MatchView } from "../contract";
import { scoreText } from "./reducer";
import { clockSeconds } from "./situation";
import type { FootballState } from "./state";

/**
 * A football match as an operator reads it: the fixture, the score once kicked off,
 * and the clock as a scoreboard shows it ("23'", "45+2'", "HT", "FT"), with red cards.
 * `asOf` runs a running clock on to that time; without it the clock shows its anchor.
 */
export function viewFootball(state: FootballState, asOf?: string): MatchView {
  const { fixture, clock } = state;
  const started = clock.period !== "PRE";
  let situation: string | null = null;
  if (clock.period === "HT") situation = "HT";
  else if (clock.period === "END") situation = "FT";
  else if (started) {
    const minute = Math.floor((asOf ? clockSeconds(clock, asOf) : clock.minute * 60) / 60);
    const regulation = clock.period === "1H" ? 45 : 90;
    situation = minute >= regulation ? `${regulation}+${minute - regulation + 1}'` : `${minute + 1}'`;
  }
  const { home, away } = state.redCards;
  if (situation && home + away > 0) situation += ` · red cards ${home}-${away}`;
  return {
    competition: fixture?.competition ?? null,
    start: fixture?.kickoff ?? null,
    participants: fixture ? [fixture.homeTeam, fixture.awayTeam] : null,
    score: started ? scoreText(state.score) : null,
    situation,
  };
}
