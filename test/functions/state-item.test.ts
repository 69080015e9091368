import { afterAll, beforeAll, describe, test } from "vitest";
import assert from "node:assert/strict";
import { DynamoDBClient, GetItemCommand, PutItemCommand } from "@aws-sdk/client-dynamodb";
import { gunzipSync } from "node:zlib";
import { marshall } from "@aws-sdk/util-dynamodb";
import { ingestMessage } from "@pricing/core/match/flows/ingest";
import { clearPendingEffects, loadState, matchStateEntity } from "@pricing/core/store/match-state";
import { engineTable } from "@pricing/core/store/table";
import { matchFeed } from "../support/match-feed";
import { eventBridgeBody, startAws } from "../support/aws";

let aws: Awaited<ReturnType<typeof startAws>>;
beforeAll(async () => { aws = await startAws(); });
afterAll(async () => { await aws.stop(); });

/** The state item as DynamoDB holds it, attribute types and all. */
async function rawItem(matchId: string) {
  const key = engineTable().entity(matchStateEntity).get({ matchId }).params<{ Key: Record<string, unknown> }>().Key;
  const { Item } = await new DynamoDBClient({}).send(new GetItemCommand({ TableName: "pricing", Key: marshall(key), ConsistentRead: true }));
  return Item!;
}

describe("a match's stored state", () => {
  test("is one gzipped JSON attribute that reads back as the state the reducer folded, through every write", async () => {
    const feed = matchFeed("state-item-text", [{ kind: "goal", minute: 12, team: "home" }]);
    for (const [i, e] of feed.entries()) await ingestMessage(eventBridgeBody(e), new Date(Date.parse(e.occurredAt) + i));
    const item = await rawItem("state-item-text");
    assert.equal(Object.keys(item.state)[0], "B", "stored as bytes, not a map");
    const text = gunzipSync(item.state.B!).toString("utf8");
    assert.ok(item.state.B!.length < text.length / 2, `${item.state.B!.length} bytes for ${text.length} of JSON`);
    const state = await loadState("state-item-text");
    assert.deepEqual(JSON.parse(text), state);
    assert.equal(state.lastSeq, feed.length);
    assert.equal(state.view?.participants?.length, 2);
    // A patch of the state (the outbox cleared) writes it gzipped too.
    await clearPendingEffects({ ...state, pendingEffects: { effects: [], at: "x" } as never }, new Date().toISOString());
    assert.equal(Object.keys((await rawItem("state-item-text")).state)[0], "B");
    assert.equal((await loadState("state-item-text")).pendingEffects, null);
  });

  test.each(["M", "S"] as const)("an item stored in an earlier form (%s: a DynamoDB map, JSON text) still reads, and its next write is gzipped", async (form) => {
    const matchId = `state-item-${form}`;
    const feed = matchFeed(matchId, []);
    await ingestMessage(eventBridgeBody(feed[0]), new Date(Date.parse(feed[0].occurredAt)));
    const item = await rawItem(matchId);
    const state = JSON.parse(gunzipSync(item.state.B!).toString("utf8"));
    const earlier = form === "M" ? { M: marshall(state, { removeUndefinedValues: true }) } : { S: JSON.stringify(state) };
    await new DynamoDBClient({}).send(new PutItemCommand({ TableName: "pricing", Item: { ...item, state: earlier } }));
    assert.equal(Object.keys((await rawItem(matchId)).state)[0], form);
    assert.deepEqual(await loadState(matchId), state);
    await ingestMessage(eventBridgeBody(feed[1]), new Date(Date.parse(feed[1].occurredAt)));
    assert.equal(Object.keys((await rawItem(matchId)).state)[0], "B");
    assert.equal((await loadState(matchId)).lastSeq, 2);
  });
});
