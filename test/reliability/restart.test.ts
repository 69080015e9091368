import { restartSuite } from "./restart-suite";
import { FOOTBALL } from "./sports";

restartSuite(FOOTBALL);
