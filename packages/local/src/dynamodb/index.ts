export { startLocalDynamoDb, javaMajorVersion } from "./local";
export type { DynamoDbBackend, LocalDynamoDb, LocalDynamoDbOptions } from "./local";
export { createTablesFromTemplate, createTableInput } from "./tables";
export type { TableCreated } from "./tables";
