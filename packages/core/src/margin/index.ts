export * as Margin from "./index";
export * from "./remove";
export * from "./apply";
export * from "./ladder";
export * from "./offer";
export * from "./book";
export * from "./targets";
