import type { Sport } from "../contract";
import { FootballEvents, type FootballEvent } from "./events";
import { MARKET_GROUPS } from "./markets/types";
import type { MatchSituation } from "./models/situation";
import { abandonFootball, reduceFootball } from "./reducer";
import { settleFootball } from "./settle";
import { clockSeconds, situationAt } from "./situation";
import { initialFootballState, type FootballState } from "./state";
import { viewFootball } from "./view";
import { describeFootball } from "./describe";
import { footballMoments } from "./moments";

/**
 * Football as a sport module: its feed events, state and reducer (goals and red cards
 * suspend; corners and yellow cards reprice their own group), a clock that reprices as
 * the match runs, eight market groups priced by the Dixon-Coles grid and its in-play
 * model and two (corners, cards) by count models, settlement, and how a match reads.
 */
export const football: Sport<"football", FootballState, FootballEvent, MatchSituation> = {
  id: "football",
  events: FootballEvents,
  initialState: initialFootballState,
  reduce: reduceFootball,
  abandon: abandonFootball,
  clock: { seconds: (state, asOf) => clockSeconds(state.clock, asOf) },
  groups: MARKET_GROUPS,
  priceable: (state) => state.strength !== null,
  situation: situationAt,
  settle: settleFootball,
  view: viewFootball,
  describe: describeFootball,
  moments: footballMoments,
  modelHandler: "packages/core/src/sports/football/model.handler",
};
