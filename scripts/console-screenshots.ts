/**
 * The README's console screenshots: a short mixed replay on a local cloud (Sinner v
 * Vukic into the second set, a Premier League fixture past its first goal), then the
 * Matches view and the tennis match's view in Chromium, written to docs/.
 *
 *   npx tsx scripts/console-screenshots.ts
 */
import { join } from "node:path";
import { open, startRig } from "../test/console/browser-harness";

const DOCS = join(import.meta.dirname, "../docs");

const rig = await startRig();
try {
  const { page, feed, tennis } = rig;
  const pointAt = tennis.events.findIndex((t) => t.event.type === "Point Won" && /^\d+-\d+ \d+-\d+ (A-40|40-A)$/.test((t.event as unknown as { score: string }).score));
  await rig.postTennisUpTo(pointAt);
  await rig.postUpTo(feed.events.findIndex((t) => t.event.type === "Goal Scored") + 2);
  await open(page, rig.console.url, "matches");
  await page.screenshot({ path: join(DOCS, "console-matches.png"), fullPage: true });
  await open(page, rig.console.url, `matches/${tennis.matchId}`);
  await page.locator('[data-chart="match-winner"] canvas').first().waitFor();
  await page.screenshot({ path: join(DOCS, "console-tennis-match.png"), fullPage: true });
  const labels = await page.locator('[data-chart="match-winner"] .marker-label').allInnerTexts();
  console.log(`wrote docs/console-matches.png and docs/console-tennis-match.png; match-winner chart marks: ${labels.join(", ")}`);
} finally {
  await rig.stop();
}
