import { afterAll, beforeAll, describe, test } from "vitest";
import assert from "node:assert/strict";
import { DynamoDBClient, GetItemCommand, PutItemCommand } from "@aws-sdk/client-dynamodb";
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
  test("is one JSON string attribute that reads back as the state the reducer folded, through every write", async () => {
    const feed = matchFeed("state-item-text", [{ minute: 12, team: "home" }]);
    for (const [i, e] of feed.entries()) await ingestMessage(eventBridgeBody(e), new Date(Date.parse(e.occurredAt) + i));
    const item = await rawItem("state-item-text");
    assert.equal(Object.keys(item.state)[0], "S", "stored as text, not a map");
    const state = await loadState("state-item-text");
    assert.deepEqual(JSON.parse(item.state.S!), state);
    assert.equal(state.lastSeq, feed.length);
    assert.equal(state.view?.participants?.length, 2);
    // A patch of the state (the outbox cleared) writes text too.
    await clearPendingEffects({ ...state, pendingEffects: { effects: [], at: "x" } as never }, new Date().toISOString());
    assert.equal(Object.keys((await rawItem("state-item-text")).state)[0], "S");
    assert.equal((await loadState("state-item-text")).pendingEffects, null);
  });

  test("an item stored as a DynamoDB map (before the state was text) still reads, and its next write is text", async () => {
    const feed = matchFeed("state-item-map", []);
    await ingestMessage(eventBridgeBody(feed[0]), new Date(Date.parse(feed[0].occurredAt)));
    const text = await rawItem("state-item-map");
    const state = JSON.parse(text.state.S!);
    await new DynamoDBClient({}).send(new PutItemCommand({ TableName: "pricing", Item: { ...text, state: { M: marshall(state, { removeUndefinedValues: true }) } } }));
    assert.equal(Object.keys((await rawItem("state-item-map")).state)[0], "M");
    assert.deepEqual(await loadState("state-item-map"), state);
    await ingestMessage(eventBridgeBody(feed[1]), new Date(Date.parse(feed[1].occurredAt)));
    assert.equal(Object.keys((await rawItem("state-item-map")).state)[0], "S");
    assert.equal((await loadState("state-item-map")).lastSeq, 2);
  });
});
