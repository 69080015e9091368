import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { EntityConfiguration } from "electrodb";
import { Config } from "../config";

/** Where a table is and how to reach it; every field has a default. */
export interface TableOptions {
  /**
   * The DynamoDB client to go through. Without one, a client is made from `endpoint`,
   * `region` and `credentials`, each the SDK's default when omitted (the endpoint from
   * AWS_ENDPOINT_URL_DYNAMODB when set), and `destroy` destroys it.
   */
  client?: DynamoDBClient;
  endpoint?: string;
  region?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** The table's name; TABLE_NAME when omitted. */
  tableName?: string;
}

/** One table of the engine: a client bound to it, and its ElectroDB entities. */
export interface EngineTable {
  readonly name: string;
  /** The DynamoDB client under the entities' document client (tests add middleware to it). */
  readonly dynamodb: DynamoDBClient;
  /**
   * The entity `build` makes, bound to this table, built the first time it is asked
   * for: ElectroDB validates an entity's model as it builds it (4-13 ms each,
   * BENCHMARKS.md "Cold start"), and a function that uses one entity of seven would
   * otherwise pay for all seven at every cold start. `build` is an entity module's
   * builder (`matchStateEntity`, ...), so a module that asks for one entity bundles
   * that entity's code alone. No code queries across entities, so there is no
   * ElectroDB Service joining them.
   */
  entity<E>(build: (config: EntityConfiguration) => E): E;
  /** Destroys the DynamoDB client, if this table made it. */
  destroy(): void;
}

/**
 * Opens the engine's table: TABLE_NAME through the SDK's default client, or the table,
 * client or endpoint `options` name (a local cloud's backend, a deployed stage's table).
 * Every reader and writer of the table opens it here, so all use the same marshalling.
 */
export function openTable(options: TableOptions = {}): EngineTable {
  const { client, endpoint, region, credentials } = options;
  const dynamodb = client ?? new DynamoDBClient({ ...(endpoint ? { endpoint } : {}), ...(region ? { region } : {}), ...(credentials ? { credentials } : {}) });
  const config = {
    client: DynamoDBDocumentClient.from(dynamodb, { marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: true } }),
    table: options.tableName ?? Config.tableName,
  };
  const built = new Map<unknown, unknown>();
  return {
    name: config.table,
    dynamodb,
    entity<E>(build: (config: EntityConfiguration) => E): E {
      if (!built.has(build)) built.set(build, build(config));
      return built.get(build) as E;
    },
    destroy() {
      if (!client) dynamodb.destroy();
    },
  };
}

let engine: EngineTable | undefined;
/** The table the functions read and write (TABLE_NAME), opened on first use, one per process. */
export function engineTable(): EngineTable {
  engine ??= openTable();
  return engine;
}
/** Forgets the engine's table, so the next use opens it again (tests that point at another table). */
export function resetEngineTable(): void {
  engine = undefined;
}
