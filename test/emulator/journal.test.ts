/** The emulator's journal of answered requests, which the end-to-end suites read to see what a client sent. */
import { MAX_JOURNAL_ENTRIES, RequestJournal } from "../../emulator/journal";
import { RG, SUB, hubPath, uniqueHubName, useEmulator } from "./helpers";

const { arm } = useEmulator();

test("records each ARM request with its conditional headers and the status answered, not control calls", async () => {
  const a = arm();
  await a.createGroup();
  const name = uniqueHubName("journal");
  await a.createHub(name);
  a.emulator.requests.clear();

  await a.call("PUT", hubPath(name), { body: { location: "westus", sku: { name: "S1", capacity: 1 }, properties: {} }, headers: { "if-match": '"not-the-etag"' } });
  await a.call("GET", hubPath(name), { headers: { "if-none-match": "*" } });
  await fetch(`${a.url}/_emulator/health`);
  a.emulator.faults.add({ method: "GET", path: name, action: { kind: "drop" } });
  await a.call("GET", hubPath(name)).catch(() => undefined);

  expect(a.emulator.requests.entries()).toEqual([
    expect.objectContaining({ method: "PUT", path: hubPath(name), apiVersion: "2023-06-30", ifMatch: '"not-the-etag"', ifNoneMatch: undefined, status: 412 }),
    expect.objectContaining({ method: "GET", path: hubPath(name), ifMatch: undefined, ifNoneMatch: "*", status: 200, requestId: expect.any(String) }),
    expect.objectContaining({ method: "GET", path: hubPath(name), status: 0 }),
  ]);
  expect(a.emulator.outOfBand.listHubs({ subscriptionId: SUB, resourceGroup: RG })).toContain(name);
});

test(`keeps the newest ${MAX_JOURNAL_ENTRIES} entries`, () => {
  const journal = new RequestJournal();
  for (let i = 0; i < MAX_JOURNAL_ENTRIES + 3; i++) {
    journal.record({ method: "GET", path: `/${i}`, apiVersion: undefined, ifMatch: undefined, ifNoneMatch: undefined, status: 200, requestId: String(i) });
  }
  const entries = journal.entries();
  expect(entries).toHaveLength(MAX_JOURNAL_ENTRIES);
  expect(entries[0].path).toBe("/3");
  expect(entries.at(-1)?.path).toBe(`/${MAX_JOURNAL_ENTRIES + 2}`);
});
