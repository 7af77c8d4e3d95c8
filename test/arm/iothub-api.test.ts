/**
 * Typed IoT Hub operations: the exact requests each api-version needs (docs/IOTHUB-ARM.md, "Operations", "The objects",
 * "Consumer groups").
 */
import { ENDPOINT, HUB_PATH, SUB, caught, fakeTime, lines, mockAgent, q, script, testClient } from "./helpers";
import {
  checkNameAvailability,
  deleteConsumerGroup,
  deleteHubAndWait,
  exportDevices,
  findHub,
  getConsumerGroup,
  getHub,
  getJob,
  listConsumerGroupNames,
  listConsumerGroupItems,
  listKeys,
  putConsumerGroup,
  putHubAndWait,
  type HubRef,
} from "../../provider/arm";

const V16 = "2016-02-03";
const V23 = "2023-06-30";
const ref = (apiVersion: HubRef["apiVersion"]): HubRef => ({ subscriptionId: SUB, resourceGroup: "rg1", name: "hub1", apiVersion });
const CG = `${HUB_PATH}/eventHubEndpoints/events/ConsumerGroups`;

function setup() {
  const agent = mockAgent();
  const time = fakeTime();
  return { agent, time, client: testClient(agent, time) };
}

test("consumer-group PUT: 2016-02-03 sends no body", async () => {
  const { agent, client } = setup();
  const arrived = script(agent, [{ method: "PUT", path: q(`${CG}/cg1`, V16), body: { name: "cg1", id: "x", tags: {} } }]);
  await expect(putConsumerGroup(client, ref(V16), "cg1")).resolves.toMatchObject({ name: "cg1" });
  expect(arrived[0].body).toBeUndefined();
  expect(arrived[0].headers["content-type"]).toBeUndefined();
  agent.assertNoPendingInterceptors();
});

test('consumer-group PUT: 2023-06-30 sends {"properties":{"name":…}}', async () => {
  const { agent, client } = setup();
  const arrived = script(agent, [{ method: "PUT", path: q(`${CG}/cg1`, V23), body: { name: "cg1", etag: null, properties: {} } }]);
  await putConsumerGroup(client, ref(V23), "cg1");
  expect(arrived[0].body).toEqual({ properties: { name: "cg1" } });
  agent.assertNoPendingInterceptors();
});

test("consumer-group get, delete (404 = already gone) and the $Default name encoding", async () => {
  const { agent, client } = setup();
  script(agent, [
    { method: "GET", path: q(`${CG}/%24Default`, V23), body: { name: "$Default" } },
    { method: "DELETE", path: q(`${CG}/cg1`, V23), status: 200 },
    { method: "DELETE", path: q(`${CG}/cg2`, V23), status: 404, body: { error: { code: "ResourceNotFound", message: "no" } } },
  ]);
  await expect(getConsumerGroup(client, ref(V23), "$Default")).resolves.toEqual({ name: "$Default" });
  await expect(deleteConsumerGroup(client, ref(V23), "cg1")).resolves.toBe("deleted");
  await expect(deleteConsumerGroup(client, ref(V23), "cg2")).resolves.toBe("notFound");
  agent.assertNoPendingInterceptors();
});

test("consumer-group lists: names in 2016, objects in 2023, both paged", async () => {
  const { agent, client } = setup();
  script(agent, [
    { method: "GET", path: q(CG, V16), body: { value: ["$Default"], nextLink: `${ENDPOINT}${CG}?api-version=${V16}&page=2` } },
    { method: "GET", path: `${CG}?api-version=${V16}&page=2`, body: { value: ["cg1"] } },
    { method: "GET", path: q(CG, V23), body: { value: [{ name: "$Default" }, { name: "cg1", properties: {} }] } },
  ]);
  await expect(listConsumerGroupNames(client, ref(V16))).resolves.toEqual(["$Default", "cg1"]);
  await expect(listConsumerGroupItems(client, ref(V23))).resolves.toEqual([{ name: "$Default" }, { name: "cg1", properties: {} }]);
  agent.assertNoPendingInterceptors();
});

test("checkNameAvailability: {\"Name\"} in 2016-02-03, {\"name\"} in 2023-06-30", async () => {
  const { agent, client } = setup();
  const path = `/subscriptions/${SUB}/providers/Microsoft.Devices/checkNameAvailability`;
  const arrived = script(agent, [
    { method: "POST", path: q(path, V16), body: { nameAvailable: true, reason: "Invalid", message: null } },
    { method: "POST", path: q(path, V23), status: 503, body: {} },
    { method: "POST", path: q(path, V23), body: { nameAvailable: false, reason: "AlreadyExists" } },
  ]);
  await expect(checkNameAvailability(client, { subscriptionId: SUB, apiVersion: V16, name: "hub1" })).resolves.toMatchObject({ nameAvailable: true });
  // A read despite being a POST, so the 503 is retried.
  await expect(checkNameAvailability(client, { subscriptionId: SUB, apiVersion: V23, name: "hub1" })).resolves.toMatchObject({ nameAvailable: false });
  expect(arrived[0].body).toEqual({ Name: "hub1" });
  expect(arrived[1].body).toEqual({ name: "hub1" });
  agent.assertNoPendingInterceptors();
});

test("listKeys: POST listkeys, next pages by GET", async () => {
  const { agent, client } = setup();
  const arrived = script(agent, [
    { method: "POST", path: q(`${HUB_PATH}/listkeys`), body: { value: [{ keyName: "iothubowner", rights: "RegistryWrite, ServiceConnect, DeviceConnect" }], nextLink: `${ENDPOINT}${HUB_PATH}/listkeys?api-version=${V23}&$skip=1` } },
    { method: "GET", path: `${HUB_PATH}/listkeys?api-version=${V23}&$skip=1`, body: { value: [{ keyName: "service", rights: "ServiceConnect" }] } },
  ]);
  const keys = await listKeys(client, ref(V23));
  expect(keys.map((k) => k.keyName)).toEqual(["iothubowner", "service"]);
  expect(lines(arrived).map((l) => l.split(" ")[0])).toEqual(["POST", "GET"]);
  agent.assertNoPendingInterceptors();
});

test("exportDevices: PascalCase body in 2016, camelCase in 2023, not retried on 503; getJob", async () => {
  const { agent, client } = setup();
  const arrived = script(agent, [
    { method: "POST", path: q(`${HUB_PATH}/exportDevices`, V16), body: { jobId: "j1", status: "enqueued" } },
    { method: "POST", path: q(`${HUB_PATH}/exportDevices`, V23), status: 503, body: {} },
    { method: "GET", path: q(`${HUB_PATH}/jobs/j1`, V23), body: { jobId: "j1", status: "completed" } },
  ]);
  const request = { exportBlobContainerUri: "https://acct.blob.core.windows.net/c?sig=x", excludeKeys: true };
  await expect(exportDevices(client, ref(V16), request)).resolves.toMatchObject({ jobId: "j1" });
  expect(arrived[0].body).toEqual({ ExportBlobContainerUri: request.exportBlobContainerUri, ExcludeKeys: true });
  expect((await caught(() => exportDevices(client, ref(V23), request))).statusCode).toBe(503);
  expect(arrived[1].body).toEqual(request);
  await expect(getJob(client, ref(V23), "j1")).resolves.toMatchObject({ status: "completed" });
  agent.assertNoPendingInterceptors();
});

test("getHub throws on 404; findHub answers undefined", async () => {
  const { agent, client } = setup();
  const notFound = { error: { code: "ResourceNotFound", message: "gone" } };
  script(agent, [
    { method: "GET", path: q(HUB_PATH), status: 404, body: notFound },
    { method: "GET", path: q(HUB_PATH), status: 404, body: notFound },
  ]);
  expect((await caught(() => getHub(client, ref(V23)))).code).toBe("ResourceNotFound");
  await expect(findHub(client, ref(V23))).resolves.toBeUndefined();
});

test("putHubAndWait sends If-Match quoted and returns the final hub", async () => {
  const { agent, client } = setup();
  const op = `/subscriptions/${SUB}/providers/Microsoft.Devices/operationResults/x?api-version=${V16}&asyncinfo`;
  const arrived = script(agent, [
    { method: "PUT", path: q(HUB_PATH, V16), status: 201, body: {}, headers: { "azure-asyncoperation": ENDPOINT + op } },
    { method: "GET", path: op, body: { status: "Succeeded" } },
    { method: "GET", path: q(HUB_PATH, V16), body: { name: "hub1", etag: "B", properties: { provisioningState: "Succeeded" } } },
  ]);
  const progress: string[] = [];
  const hub = await putHubAndWait(client, ref(V16), { location: "westus", sku: { name: "S1", capacity: 1 } }, { ifMatch: "A", onProgress: (p) => progress.push(p.status) });
  expect(hub).toEqual({ name: "hub1", etag: "B", properties: { provisioningState: "Succeeded" } });
  expect(arrived[0].headers["if-match"]).toBe('"A"');
  expect(progress).toEqual(["Succeeded"]);
  agent.assertNoPendingInterceptors();
});

test("deleteHubAndWait: 404 and 204 mean there was nothing to delete; 202 is waited for", async () => {
  const { agent, client } = setup();
  const op = `/subscriptions/${SUB}/providers/Microsoft.Devices/operationResults/d?api-version=${V23}&asyncinfo`;
  const arrived = script(agent, [
    { method: "DELETE", path: q(HUB_PATH), status: 404, body: { error: { code: "ResourceNotFound", message: "no" } } },
    { method: "DELETE", path: q(HUB_PATH), status: 204 },
    { method: "DELETE", path: q(HUB_PATH), status: 202, body: "null", headers: { "azure-asyncoperation": ENDPOINT + op, location: ENDPOINT + op } },
    { method: "GET", path: op, body: { status: "Succeeded" } },
  ]);
  await expect(deleteHubAndWait(client, ref(V23))).resolves.toBe("notFound");
  await expect(deleteHubAndWait(client, ref(V23))).resolves.toBe("notFound");
  await expect(deleteHubAndWait(client, ref(V23), { ifMatch: "*" })).resolves.toBe("deleted");
  expect(arrived[2].headers["if-match"]).toBe("*");
  agent.assertNoPendingInterceptors();
});
