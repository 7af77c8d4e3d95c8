/**
 * `iothub:requestTimeoutMs` (docs/RELIABILITY.md, "Polling"): how long one request may go unanswered before it is
 * retried as a dropped connection would be. Parsed in one place, refused at check with the key, the rule and the value.
 */
import { startEmulator, DEV_TOKEN } from "../../emulator";
import { ArmClient, staticTokenCredential } from "../../provider/arm";
import { checkProviderSettings } from "../../provider/check-common";
import { CheckFailures } from "../../provider/check-failures";
import { REQUEST_TIMEOUT_RULE, requestTimeoutOf, resolveSettings, type ProviderSettings } from "../../provider/settings";

const settings = (requestTimeout?: string): ProviderSettings => ({ armEndpoint: "http://127.0.0.1:1", requestTimeout });

test("absent: the client's default; a whole number of ms within bounds: that", () => {
  expect(requestTimeoutOf(settings())).toBeUndefined();
  expect(requestTimeoutOf(settings("250"))).toBe(250);
  expect(resolveSettings({ IOTHUB_REQUEST_TIMEOUT_MS: " 5000 " }).requestTimeout).toBe("5000");
});

test.each(["99", "600001", "1.5", "soon", "-1"])("%s is refused at check, naming the key, the rule and the value", (value) => {
  expect(() => requestTimeoutOf(settings(value))).toThrow(`iothub:requestTimeoutMs: ${REQUEST_TIMEOUT_RULE}; got "${value}"`);
  const failures = new CheckFailures();
  checkProviderSettings(settings(value), failures);
  expect(failures.list).toEqual([{ property: "iothub:requestTimeoutMs", reason: `iothub:requestTimeoutMs: ${REQUEST_TIMEOUT_RULE}; got "${value}"` }]);
});

test("a client with a short request timeout retries an answer that takes longer, and gets the next one", async () => {
  const emulator = await startEmulator({ retryAfterSeconds: 0 });
  const client = new ArmClient({
    endpoint: emulator.url,
    credential: staticTokenCredential(DEV_TOKEN, emulator.url),
    responseTimeoutInMs: 200,
    random: () => 0,
  });
  try {
    emulator.faults.add({ method: "GET", path: "/resourcegroups/", action: { kind: "delay", ms: 2_000 } });
    emulator.outOfBand.createResourceGroup({ subscriptionId: "s", name: "rg" });
    const res = await client.request({ method: "GET", path: "/subscriptions/s/resourcegroups/rg", apiVersion: "2021-04-01" });
    expect(res.status).toBe(200);
    // The first attempt was given up unanswered (the journal's 0), the retry answered.
    expect(emulator.requests.entries().filter((e) => e.method === "GET").map((e) => e.status)).toEqual([0, 200]);
  } finally {
    await client.close();
    await emulator.close();
  }
});
