import { describe, test } from "vitest";
import assert from "node:assert/strict";
import net from "node:net";
import { networkInterfaces } from "node:os";
import { javaMajorVersion, startLocalDynamoDb, type DynamoDbBackend } from "@pricing/local/dynamodb/index";

/** This machine's addresses other than loopback (link-local IPv6 left out: it needs a scope to connect). */
function outsideAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flatMap((addresses) => addresses ?? [])
    .filter((address) => !address.internal && !address.address.startsWith("fe80:"))
    .map((address) => address.address);
}

function tryConnect(host: string, port: number): Promise<"connected" | "refused"> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    socket.setTimeout(3000, () => {
      socket.destroy();
      resolve("refused");
    });
    socket.once("connect", () => {
      socket.destroy();
      resolve("connected");
    });
    socket.once("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "ECONNREFUSED" || error.code === "EHOSTUNREACH" || error.code === "ENETUNREACH") resolve("refused");
      else reject(error);
    });
  });
}

const backends: DynamoDbBackend[] = (javaMajorVersion() ?? 0) >= 17 ? ["dynamodb-local", "dynalite"] : ["dynalite"];
const outside = outsideAddresses();

for (const backend of backends) {
  describe(`local DynamoDB on ${backend}: where it listens`, () => {
    // Skipped only on a machine with no address other than loopback to try.
    test.skipIf(outside.length === 0)(
      "answers on 127.0.0.1 and refuses connections to this machine's other addresses",
      async () => {
        const db = await startLocalDynamoDb({ backend });
        try {
          assert.equal(new URL(db.endpoint).hostname, "127.0.0.1");
          assert.equal(await tryConnect("127.0.0.1", db.port), "connected");
          for (const address of outside) assert.equal(await tryConnect(address, db.port), "refused", `${backend} reachable on ${address}:${db.port}`);
        } finally {
          await db.stop();
        }
      },
    );
  });
}
