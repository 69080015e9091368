import { describe, test } from "vitest";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import fc from "fast-check";
import {
  closingAsianHandicap, closingMatchOdds, closingOverUnder25, parseCsvRecords, parseFootballData, parseFootballDataDate,
} from "@pricing/core/sports/football/models/csv";
import { InputError } from "@pricing/core/errors";

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), "utf8");
const goals = (file: ReturnType<typeof parseFootballData>) => file.matches.reduce((s, m) => s + m.homeGoals + m.awayGoals, 0);

describe("parseFootballData on real football-data.co.uk files", () => {
  test("EPL 2011/12 (dd/mm/yy dates, no Time column): 380 matches, 1066 goals", () => {
    const file = parseFootballData(read("data/football-data/E0_1112.csv"));
    assert.equal(file.matches.length, 380);
    assert.equal(file.rejects.length, 0);
    assert.equal(goals(file), 1066);
    const first = file.matches[0];
    assert.deepEqual(
      { line: first.line, division: first.division, date: first.date, time: first.time, home: first.homeTeam, away: first.awayTeam, score: [first.homeGoals, first.awayGoals] },
      { line: 2, division: "E0", date: "2011-08-13", time: null, home: "Blackburn", away: "Wolves", score: [1, 2] },
    );
    assert.deepEqual(first.halfTime, { home: 1, away: 1 });
    assert.equal(first.values.B365H, 2.2);
    assert.equal(closingMatchOdds(first), null);
  });

  test("EPL 2014/15 (scores written 6.0, a blank trailing row): 975 goals, Stoke 6-1 Liverpool last", () => {
    const file = parseFootballData(read("test/fixtures/E0_1415.csv"));
    assert.equal(file.matches.length, 380);
    assert.equal(file.rejects.length, 0);
    assert.equal(file.blankRows, 1);
    assert.equal(goals(file), 975);
    const last = file.matches[379];
    assert.deepEqual([last.date, last.homeTeam, last.awayTeam, last.homeGoals, last.awayGoals], ["2015-05-24", "Stoke", "Liverpool", 6, 1]);
    assert.deepEqual(last.halfTime, { home: 5, away: 0 });
  });

  test("EPL 2021/22 (dd/mm/yyyy, Time, Pinnacle closing odds): 1071 goals", () => {
    const file = parseFootballData(read("data/football-data/E0_2122.csv"));
    assert.equal(file.matches.length, 380);
    assert.equal(goals(file), 1071);
    const first = file.matches[0];
    assert.deepEqual([first.date, first.time, first.homeTeam, first.awayTeam], ["2021-08-13", "20:00", "Brentford", "Arsenal"]);
    assert.deepEqual(closingMatchOdds(first), [3.94, 3.33, 2.13]);
    assert.deepEqual(closingOverUnder25(first), [2.44, 1.62]);
    assert.deepEqual(closingAsianHandicap(first), { line: 0.5, home: 1.81, away: 2.13 });
    assert.equal(file.matches.filter((m) => closingMatchOdds(m) !== null).length, 380);
  });
});

describe("parseFootballData quirks and bad rows", () => {
  const header = "Div,Date,HomeTeam,AwayTeam,FTHG,FTAG,FTR,PSCH,PSCD,PSCA";

  test("a byte-order mark, quotes and CRLF are read; bad rows become counted rejects with line numbers", () => {
    const text = [
      `\uFEFF${header}`,
      'E0,01/09/2023,"Brighton & Hove Albion","Newcastle, United",3.0,1.0,H,2.1,3.5,3.4',
      "E0,31/02/2023,Arsenal,Chelsea,1,1,D,,,",
      "E0,02/09/2023,Arsenal,Chelsea,one,1,A,,,",
      "E0,02/09/2023,Everton,Fulham,2.5,1,H,,,",
      "E0,02/09/2023,Everton,Fulham,0,1,H,,,",
      "E0,2023-09-02,Everton,Fulham,0,1,A,,,",
      "E0,03/09/2023,,Fulham,0,1,A,,,",
      "E0,03/09/23,Luton,Burnley,-1,1,A,,,",
      ",,,,,,,,,",
      ",,,,,,,,,",
    ].join("\r\n");
    const file = parseFootballData(text);
    assert.equal(file.matches.length, 1);
    const m = file.matches[0];
    assert.deepEqual([m.homeTeam, m.awayTeam, m.homeGoals, m.awayGoals, m.date], ["Brighton & Hove Albion", "Newcastle, United", 3, 1, "2023-09-01"]);
    assert.deepEqual(closingMatchOdds(m), [2.1, 3.5, 3.4]);
    assert.deepEqual(file.rejects.map((r) => r.line), [3, 4, 5, 6, 7, 8, 9]);
    assert.match(file.rejects[0].reason, /date/);
    assert.match(file.rejects[1].reason, /score/);
    assert.match(file.rejects[2].reason, /score/);
    assert.match(file.rejects[3].reason, /disagrees/);
    assert.match(file.rejects[4].reason, /date/);
    assert.match(file.rejects[5].reason, /team/);
    assert.match(file.rejects[6].reason, /score/);
    assert.equal(file.blankRows, 2);
  });

  test("line numbers count newlines inside quoted fields", () => {
    const file = parseFootballData(`${header}\nE0,01/09/2023,"Brighton\nand Hove",Newcastle,x,1,H,,,\nE0,01/09/2023,A,B,1,0,H,,,`);
    assert.deepEqual(file.rejects.map((r) => r.line), [2]);
    assert.equal(file.matches[0].line, 4);
  });

  test("a missing required column is an InputError csv.missing_column", () => {
    for (const drop of ["Date", "HomeTeam", "AwayTeam", "FTHG", "FTAG"]) {
      const cols = header.split(",").filter((c) => c !== drop);
      assert.throws(
        () => parseFootballData(`${cols.join(",")}\n${cols.map(() => "1").join(",")}`),
        (e: unknown) => e instanceof InputError && e.code === "csv.missing_column" && e.message.includes(drop),
      );
    }
    assert.throws(() => parseFootballData(""), (e: unknown) => e instanceof InputError && e.code === "csv.empty");
  });

  test("dates in both football-data formats, and only real calendar dates", () => {
    assert.equal(parseFootballDataDate("13/08/11"), "2011-08-13");
    assert.equal(parseFootballDataDate("13/08/2011"), "2011-08-13");
    assert.equal(parseFootballDataDate("29/02/2020"), "2020-02-29");
    assert.equal(parseFootballDataDate("1/9/99"), "1999-09-01");
    for (const bad of ["29/02/2021", "32/01/2020", "01/13/2020", "2020-01-01", "", "13/08/011"]) {
      assert.equal(parseFootballDataDate(bad), null, bad);
    }
  });
});

describe("parseCsvRecords", () => {
  test("reads back any table written by RFC 4180 rules", () => {
    const cell = fc.string({ unit: fc.constantFrom("a", "b", ",", '"', "\n", "\r\n", " ", "1", ".") });
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 2, maxLength: 5 }), { minLength: 1, maxLength: 6 }), (rows) => {
        const quote = (s: string) => (/[",\r\n]/.test(s) || s === "" ? `"${s.replace(/"/g, '""')}"` : s);
        const text = rows.map((r) => r.map(quote).join(",")).join("\r\n") + "\r\n";
        assert.deepEqual(parseCsvRecords(text).map((r) => r.fields), rows);
      }),
      { numRuns: 300 },
    );
  });
});
