import { describe, test } from "vitest";
import assert from "node:assert/strict";
import { priceAll } from "@pricing/core/sports/football/markets/derive";
import { pricingState } from "@pricing/core/sports/football/models/inplay";
import { RED_CARD_EFFECT, redCardFactors } from "@pricing/core/sports/football/models/red-cards";
import type { MatchSituation } from "@pricing/core/sports/football/models/situation";

const AT_20: MatchSituation = {
  homeXg: 1.5, awayXg: 1.2, rho: -0.1, period: "1H", minute: 20,
  score: { home: 0, away: 0 }, redCards: { home: 0, away: 0 },
};
const over25 = (s: MatchSituation) =>
  priceAll(pricingState(s)).find((m) => m.key === "total-goals" && m.line === 2.5)!.selections[0].probability;

describe("red cards: the difference in players", () => {
  test("one card each at 20': over 2.5 holds (not ten points down as 0.576 x 1.297 per side made it)", () => {
    const none = over25(AT_20), each = over25({ ...AT_20, redCards: { home: 1, away: 1 } });
    assert.ok(each >= none - 0.005, `over 2.5 ${each} with a card each v ${none} without`);
  });

  test("one card each leaves both rates as they were; two against one is one against none", () => {
    assert.deepEqual(redCardFactors({ home: 1, away: 1 }), { home: 1, away: 1 });
    assert.deepEqual(redCardFactors({ home: 2, away: 1 }), redCardFactors({ home: 1, away: 0 }));
    assert.deepEqual(redCardFactors({ home: 1, away: 3 }), redCardFactors({ home: 0, away: 2 }));
  });

  test("a side down to ten scores less, its opponent more, each within the data's 95% interval", () => {
    // scripts/red-card-market-estimate.ts: within-match 0.41-0.75 and 1.09-1.52.
    assert.ok(RED_CARD_EFFECT.penalised > 0.41 && RED_CARD_EFFECT.penalised < 0.75);
    assert.ok(RED_CARD_EFFECT.opponent > 1.09 && RED_CARD_EFFECT.opponent < 1.52);
    const f = redCardFactors({ home: 1, away: 0 });
    assert.equal(f.home, RED_CARD_EFFECT.penalised);
    assert.equal(f.away, RED_CARD_EFFECT.opponent);
  });
});
