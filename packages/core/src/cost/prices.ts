/**
 * AWS list prices, us-east-1, on-demand, first pricing tier, free tiers ignored (a
 * projection should not depend on what else runs in the account). Prices are per
 * million units where AWS quotes them that way, to keep the arithmetic exact.
 *
 * Sources: the AWS pricing pages of each service.
 * - Step Functions: Standard $0.025 per 1,000 state transitions. Express $1.00 per
 *   million requests plus $0.00001667 per GB-second; Express duration is "rounded up to
 *   the nearest 100 ms" and memory "billed in 64-MB chunks" (workflow memory = 50 MB +
 *   definition + execution data, so a small machine like PriceMatch bills 64 MB).
 * - Lambda: $0.20 per million requests; duration in 1 ms increments at
 *   $0.0000166667 per GB-second on x86_64 and $0.0000133334 on arm64 (Graviton, the
 *   architecture every function of this app uses), first 6 / 7.5 billion GB-s a month.
 * - EventBridge: custom events $1.00 per million; each 64 KB chunk of an entry is one
 *   event. Deliveries to same-account targets are not charged.
 * - SQS: $0.40 per million requests (standard), $0.50 (FIFO); each 64 KB chunk of a
 *   payload is one request. Empty receives count: Lambda's event-source mapping keeps
 *   long-polling a queue while it is idle.
 * - DynamoDB on demand: $0.625 per million write request units (1 KB each), $0.125 per
 *   million read request units (4 KB strongly consistent, 8 KB eventually consistent).
 * - CloudWatch: $0.10 per standard-resolution alarm per month (not compute).
 */
export const AWS_LIST_PRICES = {
  region: "us-east-1",
  stepFunctions: {
    standardPerThousandTransitions: 0.025,
    expressPerMillionRequests: 1.0,
    expressPerGbSecond: 0.00001667,
    expressBillingIncrementMs: 100,
    expressMemoryChunkMb: 64,
  },
  lambda: {
    perMillionRequests: 0.2,
    perGbSecond: { x86_64: 0.0000166667, arm64: 0.0000133334 },
    billingIncrementMs: 1,
  },
  eventBridge: { perMillionEvents: 1.0, chunkBytes: 64 * 1024 },
  sqs: { perMillionRequests: { standard: 0.4, fifo: 0.5 }, chunkBytes: 64 * 1024 },
  dynamodb: { perMillionWriteUnits: 0.625, perMillionReadUnits: 0.125 },
  cloudWatch: { perAlarmMonth: 0.1 },
} as const;

export type AwsPriceList = typeof AWS_LIST_PRICES;
export type LambdaArchitecture = keyof AwsPriceList["lambda"]["perGbSecond"];

/**
 * How often an idle SQS event-source mapping asks for messages. AWS does not publish
 * the poller count; five long-polling pollers with 20-second waits is the commonly
 * observed floor, so one mapping makes about 21,600 empty receives a day.
 */
export const IDLE_SQS_POLLING = { pollersPerMapping: 5, waitSeconds: 20 } as const;

/** Average days in a month, for per-month prices. */
export const DAYS_PER_MONTH = 365.25 / 12;
