import type { MatchSummary, Scoreboard } from "../src/api";
import { badge, h } from "./dom";

/** A sport's name as a title ("tennis" is "Tennis"). */
export const sportName = (sport: string | null) => (sport ? sport.charAt(0).toUpperCase() + sport.slice(1) : "–");

/** The line under a match's name: sport, competition, the fixture's facts (tour, surface, format). */
export function fixtureFacts(m: Pick<MatchSummary, "sport" | "competition" | "scoreboard">): string[] {
  return [sportName(m.sport), m.competition ?? "", ...(m.scoreboard?.details ?? [])].filter((x) => x !== "");
}

/**
 * A scoreboard as its sport drew it, whatever the sport: one row per side with its
 * cells under the sport's columns (sets, games, points), a marker on the side that
 * serves, and the status of play.
 */
export function scoreboard(board: Scoreboard, title: string): HTMLElement {
  const head = h("tr", {}, h("th", { scope: "col" }, h("span", { class: "visually-hidden" }, "Side")),
    ...board.columns.map((c) => h("th", { scope: "col", class: `num ${c.kind}` }, c.label)));
  const rows = board.rows.map((row, i) => h("tr", { "data-side": i, "data-serving": row.serving ? "true" : "false" },
    h("th", { scope: "row" },
      row.name,
      row.serving ? h("span", { class: "serve", title: "serving", "aria-label": "serving", role: "img" }, "●") : null),
    ...row.cells.map((cell, k) => h("td", { class: `num ${board.columns[k]?.kind ?? ""}`, "data-column": board.columns[k]?.label ?? "" }, cell))));
  return h("div", { class: "board", "data-scoreboard": "" },
    h("table", { class: "scoreboard" },
      h("caption", {}, title, " ", badge(board.statusText, board.status === "suspended" ? "suspended" : board.status), board.note ? h("span", { class: "note-badge" }, board.note) : null),
      h("thead", {}, head),
      h("tbody", {}, ...rows)));
}
