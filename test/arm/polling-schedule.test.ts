/**
 * Polling schedules built around each hub operation's usual duration (docs/RELIABILITY.md, "Polling"), on the
 * virtual clock: which schedule an operation gets, that the service's Retry-After still wins, that the user's
 * schedule overrides, and the arithmetic the schedule's constants promise against a fixed 2 s poller.
 */
import { API, HUB_PATH, SUB, fakeTime, mockAgent, q, script, testClient } from "./helpers";
import {
  HUB_OPERATION_USUAL_DURATION_IN_MS,
  beginDeleteHub,
  beginPutHub,
  looksUntilInMs,
  waitAroundUsualDurationInMs,
  waitForHubOperation,
  type HubRef,
} from "../../provider/arm";

const OP_PATH = `/subscriptions/${SUB}/providers/Microsoft.Devices/locations/westus/operationResults/b3A=?api-version=${API}&operationSource=other&asyncinfo`;
const OP_URL = `https://management.azure.com${OP_PATH}`;
const REF: HubRef = { subscriptionId: SUB, resourceGroup: "rg1", name: "hub1", apiVersion: API };
const HUB = { location: "westus", sku: { name: "S1", capacity: 1 } };

/** Waits (ms) of the first `count` looks when nothing interrupts the schedule. */
function plannedWaits(usualInMs: number, count: number): number[] {
  const waits: number[] = [];
  for (let t = 0; waits.length < count; ) {
    const wait = waitAroundUsualDurationInMs(usualInMs, t);
    waits.push(wait);
    t += wait;
  }
  return waits;
}

/** The service answers `first`, then Running `running` times, then Succeeded. */
function operation(first: { method: "PUT" | "DELETE"; status: number; headers?: Record<string, string> }, running: number, pollHeaders: Record<string, string>[] = []) {
  const agent = mockAgent();
  const time = fakeTime();
  script(agent, [
    { method: first.method, path: q(HUB_PATH), status: first.status, body: first.method === "PUT" ? { properties: { provisioningState: "Accepted" } } : null, headers: { "azure-asyncoperation": OP_URL, ...first.headers } },
    ...Array.from({ length: running }, (_, i) => ({ method: "GET", path: OP_PATH, body: { status: "Running" }, headers: pollHeaders[i] })),
    { method: "GET", path: OP_PATH, body: { status: "Succeeded" } },
  ]);
  return { agent, time };
}

describe("the schedule around a usual duration", () => {
  test("a create (150 s): doubling quiet looks until 90 s, then every 1.5 s", () => {
    expect(looksUntilInMs(HUB_OPERATION_USUAL_DURATION_IN_MS.create, 95_000)).toEqual([1000, 2000, 4000, 8000, 16_000, 32_000, 64_000, 90_000, 91_500, 93_000, 94_500, 96_000]);
  });

  test("a delete (30 s): quiet looks at 1, 2, 4, 8 s, dense from 18 s (no short quiet wait before it)", () => {
    expect(looksUntilInMs(HUB_OPERATION_USUAL_DURATION_IN_MS.delete, 21_000)).toEqual([1000, 2000, 4000, 8000, 18_000, 19_500, 21_000]);
  });

  test("dense until 1.5 × the usual duration, then each wait grows with the overrun, up to 10 s", () => {
    const usual = 100_000;
    expect(waitAroundUsualDurationInMs(usual, 149_000)).toBe(1500);
    expect(waitAroundUsualDurationInMs(usual, 170_000)).toBe(1500 + 0.05 * 20_000);
    expect(waitAroundUsualDurationInMs(usual, 250_000)).toBe(6500);
    expect(waitAroundUsualDurationInMs(usual, 1_000_000)).toBe(10_000);
  });

  test("a look due just before the dense part waits one dense interval, never a tiny quiet wait", () => {
    expect(waitAroundUsualDurationInMs(100_000, 59_900)).toBe(1500);
  });

  // What the constants' comment promises: for durations spread ±30 % around the usual one, fewer calls than a fixed
  // 2 s poller (which also polls once right after the first answer, as @azure/core-lro does) and no later notice.
  test.each(Object.entries(HUB_OPERATION_USUAL_DURATION_IN_MS))("%s: over usual ± 30 %%, fewer looks and a smaller mean and worst delay than a fixed 2 s poll", (_kind, usual) => {
    const ours = { looks: 0, delay: 0, worst: 0 };
    const fixed = { looks: 0, delay: 0, worst: 0 };
    const durations = Array.from({ length: 241 }, (_, i) => usual * (0.7 + (0.6 * i) / 240) + 137);
    for (const doneAt of durations) {
      const looks = looksUntilInMs(usual, doneAt);
      const late = looks[looks.length - 1] - doneAt;
      ours.looks += looks.length;
      ours.delay += late;
      ours.worst = Math.max(ours.worst, late);
      const fixedLooks = Math.ceil(doneAt / 2000);
      fixed.looks += fixedLooks + 1;
      fixed.delay += fixedLooks * 2000 - doneAt;
      fixed.worst = Math.max(fixed.worst, fixedLooks * 2000 - doneAt);
    }
    expect(ours.looks).toBeLessThan(0.9 * fixed.looks);
    expect(ours.delay).toBeLessThan(fixed.delay);
    expect(ours.worst).toBeLessThanOrEqual(1500);
    expect(fixed.worst).toBeGreaterThan(1500);
  });
});

describe("which schedule a hub operation polls on", () => {
  test("a PUT answered 201 is a create: its waits follow the create schedule", async () => {
    const { agent, time } = operation({ method: "PUT", status: 201 }, 9);
    const client = testClient(agent, time);
    await waitForHubOperation(client, REF, await beginPutHub(client, REF, HUB), { method: "PUT" });
    expect(time.waits).toEqual(plannedWaits(HUB_OPERATION_USUAL_DURATION_IN_MS.create, 10));
    expect(time.waits).toEqual([1000, 1000, 2000, 4000, 8000, 16_000, 32_000, 26_000, 1500, 1500]);
    agent.assertNoPendingInterceptors();
  });

  test("a PUT answered 200 is an update: its waits follow the update schedule", async () => {
    const { agent, time } = operation({ method: "PUT", status: 200 }, 8);
    const client = testClient(agent, time);
    await waitForHubOperation(client, REF, await beginPutHub(client, REF, HUB, { ifMatch: "e1" }), { method: "PUT" });
    expect(time.waits).toEqual([1000, 1000, 2000, 4000, 8000, 16_000, 13_000, 1500, 1500]);
    expect(time.waits).toEqual(plannedWaits(HUB_OPERATION_USUAL_DURATION_IN_MS.update, 9));
    agent.assertNoPendingInterceptors();
  });

  test("a DELETE follows the delete schedule", async () => {
    const { agent, time } = operation({ method: "DELETE", status: 202 }, 6);
    const client = testClient(agent, time);
    const first = await beginDeleteHub(client, REF);
    await waitForHubOperation(client, REF, first!, { method: "DELETE" });
    expect(time.waits).toEqual([1000, 1000, 2000, 4000, 10_000, 1500, 1500]);
    agent.assertNoPendingInterceptors();
  });

  test("the user's schedule (iothub:pollingScheduleMs) overrides the operation's", async () => {
    const { agent, time } = operation({ method: "PUT", status: 201 }, 3);
    const client = testClient(agent, time, { pollingScheduleInMs: [100, 250] });
    await waitForHubOperation(client, REF, await beginPutHub(client, REF, HUB), { method: "PUT" });
    expect(time.waits).toEqual([100, 250, 250, 250]);
  });

  test("the service's Retry-After wins over the schedule, which then resumes by elapsed time", async () => {
    // 20 s on the 201, then the create schedule from 20 s: double to 40 s, straight to the dense part at 90 s;
    // a 5 s Retry-After on the first dense poll, then 1.5 s again.
    const { agent, time } = operation({ method: "PUT", status: 201, headers: { "retry-after": "20" } }, 4, [{}, {}, { "retry-after": "5" }, {}]);
    const client = testClient(agent, time);
    await waitForHubOperation(client, REF, await beginPutHub(client, REF, HUB), { method: "PUT" });
    expect(time.waits).toEqual([20_000, 20_000, 50_000, 5000, 1500]);
    agent.assertNoPendingInterceptors();
  });
});
