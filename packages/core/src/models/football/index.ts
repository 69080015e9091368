export * as Football from "./index";
export * from "./grid";
export * from "./situation";
export * from "./goal-profile";
export * from "./red-cards";
export * from "./inplay";
export { FITTED_GOAL_PROFILE, FITTED_RED_CARD_EFFECT } from "./goal-profile-fit";
