export * as Bus from "./index";
export * from "./clients";
export * from "./events";
export * from "./workflow";
export * from "./clock";
export * from "./tick";
