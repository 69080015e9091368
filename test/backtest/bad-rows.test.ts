import { describe, test } from "vitest";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { parseFootballData } from "@pricing/core/sports/football/models/csv";
import { runBacktest, type SeasonInput } from "@pricing/core/sports/football/backtest/run";
import { summarizeRun } from "@pricing/core/sports/football/backtest/summary";

const text = readFileSync(new URL("../../data/football-data/E0_2021.csv", import.meta.url), "utf8");
const [header, ...rows] = text.split(/\r?\n/).filter((l) => l.trim() !== "");
const column = (name: string) => header.split(",").indexOf(name);

/** Sets named cells of a CSV row (no quoted fields in these files). */
function edit(row: string, cells: Record<string, string>): string {
  const fields = row.split(",");
  for (const [name, value] of Object.entries(cells)) fields[column(name)] = value;
  return fields.join(",");
}

/** Row index -> corruption, on late-season rows (the teams have history by then). */
const corruptions: Record<number, Record<string, string>> = {
  300: { Date: "31/02/2021" },
  301: { FTHG: "x" },
  302: { PSCH: "" },
  303: { "PC>2.5": "" },
  304: { PSCH: "4", PSCD: "4", PSCA: "4" },
  305: { "PC>2.5": "2.5", "PC<2.5": "2.5" },
  306: { AHCh: "-4.5" },
  307: { HTHG: "" },
};

function corruptSeason(): SeasonInput {
  const csv = [header, ...rows.map((r, i) => (corruptions[i] ? edit(r, corruptions[i]) : r))].join("\n");
  const parsed = parseFootballData(csv);
  return { label: "E0_2021_corrupt", matches: parsed.matches, rejects: parsed.rejects, columns: parsed.columns };
}

describe("bad rows are counted with a reason, never a crash", () => {
  const run = runBacktest([corruptSeason()], { from: "2021-03-01" });
  const summary = summarizeRun(run);
  const byLine = new Map(run.badRows.map((b) => [b.line, b]));
  const lineOf = (index: number) => index + 2;

  test("each corruption is reported once, on its CSV line, by code", () => {
    const expected: [number, string][] = [
      [300, "csv.rejected_row"],
      [301, "csv.rejected_row"],
      [302, "backtest.missing_1x2_odds"],
      [303, "backtest.missing_ou25_odds"],
      [304, "margin.no_solution"],
      [305, "ou25/margin.no_solution"],
      [306, "ah/backtest.unpriced_line"],
      [307, "backtest.missing_half_time"],
    ];
    for (const [index, code] of expected) assert.equal(byLine.get(lineOf(index))?.code, code, `row ${index}`);
    assert.equal(summary.skipped.badRows, expected.length);
    assert.equal(summary.skipped.byReason["csv.rejected_row"], 2);
  });

  test("a match that lost only a side market is still priced in 1X2, without that market", () => {
    const priced = new Map(run.records.map((r) => [r.line, r]));
    const noTotals = priced.get(lineOf(305))!;
    assert.equal(noTotals.forecasts.pinnacle.over25, null);
    assert.notEqual(noTotals.forecasts.pinnacle.handicapHome, null);
    assert.equal(priced.get(lineOf(306))!.handicapLine, null);
    assert.equal(priced.get(lineOf(307))!.halfTime, null);
    for (const index of [300, 301, 302, 304]) assert.ok(!priced.has(lineOf(index)), `row ${index} was priced`);
  });

  test("the metrics stay finite and each market counts its own matches", () => {
    assert.equal(summary.market.ou25!.matches, summary.matches - 2);
    assert.equal(summary.market.ah!.matches, summary.matches - 1);
    assert.equal(summary.inplay!.matches, summary.matches - 1);
    for (const source of ["ratings", "market", "pinnacle"] as const) {
      for (const v of Object.values(summary[source]["1x2"])) assert.ok(Number.isFinite(v));
    }
  });
});
