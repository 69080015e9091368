import { afterAll, beforeAll, describe, test } from "vitest";
import assert from "node:assert/strict";
import { DynamoDBClient, GetItemCommand, PutItemCommand } from "@aws-sdk/client-dynamodb";
import { PutEventsCommand } from "@aws-sdk/client-eventbridge";
import { withFunctionEnv } from "@pricing/local/lambda/index";
import { startE2e, type E2e } from "./harness";

let e2e: E2e;
beforeAll(async () => (e2e = await startE2e({ backend: "dynalite" })));
afterAll(() => e2e?.stop());

const functionNamed = (part: string) => {
  const names = Object.keys(e2e.cloud.resources.functions).filter((name) => name.includes(part));
  assert.equal(names.length, 1, `one function named like ${part}: ${names.join(", ")}`);
  return names[0];
};
/** Runs `work` as if inside an invocation of `fn`, as the local Lambda scopes one. */
const as = <T>(fn: string, work: () => Promise<T>) => withFunctionEnv({ AWS_LAMBDA_FUNCTION_NAME: fn }, work);
const denial = async (work: Promise<unknown>) => {
  try {
    await work;
  } catch (error) {
    return error as Error & { $metadata?: { httpStatusCode?: number } };
  }
  return null;
};

describe("the local endpoint holds each function to its role", () => {
  let dynamo: DynamoDBClient;
  let table: string;
  beforeAll(() => {
    dynamo = new DynamoDBClient({ endpoint: e2e.cloud.endpoint, region: e2e.cloud.region, credentials: { accessKeyId: "e2e", secretAccessKey: "e2e" } });
    table = Object.values(e2e.cloud.resources.tables)[0];
  });

  const key = { pk: { S: "permissions-test" }, sk: { S: "x" } };

  test("LoadState may read the table but not write it", async () => {
    const load = functionNamed("LoadState");
    assert.equal(await denial(as(load, () => dynamo.send(new GetItemCommand({ TableName: table, Key: key })))), null);
    const refused = await denial(as(load, () => dynamo.send(new PutItemCommand({ TableName: table, Item: key }))));
    assert.equal(refused?.name, "AccessDeniedException");
    assert.match(refused!.message, /dynamodb:PutItem/);
    const { Item } = await dynamo.send(new GetItemCommand({ TableName: table, Key: key }));
    assert.equal(Item, undefined, "the refused write changed nothing");
  });

  test("PublishPrices may write its price-version item but put no event (its machine announces); a sport's model function may call nothing", async () => {
    assert.equal(await denial(as(functionNamed("PublishPrices"), () => dynamo.send(new PutItemCommand({ TableName: table, Item: key })))), null);
    const model = functionNamed("FootballModel");
    assert.equal((await denial(as(model, () => dynamo.send(new GetItemCommand({ TableName: table, Key: key })))))?.name, "AccessDeniedException");
    const put = () => e2e.events.send(new PutEventsCommand({ Entries: [{ Source: "pricing.engine", DetailType: "Permissions Check", Detail: "{}", EventBusName: e2e.cloud.busName }] }));
    assert.equal((await denial(as(model, put)))?.name, "AccessDeniedException");
    const refused = await denial(as(functionNamed("PublishPrices"), put));
    assert.equal(refused?.name, "AccessDeniedException");
    assert.match(refused!.message, /events:PutEvents/);
    // Another function still may, within its grant: ModelFailed announces the groups whose model threw.
    assert.equal(await denial(as(functionNamed("ModelFailed"), put)), null);
  });

  test("callers that are not functions (the CLI, the console, tests) are not restricted", async () => {
    assert.equal(await denial(dynamo.send(new PutItemCommand({ TableName: table, Item: { pk: { S: "permissions-test" }, sk: { S: "y" } } }))), null);
  });
});
