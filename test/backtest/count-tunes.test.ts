import { describe, expect, test } from "vitest";
import { readFileSync } from "node:fs";
import { parseFootballData } from "@pricing/core/sports/football/models/csv";
import { walkCounts, type CountSeason } from "@pricing/core/sports/football/backtest/counts";
import { COUNT_FORECAST_BASE, COUNT_FORECAST_PARAMS, COUNT_TUNES, countTuneOn, withCountTune } from "@pricing/core/sports/football/models/count-forecast";

function season(name: string): CountSeason {
  const parsed = parseFootballData(readFileSync(new URL(`../../data/football-data/${name}.csv`, import.meta.url), "latin1"));
  return { label: name, matches: parsed.matches };
}

/** "EPL 2012/13-2019/20" → the file of its last season, "E0_1920". */
function lastTuningFile(tunedOn: string): string {
  const m = /^EPL \d{4}\/\d{2}-(\d{2})(\d{2})\/(\d{2})$/.exec(tunedOn);
  if (!m) throw new Error(`unreadable tunedOn: ${tunedOn}`);
  return `E0_${m[2]}${m[3]}`;
}

const dates = (s: CountSeason) => s.matches.map((m) => m.date).sort();

describe("the count settings re-tuned each close season", () => {
  test("each re-tune prices only after the last match of the seasons that chose it, and before the next season starts", () => {
    COUNT_TUNES.forEach((tune, i) => {
      const tuned = dates(season(lastTuningFile(tune.tunedOn)));
      expect(tuned[tuned.length - 1] < tune.from).toBe(true);
      if (i > 0) expect(COUNT_TUNES[i - 1].from < tune.from).toBe(true);
      const next = COUNT_TUNES[i + 1];
      if (next) {
        // The season priced by this tune is the one the next tune was chosen on.
        const priced = dates(season(lastTuningFile(next.tunedOn)));
        expect(priced[0] >= tune.from).toBe(true);
        expect(priced[priced.length - 1] < next.from).toBe(true);
      }
    });
    // EPL 2019/20 ended behind closed doors on 26 July 2020: a calendar cut at 1 July would price its last rounds with settings its own matches chose.
    expect(countTuneOn("2020-07-26").tunedOn).toBe("EPL 2012/13-2018/19");
    expect(countTuneOn("2020-09-12").tunedOn).toBe("EPL 2012/13-2019/20");
    expect(countTuneOn("2015-01-01")).toBe(COUNT_TUNES[0]);
    expect(countTuneOn("2030-01-01")).toBe(COUNT_TUNES[COUNT_TUNES.length - 1]);
  });

  test("live pricing uses the latest re-tune", () => {
    expect(COUNT_FORECAST_PARAMS).toEqual(withCountTune(COUNT_FORECAST_BASE, COUNT_TUNES[COUNT_TUNES.length - 1]));
    // Only the tuned settings move: the league half-lives, the sizes' refit and the closeness term are the base's.
    expect(COUNT_FORECAST_PARAMS.corners.leagueHalfLifeDays).toBe(COUNT_FORECAST_BASE.corners.leagueHalfLifeDays);
    expect(COUNT_FORECAST_PARAMS.yellowCards.leagueHalfLifeDays).toBe(COUNT_FORECAST_BASE.yellowCards.leagueHalfLifeDays);
    expect(COUNT_FORECAST_PARAMS.dispersion).toEqual(COUNT_FORECAST_BASE.dispersion);
    expect(COUNT_FORECAST_PARAMS.cardCloseness).toEqual(COUNT_FORECAST_BASE.cardCloseness);
  });

  test("the backtest's walk prices each match with the re-tune in force on its date, from a walk of that re-tune's own", () => {
    const seasons = ["E0_1819", "E0_1920", "E0_2021"].map(season);
    const from = "2020-06-01";
    const scheduled = walkCounts(seasons, { from });
    const [first, second] = [COUNT_TUNES[0], COUNT_TUNES[1]].map((t) => walkCounts(seasons, { from, forecast: withCountTune(COUNT_FORECAST_BASE, t) }));
    const cut = COUNT_TUNES[1].from;
    expect(scheduled.records.map((r) => r.date)).toEqual(first.records.map((r) => r.date));
    expect(scheduled.historyBefore).toEqual(first.historyBefore);
    expect(scheduled.history).toEqual(first.history);
    let restart = 0, next = 0;
    scheduled.records.forEach((r, i) => {
      const own = r.date < cut ? first.records[i] : second.records[i];
      const other = r.date < cut ? second.records[i] : first.records[i];
      expect(r.expected).toEqual(own.expected);
      // The two re-tunes price these matches differently, corners and cards, so the schedule is seen to choose.
      expect(r.expected.yellowCards).not.toEqual(other.expected.yellowCards);
      expect(r.expected.corners).not.toEqual(other.expected.corners);
      if (r.date < cut) restart++;
      else next++;
    });
    // 2019/20's rounds after the restart (June-July 2020) and the whole of 2020/21.
    expect(restart).toBeGreaterThan(80);
    expect(next).toBe(380);
  });
});
