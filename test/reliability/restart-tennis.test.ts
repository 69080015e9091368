import { restartSuite } from "./restart-suite";
import { TENNIS } from "./sports";

restartSuite(TENNIS);
