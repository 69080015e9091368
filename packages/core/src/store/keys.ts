/** The table's key layout, for infrastructure and local tables. */
export const TABLE_KEYS = {
  partitionKey: "pk",
  sortKey: "sk",
  indexes: [{ name: "gsi1", partitionKey: "gsi1pk", sortKey: "gsi1sk" }],
} as const;

/**
 * The partition key of every item of one match. ElectroDB lowercases keys unless told
 * otherwise, and match ids may hold upper case, so `CASE-1` and `case-1` would share a
 * partition (and one state item). This key keeps the id as it is; its prefix is the
 * one ElectroDB writes by default, so a lower-case id's key is unchanged.
 */
export const matchPartition = {
  field: "pk",
  composite: ["matchId"],
  casing: "none",
  template: "$pricing#matchid_${matchId}",
} as const;
