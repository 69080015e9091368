import { Agent, request as httpRequest } from "node:http";
import { AwsServiceError, type AwsJsonService } from "../protocol";

/** DynamoDB capacity consumed through the local endpoint. */
export interface CapacityUsage {
  /** Read request units (on-demand: one per 4 KB strongly consistent read, half that eventually consistent). */
  readUnits: number;
  /** Write request units (on-demand: one per 1 KB written). */
  writeUnits: number;
  readRequests: number;
  writeRequests: number;
  /**
   * Conditional writes whose condition failed: AWS bills them (at least one write unit),
   * but the backends report no capacity with the error, so each is counted as one unit.
   */
  failedConditionalWrites: number;
}

export function emptyCapacityUsage(): CapacityUsage {
  return { readUnits: 0, writeUnits: 0, readRequests: 0, writeRequests: 0, failedConditionalWrites: 0 };
}

/** The two counts added up. */
export function sumCapacity(a: CapacityUsage, b: CapacityUsage): CapacityUsage {
  const total = { ...a };
  for (const key of Object.keys(total) as (keyof CapacityUsage)[]) total[key] += b[key];
  return total;
}

const READS = new Set(["GetItem", "Query", "Scan", "BatchGetItem", "TransactGetItems"]);
const WRITES = new Set(["PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem", "TransactWriteItems"]);

type Capacity = { CapacityUnits?: number; ReadCapacityUnits?: number; WriteCapacityUnits?: number };

/**
 * DynamoDB's JSON protocol on the local endpoint, forwarded to the backend (DynamoDB
 * Local or dynalite). It exists to count capacity: every item request is sent with
 * ReturnConsumedCapacity TOTAL and the units the backend reports are summed (and taken
 * out of the answer again when the caller did not ask for them). Neither backend counts
 * units itself for a caller who does not ask, so this is where the cost figures come from.
 */
export class DynamoDbProxy implements AwsJsonService {
  readonly targetPrefix = "DynamoDB_20120810";
  readonly usage: CapacityUsage = emptyCapacityUsage();

  /**
   * Connections to the backend, kept open between requests. `node:http` rather than
   * `fetch`: at 500 matches in play fetch's streams and request objects were a fifth of
   * a handler thread's CPU, for one small JSON POST at a time.
   */
  private readonly agent = new Agent({ keepAlive: true });
  private readonly backend: URL;

  constructor(backendEndpoint: string) {
    this.backend = new URL(backendEndpoint);
  }

  /** Closes the kept-open connections. */
  close(): void {
    this.agent.destroy();
  }

  async handle(action: string, input: Record<string, unknown>): Promise<unknown> {
    const isRead = READS.has(action);
    const isWrite = WRITES.has(action);
    const callerAsked = input.ReturnConsumedCapacity !== undefined && input.ReturnConsumedCapacity !== "NONE";
    const body = isRead || isWrite ? { ...input, ReturnConsumedCapacity: callerAsked ? input.ReturnConsumedCapacity : "TOTAL" } : input;
    const response = await this.post(action, JSON.stringify(body));
    const text = response.body;
    const output = (text ? JSON.parse(text) : {}) as Record<string, unknown>;
    if (isRead) this.usage.readRequests++;
    if (isWrite) this.usage.writeRequests++;
    if (response.statusCode >= 300) {
      const type = String(output.__type ?? "InternalFailure");
      if (isWrite && /ConditionalCheckFailed/.test(type)) {
        this.usage.failedConditionalWrites++;
        this.usage.writeUnits += 1;
      }
      throw new AwsServiceError(type, String(output.message ?? output.Message ?? type), response.statusCode);
    }
    this.count(output.ConsumedCapacity as Capacity | Capacity[] | undefined, isWrite);
    if (!callerAsked && (isRead || isWrite)) delete output.ConsumedCapacity;
    return output;
  }

  private post(action: string, payload: string, retried = false): Promise<{ statusCode: number; body: string }> {
    return new Promise((resolve, reject) => {
      const request = httpRequest(
        this.backend,
        {
          method: "POST",
          agent: this.agent,
          headers: {
            "content-type": "application/x-amz-json-1.0",
            "content-length": Buffer.byteLength(payload),
            "x-amz-target": `${this.targetPrefix}.${action}`,
            "x-amz-date": "20200101T000000Z",
            authorization: "AWS4-HMAC-SHA256 Credential=local/20200101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0",
          },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("end", () => resolve({ statusCode: response.statusCode ?? 500, body: Buffer.concat(chunks).toString("utf8") }));
          response.on("error", reject);
        },
      );
      request.on("error", (error: NodeJS.ErrnoException) => {
        // A kept-open connection the backend closed meanwhile: the request never reached
        // it, so it is sent once more on a new connection (Node's documented pattern).
        if (request.reusedSocket && error.code === "ECONNRESET" && !retried) this.post(action, payload, true).then(resolve, reject);
        else reject(error);
      });
      request.end(payload);
    });
  }

  private count(consumed: Capacity | Capacity[] | undefined, isWrite: boolean): void {
    for (const capacity of Array.isArray(consumed) ? consumed : consumed ? [consumed] : []) {
      const read = capacity.ReadCapacityUnits ?? (isWrite ? 0 : (capacity.CapacityUnits ?? 0));
      const write = capacity.WriteCapacityUnits ?? (isWrite ? (capacity.CapacityUnits ?? 0) : 0);
      this.usage.readUnits += read;
      this.usage.writeUnits += write;
    }
  }
}
