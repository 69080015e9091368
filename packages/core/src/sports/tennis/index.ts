/**
 * Tennis as a module: rules, the iid point chain with exact recursions from any score
 * (game, tiebreak, set, match), serve strengths with their spread, markets,
 * settlement, the tennis-data.co.uk parser, ratings and the walk-forward backtest.
 */
export * from "./rules";
export * from "./game";
export * from "./tiebreak";
export * from "./serve-tables";
export * from "./set";
export * from "./state";
export * from "./match";
export * from "./strength";
export * from "./inplay";
export * from "./market-types";
export * from "./markets";
export * from "./game-winner";
export * from "./price";
export * from "./score-text";
export * from "./settle";
export * from "./csv";
export * from "./ratings";
export * from "./formats";
export * from "./baseline";
export * from "./first-set-blend";
export * from "./first-set-frequencies";
export * from "./after-first-set";
export * from "./backtest";
export * from "./backtest-summary";
export * from "./backtest-report";
export * from "./point";
export * from "./market-strength";
export * from "./futures";
export * from "./match-cache";
