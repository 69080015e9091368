export * from "./epoch";
export * from "./events";
export * from "./state";
export * from "./reducer";
export * from "./sequencer";
export * from "./price-version";
export * from "./feed-event";
