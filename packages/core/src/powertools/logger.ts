import { Logger } from "@aws-lambda-powertools/logger";

/** One logger per function, named by POWERTOOLS_SERVICE_NAME. */
export const logger = new Logger();
