import { API_VERSIONS, hubBody, hubPath, uniqueHubName, useEmulator, type TestArm } from "./helpers";

/**
 * Every cell of the seed's ETag table (docs/IOTHUB-ARM.md, "ETags"), for PUT and DELETE, on both api-versions.
 * "200 OK" for DELETE of an existing hub is answered asynchronously: 202, then the Location URL gives 200.
 */
/**
 * About sixty hub writes back to back, each operation polled every 5 ms until it ends: some 300 reads in 2–3 s, at
 * the edge of ARM's read bucket (250, refilled 25/s; emulator/README.md "Throttling"). A larger bucket keeps this
 * file about etags.
 */
const { arm } = useEmulator({ throttling: { reads: { capacity: 10_000 } } });

type EtagChoice = "absent" | "empty" | "star" | "current" | "currentQuoted" | "stale";

function etagHeader(choice: EtagChoice, current: string | undefined): string | undefined {
  switch (choice) {
    case "absent":
      return undefined;
    case "empty":
      return "";
    case "star":
      return "*";
    case "current":
      return current ?? "AAAAAAAAAAA=";
    case "currentQuoted":
      return `"${current ?? "AAAAAAAAAAA="}"`;
    case "stale":
      return '"AAAAAAAAAAA="';
  }
}

async function existingHub(a: TestArm, apiVersion: string): Promise<{ name: string; etag: string }> {
  const name = uniqueHubName("etag");
  await a.createHub(name, { apiVersion });
  const got = await a.call("GET", hubPath(name), { apiVersion });
  return { name, etag: got.body.etag };
}

interface PutCell {
  row: string;
  ifMatch?: EtagChoice;
  ifNoneMatch?: "*";
  absent: 201 | 412;
  exists: 200 | 412;
}

// | PUT | Resource does not exist | Resource exists |
const PUT_TABLE: PutCell[] = [
  { row: 'If-Match absent', ifMatch: "absent", absent: 201, exists: 200 },
  { row: 'If-Match ""', ifMatch: "empty", absent: 201, exists: 200 },
  { row: 'If-Match "*"', ifMatch: "star", absent: 412, exists: 200 },
  { row: "If-Match current etag (unquoted)", ifMatch: "current", absent: 412, exists: 200 },
  { row: "If-Match current etag (quoted)", ifMatch: "currentQuoted", absent: 412, exists: 200 },
  { row: "If-Match stale etag", ifMatch: "stale", absent: 412, exists: 412 },
  { row: 'If-None-Match "*"', ifNoneMatch: "*", absent: 201, exists: 412 },
];

describe.each(API_VERSIONS)("PUT hub ETag table, api-version %s", (apiVersion) => {
  beforeAll(() => arm().createGroup());

  test.each(PUT_TABLE)("$row on a missing hub answers $absent", async (cell) => {
    const a = arm();
    const name = uniqueHubName("etag");
    const headers: Record<string, string> = {};
    const ifMatch = cell.ifMatch && etagHeader(cell.ifMatch, undefined);
    if (ifMatch !== undefined) headers["if-match"] = ifMatch;
    if (cell.ifNoneMatch) headers["if-none-match"] = cell.ifNoneMatch;
    const r = await a.call("PUT", hubPath(name), { apiVersion, body: hubBody(apiVersion), headers });
    expect(r.status).toBe(cell.absent);
    const after = await a.call("GET", hubPath(name), { apiVersion });
    if (cell.absent === 412) {
      expectPreconditionFailed(r.body, apiVersion);
      expect(after.status).toBe(404); // nothing created
    } else {
      expect(r.headers.get("azure-asyncoperation")).toContain("/operationResults/");
      expect(after.status).toBe(200);
      await a.waitForOperation(r.headers.get("azure-asyncoperation")!);
    }
  });

  test.each(PUT_TABLE)("$row on an existing hub answers $exists", async (cell) => {
    const a = arm();
    const { name, etag } = await existingHub(a, apiVersion);
    const headers: Record<string, string> = {};
    const ifMatch = cell.ifMatch && etagHeader(cell.ifMatch, etag);
    if (ifMatch !== undefined) headers["if-match"] = ifMatch;
    if (cell.ifNoneMatch) headers["if-none-match"] = cell.ifNoneMatch;
    const body = { ...hubBody(apiVersion), tags: { cell: "written" } };
    const r = await a.call("PUT", hubPath(name), { apiVersion, body, headers });
    expect(r.status).toBe(cell.exists);
    const after = await a.call("GET", hubPath(name), { apiVersion });
    if (cell.exists === 412) {
      expectPreconditionFailed(r.body, apiVersion);
      expect(after.body.etag).toBe(etag); // nothing changed
      expect(after.body.tags).toEqual({});
    } else {
      expect(r.body.etag).toBeDefined();
      expect(r.body.etag).not.toBe(etag);
      expect(after.body.tags).toEqual({ cell: "written" });
      await a.waitForOperation(r.headers.get("azure-asyncoperation")!);
    }
  });
});

interface DeleteCell {
  row: string;
  ifMatch: EtagChoice;
  exists: 202 | 412;
}

// | DELETE | Resource does not exist (always 204) | Resource exists |
const DELETE_TABLE: DeleteCell[] = [
  { row: "If-Match absent", ifMatch: "absent", exists: 202 },
  { row: 'If-Match ""', ifMatch: "empty", exists: 202 },
  { row: 'If-Match "*"', ifMatch: "star", exists: 202 },
  { row: "If-Match current etag (unquoted)", ifMatch: "current", exists: 202 },
  { row: "If-Match current etag (quoted)", ifMatch: "currentQuoted", exists: 202 },
  { row: "If-Match stale etag", ifMatch: "stale", exists: 412 },
];

describe.each(API_VERSIONS)("DELETE hub ETag table, api-version %s", (apiVersion) => {
  beforeAll(() => arm().createGroup());

  test.each(DELETE_TABLE)("$row on a missing hub answers 204", async (cell) => {
    const headers: Record<string, string> = {};
    const ifMatch = etagHeader(cell.ifMatch, undefined);
    if (ifMatch !== undefined) headers["if-match"] = ifMatch;
    const r = await arm().call("DELETE", hubPath(uniqueHubName("gone")), { apiVersion, headers });
    expect(r.status).toBe(204);
    expect(r.text).toBe("");
  });

  test.each(DELETE_TABLE)("$row on an existing hub answers $exists", async (cell) => {
    const a = arm();
    const { name, etag } = await existingHub(a, apiVersion);
    const headers: Record<string, string> = {};
    const ifMatch = etagHeader(cell.ifMatch, etag);
    if (ifMatch !== undefined) headers["if-match"] = ifMatch;
    const r = await a.call("DELETE", hubPath(name), { apiVersion, headers });
    expect(r.status).toBe(cell.exists);
    if (cell.exists === 412) {
      expectPreconditionFailed(r.body, apiVersion);
      const after = await a.call("GET", hubPath(name), { apiVersion });
      expect(after.body.etag).toBe(etag);
      expect(after.body.properties.state).toBe("Active");
      return;
    }
    expect(r.headers.get("location")).toContain("/operationResults/");
    expect(r.headers.get("retry-after")).toBe("0");
    await a.waitForOperation(r.headers.get("azure-asyncoperation")!);
    const result = await a.call("GET", r.headers.get("location")!);
    expect(result.status).toBe(200); // the seed's "200 OK", as if synchronous
    expect((await a.call("GET", hubPath(name), { apiVersion })).status).toBe(404);
  });
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- error bodies differ per api-version
function expectPreconditionFailed(body: any, apiVersion: string): void {
  if (apiVersion === "2016-02-03") {
    expect(body.Code).toBe("PreconditionFailed");
    expect(body.HttpStatusCode).toBe("PreconditionFailed");
    expect(body.Message).toMatch(/errorcode: IH412001\.$/);
  } else {
    expect(body.code).toBe(412001);
    expect(body.httpStatusCode).toBe("PreconditionFailed");
    expect(body.message).toMatch(/errorcode: IH412001\.$/);
  }
}
