import type { FootballEvent as FeedEvent } from "@pricing/core/sports/football/events";

/** An in-play incident of a generated match. */
export type Incident =
  | { kind: "goal"; team: "home" | "away"; minute: number }
  | { kind: "card"; team: "home" | "away"; colour: "yellow" | "red"; minute: number }
  | { kind: "disallow"; minute: number };

const KICKOFF = Date.parse("2024-08-17T14:00:00Z");
const at = (minute: number, secondHalf = false) => new Date(KICKOFF + (minute + (secondHalf ? 15 : 0)) * 60_000).toISOString();

/**
 * The feed of a whole match, seq 1..n: scheduled, kick-off, the incidents in minute
 * order, half time, second half, full time and the confirmed result.
 */
export function matchFeed(matchId: string, incidents: Incident[]): FeedEvent[] {
  const events: FeedEvent[] = [];
  const base = () => ({ eventId: `${matchId}-${events.length + 1}`, matchId, seq: events.length + 1 });
  events.push({
    ...base(), type: "Match Scheduled", occurredAt: at(-1440), competition: "Premier League",
    homeTeam: "Arsenal", awayTeam: "Fulham", kickoff: at(0), expectedGoals: { home: 2.117914, away: 1.025718, rho: -0.1335741 },
  });
  events.push({ ...base(), type: "Match Started", occurredAt: at(0) });
  const sorted = [...incidents].sort((a, b) => a.minute - b.minute);
  const score = { home: 0, away: 0 };
  let halfTime: typeof score | null = null;
  const goals: Array<{ eventId: string; team: "home" | "away" }> = [];
  const push = (i: Incident) => {
    const sh = i.minute > 45;
    if (i.kind === "goal") {
      const e = { ...base(), type: "Goal Scored" as const, occurredAt: at(i.minute, sh), team: i.team, minute: i.minute };
      events.push(e);
      goals.push({ eventId: e.eventId, team: i.team });
      score[i.team] += 1;
    } else if (i.kind === "card") {
      events.push({ ...base(), type: "Card Shown", occurredAt: at(i.minute, sh), team: i.team, colour: i.colour, minute: i.minute });
    } else if (goals.length > 0 && (i.minute > 45) === (halfTime !== null)) {
      const goal = goals.pop()!;
      events.push({ ...base(), type: "Goal Disallowed", occurredAt: at(i.minute, sh), goalEventId: goal.eventId, minute: i.minute });
      score[goal.team] -= 1;
    }
  };
  for (const i of sorted.filter((i) => i.minute <= 45)) push(i);
  events.push({ ...base(), type: "Period Ended", occurredAt: at(46), period: "1H", minute: 46 });
  halfTime = { ...score };
  events.push({ ...base(), type: "Period Started", occurredAt: at(45, true), period: "2H" });
  goals.length = 0;
  for (const i of sorted.filter((i) => i.minute > 45)) push(i);
  events.push({ ...base(), type: "Period Ended", occurredAt: at(94, true), period: "2H", minute: 94 });
  events.push({ ...base(), type: "Match Ended", occurredAt: at(94, true), minute: 94 });
  events.push({ ...base(), type: "Result Confirmed", occurredAt: at(110, true), score: { ...score }, halfTimeScore: halfTime });
  return events;
}
