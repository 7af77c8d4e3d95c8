import { API, HUB_PATH, ENDPOINT, fakeTime, mockAgent, q, seen, testClient, type Seen } from "./helpers";
import { putHubAndWait } from "../../provider/arm";

test("smoke: create via Azure-AsyncOperation", async () => {
  const agent = mockAgent();
  const pool = agent.get(ENDPOINT);
  const log: Seen[] = [];
  const op = `${ENDPOINT}/subscriptions/s/providers/Microsoft.Devices/locations/westus/operationResults/abc?api-version=${API}&asyncinfo`;
  pool.intercept({ path: q(HUB_PATH), method: "PUT" }).reply((o) => {
    log.push(seen(o));
    return { statusCode: 201, data: { properties: { provisioningState: "Accepted" } }, responseOptions: { headers: { "azure-asyncoperation": op } } };
  });
  pool.intercept({ path: op.slice(ENDPOINT.length), method: "GET" }).reply(200, { status: "Running" });
  pool.intercept({ path: op.slice(ENDPOINT.length), method: "GET" }).reply(200, { status: "Succeeded" });
  pool.intercept({ path: q(HUB_PATH), method: "GET" }).reply(200, { name: "hub1", etag: "AAA", properties: { state: "Active" } });
  const time = fakeTime();
  const client = testClient(agent, time);
  const hub = await putHubAndWait(client, { subscriptionId: "00000000-0000-0000-0000-000000000001", resourceGroup: "rg1", name: "hub1", apiVersion: API }, { location: "westus", sku: { name: "S1", capacity: 1 } }, { ifNoneMatch: "*" });
  expect(hub.etag).toBe("AAA");
  expect(log[0].headers["if-none-match"]).toBe("*");
  expect(log[0].headers.authorization).toMatch(/^Bearer /);
  expect(time.waits).toEqual([1000, 1000]);
  agent.assertNoPendingInterceptors();
});
