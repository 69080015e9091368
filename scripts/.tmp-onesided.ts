import { offerMarket, winnersOf } from "@pricing/core/margin/offer";
import { priceAll } from "@pricing/core/markets/derive";
import { pricingState } from "@pricing/core/models/football/inplay";
const pre = { homeXg: 2.117914, awayXg: 1.025718, rho: -0.1335741, period: "PRE", minute: 0, score: { home: 0, away: 0 }, redCards: { home: 0, away: 0 } } as any;
const ip = { ...pre, period: "2H", minute: 80, score: { home: 2, away: 0 }, halfTimeScore: { home: 1, away: 0 } };
const ip4 = { ...pre, period: "2H", minute: 70, score: { home: 4, away: 0 }, halfTimeScore: { home: 2, away: 0 } };
const ip7 = { ...pre, period: "2H", minute: 75, score: { home: 4, away: 3 }, halfTimeScore: { home: 2, away: 2 } };
for (const s of [pre, ip, ip4, ip7]) {
  const inPlay = s.period !== "PRE";
  const ms = priceAll({ ...pricingState(s), inPlay }).map((m) => offerMarket(m, { inPlay }));
  const open = ms.filter((m) => m.status === "open");
  const one = ms.filter((m) => m.status !== "decided" && m.key !== "correct-score" && m.selections.some((x) => x.odds === null && x.probability > 0) && m.selections.some((x) => x.odds !== null));
  const byGroup: Record<string, number[]> = {};
  for (const m of open) {
    const r = m.selections.reduce((t, x) => t + (x.odds ? 1 / x.odds : 0), 0) / winnersOf(m.key) - 1;
    (byGroup[m.group] ??= []).push(r);
  }
  console.log(s.period, s.minute, JSON.stringify(s.score), "markets", ms.length, "open", open.length, "suspended", ms.filter((m) => m.status === "suspended").length, "one-sided", one.length);
  for (const [g, rs] of Object.entries(byGroup)) console.log("  ", g, rs.length, "min", (100 * Math.min(...rs)).toFixed(2), "max", (100 * Math.max(...rs)).toFixed(2));
  const tl = ms.filter((m) => m.key === "total-goals" && m.status === "open").map((m) => m.line);
  const ah = ms.filter((m) => m.key === "asian-handicap" && m.status === "open").map((m) => m.line);
  console.log("   totals open", tl.join(","), " AH open", ah.join(","));
}
{
  const ms = priceAll({ ...pricingState(ip), inPlay: true });
  for (const m of ms.filter((m) => m.group === "match-result" || m.key === "btts" || m.key === "next-goal")) console.log(m.key, m.selections.map((s) => s.probability.toFixed(5)).join(" "), offerMarket(m, { inPlay: true }).status, offerMarket(m, { inPlay: true }).selections.map((s) => s.odds).join(" "));
}
