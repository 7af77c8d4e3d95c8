/**
 * The per-subscription request budget: spacing requests once a bucket runs low, and a 429 holding back the whole
 * bucket of that subscription (docs/RELIABILITY.md, "Throttling").
 */
import { SubscriptionThrottle, bucketOf } from "../../provider/arm";
import { fakeTime } from "./helpers";

const SUB_A = "/subscriptions/aaaaaaaa-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Devices/IotHubs/h";
const SUB_B = "/subscriptions/bbbbbbbb-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Devices/IotHubs/h";

/** One request sent and answered. */
async function answer(throttle: SubscriptionThrottle, clock: ReturnType<typeof fakeTime>, o: { method: string; pathname: string; status?: number; left?: number; retryAfterInMs?: number }) {
  const headers: Record<string, string> = {};
  if (o.left !== undefined) headers[`x-ms-ratelimit-remaining-subscription-${bucketOf(o.method)}`] = String(o.left);
  const permit = await throttle.acquire(clock, { method: o.method, pathname: o.pathname });
  permit.done({ status: o.status ?? 200, headers, retryAfterInMs: o.retryAfterInMs });
}

/** Waits for a request's turn and lets it go at once (its answer does not matter to the test). */
const send = (throttle: SubscriptionThrottle, clock: ReturnType<typeof fakeTime>, o: { method: string; pathname: string }) =>
  throttle.acquire(clock, o).then((permit) => permit.done());

test("with tokens to spare, nothing waits", async () => {
  const time = fakeTime();
  const throttle = new SubscriptionThrottle();
  await answer(throttle, time, { method: "GET", pathname: SUB_A, left: 240 });
  for (let i = 0; i < 20; i++) await send(throttle, time, { method: "GET", pathname: SUB_A });
  expect(time.waits).toEqual([]);
});

test("once reads run low, reads leave at the refill rate (25 per second), before any 429", async () => {
  const time = fakeTime();
  const throttle = new SubscriptionThrottle();
  await answer(throttle, time, { method: "GET", pathname: SUB_A, left: 30 });
  await Promise.all(Array.from({ length: 5 }, () => send(throttle, time, { method: "GET", pathname: SUB_A })));
  // 30 left is below 2 s of refill (50): the first goes at once, then one every 40 ms.
  expect(time.waits).toEqual([40, 40, 40, 40]);
  expect(time.now() - time.startedAt).toBe(160);
  expect(throttle.stats.pacedRequests).toBe(4);
});

test("writes are spaced at 10 per second, and the reads bucket is not slowed by them", async () => {
  const time = fakeTime();
  const throttle = new SubscriptionThrottle();
  await answer(throttle, time, { method: "PUT", pathname: SUB_A, left: 5 });
  await Promise.all([
    send(throttle, time, { method: "PUT", pathname: SUB_A }),
    send(throttle, time, { method: "POST", pathname: `${SUB_A}/listkeys` }),
    send(throttle, time, { method: "GET", pathname: SUB_A }),
  ]);
  expect(time.waits).toEqual([100]);
});

test("a 429 holds back the whole bucket of that subscription until its Retry-After, and no other", async () => {
  const time = fakeTime();
  const throttle = new SubscriptionThrottle();
  await answer(throttle, time, { method: "PUT", pathname: SUB_A, status: 429, retryAfterInMs: 3000 });
  await send(throttle, time, { method: "GET", pathname: SUB_A });
  await send(throttle, time, { method: "PUT", pathname: SUB_B });
  expect(time.waits).toEqual([]);
  await send(throttle, time, { method: "PUT", pathname: `${SUB_A}/eventHubEndpoints/events/ConsumerGroups/g` });
  expect(time.waits).toEqual([3000]);
  expect(throttle.stats.throttledAnswers).toBe(1);
});

test("the budget refills with time: after a pause, requests go at once again", async () => {
  const time = fakeTime();
  const throttle = new SubscriptionThrottle();
  await answer(throttle, time, { method: "GET", pathname: SUB_A, left: 0 });
  await time.delay(10_000);
  time.waits.length = 0;
  for (let i = 0; i < 10; i++) await send(throttle, time, { method: "GET", pathname: SUB_A });
  expect(time.waits).toEqual([]);
});

test("paths outside a subscription are not metered", async () => {
  const time = fakeTime();
  const throttle = new SubscriptionThrottle();
  await answer(throttle, time, { method: "GET", pathname: "/providers/Microsoft.Devices/operations", status: 429, retryAfterInMs: 5000 });
  await send(throttle, time, { method: "GET", pathname: "/providers/Microsoft.Devices/operations" });
  expect(time.waits).toEqual([]);
});

test("after a 429 the bucket sends one request at a time until an answer shows tokens to spare", async () => {
  const time = fakeTime();
  const throttle = new SubscriptionThrottle();
  await answer(throttle, time, { method: "PUT", pathname: SUB_A, status: 429, retryAfterInMs: 1000 });
  const order: string[] = [];
  const first = await throttle.acquire(time, { method: "PUT", pathname: SUB_A });
  order.push("first sent");
  const second = throttle.acquire(time, { method: "PUT", pathname: SUB_A }).then((permit) => {
    order.push("second sent");
    return permit;
  });
  await new Promise((r) => setImmediate(r));
  expect(order).toEqual(["first sent"]);
  first.done({ status: 200, headers: { "x-ms-ratelimit-remaining-subscription-writes": "150" } });
  (await second).done();
  expect(order).toEqual(["first sent", "second sent"]);
  // Tokens to spare again: requests go side by side.
  const [a, b] = await Promise.all([throttle.acquire(time, { method: "PUT", pathname: SUB_A }), throttle.acquire(time, { method: "PUT", pathname: SUB_A })]);
  a.done();
  b.done();
});
