import { afterAll, describe, test } from "vitest";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { EventBridgeClient, PutEventsCommand } from "@aws-sdk/client-eventbridge";
import { DescribeExecutionCommand, GetExecutionHistoryCommand, SFNClient } from "@aws-sdk/client-sfn";
import { feedEntry, type FeedEvent } from "@pricing/core/match/events";
import { ManualClock, startLocalCloud, type LocalCloud } from "@pricing/local";
import { matchFeed } from "../support/match-feed";

const dataDir = mkdtempSync(path.join(os.tmpdir(), "pricing-cloud-restart-"));
const matchId = "restart-match";
let cloud: LocalCloud | undefined;
afterAll(async () => {
  await cloud?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

function clients(c: LocalCloud) {
  const config = { endpoint: c.endpoint, region: c.region, credentials: { accessKeyId: "t", secretAccessKey: "t" } };
  return { events: new EventBridgeClient(config), sfn: new SFNClient(config) };
}

async function post(c: LocalCloud, feed: FeedEvent[]) {
  const out = await clients(c).events.send(new PutEventsCommand({ Entries: feed.map((e) => feedEntry(e, c.busName)) }));
  assert.equal(out.FailedEntryCount, 0);
}

async function lifecycle(c: LocalCloud) {
  const executionArn = `${c.stateMachines.lifecycle.replace(":stateMachine:", ":execution:")}:${matchId}`;
  const { sfn } = clients(c);
  let status: string | undefined;
  try {
    ({ status } = await sfn.send(new DescribeExecutionCommand({ executionArn })));
  } catch (error) {
    if ((error as Error).name === "ExecutionDoesNotExist") return { status: undefined, entered: [] as string[] };
    throw error;
  }
  const { events = [] } = await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }));
  return { status, entered: events.flatMap((e) => (e.stateEnteredEventDetails?.name ? [e.stateEnteredEventDetails.name] : [])) };
}

async function runUntil(c: LocalCloud, clock: ManualClock, done: () => Promise<boolean>) {
  for (let second = 0; second < 60; second++) {
    await c.idle({ timeoutMs: 20_000 });
    if (await done()) return;
    await clock.advance(1000);
  }
  assert.fail("the Lifecycle execution did not get there within 60 simulated seconds");
}

// dynalite keeps its tables in the data directory too, and starts in milliseconds.
describe("a local cloud with a data directory", () => {
  test("a restart resumes the Lifecycle execution parked on its task token, and the match finishes", async () => {
    const feed = matchFeed(matchId, [{ kind: "goal", team: "away", minute: 12 }]);
    const kickoff = feed.findIndex((e) => e.type === "Match Started");
    let clock = new ManualClock(Date.parse("2024-08-17T13:00:00Z"));
    cloud = await startLocalCloud({ port: 0, clock, dataDir, backend: "dynalite", logLevel: "silent" });
    const port = Number(new URL(cloud.endpoint).port);
    await post(cloud, feed.slice(0, kickoff + 1));
    await runUntil(cloud, clock, async () => (await lifecycle(cloud!)).entered.includes("AwaitFinalWhistle"));
    const before = await lifecycle(cloud);
    await cloud.stop();

    // Same port: the handlers' SDK clients (one per process) keep their endpoint.
    clock = new ManualClock(Date.parse("2024-08-17T14:10:00Z"));
    cloud = await startLocalCloud({ port, clock, dataDir, backend: "dynalite", logLevel: "silent" });
    const resumed = await lifecycle(cloud);
    assert.equal(resumed.status, "RUNNING");
    assert.deepEqual(resumed.entered, before.entered, "the history survived the restart unchanged");

    await post(cloud, feed.slice(kickoff + 1));
    await runUntil(cloud, clock, async () => (await lifecycle(cloud!)).status !== "RUNNING");
    const finished = await lifecycle(cloud);
    assert.equal(finished.status, "SUCCEEDED");
    assert.deepEqual(finished.entered, [
      "Register", "PricePreEvent", "AwaitKickoff", "KickedOff?", "ClockRuns?", "InPlay", "AwaitFinalWhistle", "FinalWhistle?", "AwaitResult", "Result?", "Settle", "Settled",
    ], "each state entered once: nothing before the restart ran twice");
  });
});
