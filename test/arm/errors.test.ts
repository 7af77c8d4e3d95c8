/**
 * ArmError from each body shape the service sends (docs/IOTHUB-ARM.md, "Errors"), its message format and helpers.
 */
import { API, HUB_PATH, TOKEN, caught, fakeTime, mockAgent, q, script, testClient } from "./helpers";
import { ArmError, errorFromResponse, isArmError, isConflict, isHubNotActive, isNotFound, isPreconditionFailed } from "../../provider/arm";

const ids = { "x-ms-request-id": "11111111-aaaa", "x-ms-correlation-request-id": "22222222-bbbb" };

async function errorFor(status: number, body: unknown, headers: Record<string, string> = ids) {
  const agent = mockAgent();
  const client = testClient(agent, fakeTime(), { maxAttempts: 1 });
  script(agent, [{ method: "PUT", path: q(HUB_PATH), status, body, headers }]);
  const error = await caught(() => client.request({ method: "PUT", path: HUB_PATH, apiVersion: API, body: {}, ifMatch: "AAAA" }));
  agent.assertNoPendingInterceptors();
  return error;
}

test("ARM envelope → code string, message with status name and request id", async () => {
  const error = await errorFor(404, {
    error: { code: "ResourceNotFound", message: "The Resource 'Microsoft.Devices/IotHubs/hub1' under resource group 'rg1' was not found." },
  });
  expect(isArmError(error)).toBe(true);
  expect(error).toBeInstanceOf(ArmError);
  expect(error.code).toBe("ResourceNotFound");
  expect(error.statusCode).toBe(404);
  expect(error.requestId).toBe("11111111-aaaa");
  expect(error.correlationId).toBe("22222222-bbbb");
  expect(error.message).toBe(
    "NotFound (404) ResourceNotFound: The Resource 'Microsoft.Devices/IotHubs/hub1' under resource group 'rg1' was not found. [x-ms-request-id: 11111111-aaaa]",
  );
  expect(isNotFound(error)).toBe(true);
});

test("IoT Hub flat camelCase body with a numeric code → IH412001", async () => {
  const error = await errorFor(412, {
    code: 412001,
    httpStatusCode: "PreconditionFailed",
    message: "Invalid ETag supplied. If you contact a support representative please include this correlation identifier: x, errorcode: IH412001.",
  });
  expect(error.code).toBe("IH412001");
  expect(error.message).toBe(
    "PreconditionFailed (412) IH412001: Invalid ETag supplied. If you contact a support representative please include this correlation identifier: x, errorcode: IH412001. [x-ms-request-id: 11111111-aaaa]",
  );
  expect(isPreconditionFailed(error)).toBe(true);
  expect(isNotFound(error)).toBe(false);
});

test("2016 PascalCase body: the IH code of its message is the code, the word stays in the message", async () => {
  const error = await errorFor(400, {
    Code: "IotHubsQuotaExceeded",
    HttpStatusCode: "BadRequest",
    Message: "Max number of Iot Hubs exceeded for sku = Free, Max Allowed = 1, Current = 2. errorcode: IH400019.",
  });
  expect(error.code).toBe("IH400019");
  expect(error.message).toMatch(/^BadRequest \(400\) IH400019 \(IotHubsQuotaExceeded\): Max number of Iot Hubs exceeded/);
});

test("2016 PascalCase body without an IH code in its message keeps its string code", async () => {
  const error = await errorFor(400, { Code: "IotHubsQuotaExceeded", HttpStatusCode: "BadRequest", Message: "Max number of Iot Hubs exceeded." });
  expect(error.code).toBe("IotHubsQuotaExceeded");
  expect(error.message).toMatch(/^BadRequest \(400\) IotHubsQuotaExceeded: Max number/);
});

test("a numeric code sent as a string is still IH-prefixed; details are kept", async () => {
  const error = await errorFor(400, { code: "400007", httpStatusCode: "BadRequest", message: "Consumer group name ... errorcode: IH400007.", details: ["d"] });
  expect(error.code).toBe("IH400007");
  expect(error.details).toEqual(["d"]);
});

test("409 IH409002 is recognised as hub-not-active; another 409 is only a conflict", async () => {
  const notActive = await errorFor(409, { code: 409002, httpStatusCode: "Conflict", message: "hub1 is not currently in Active state. errorcode: IH409002." });
  expect(notActive.code).toBe("IH409002");
  expect(isHubNotActive(notActive)).toBe(true);
  expect(isConflict(notActive)).toBe(true);
  const other = await errorFor(409, { error: { code: "Conflict", message: "something else" } });
  expect(isConflict(other)).toBe(true);
  expect(isHubNotActive(other)).toBe(false);
});

test("a non-JSON body falls back to the status name and quotes the text", async () => {
  const error = await errorFor(502, "<html>Bad gateway</html>", {});
  expect(error.code).toBe("BadGateway");
  expect(error.message).toBe("BadGateway (502) BadGateway: <html>Bad gateway</html>");
});

test("an empty body gives the status name as code", async () => {
  const error = await errorFor(404, undefined, {});
  expect(error.code).toBe("NotFound");
  expect(error.message).toBe("NotFound (404) NotFound: (no message)");
});

test("the token never appears in an error, even when the service echoes it", async () => {
  const error = await errorFor(401, { error: { code: "InvalidAuthenticationToken", message: `The token Bearer ${TOKEN} is invalid` } });
  expect(error.message).not.toContain(TOKEN);
  expect(JSON.stringify({ ...error, message: error.message })).not.toContain(TOKEN);
  expect(error.message).toContain("Bearer [redacted]");
  const jwt = errorFromResponse({ statusCode: 401, body: { error: { code: "X", message: "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.abc" } } });
  expect(jwt.message).not.toContain("eyJhbGci");
});

test("isArmError matches by shape (another copy of the package), not by instanceof", () => {
  const foreign = Object.assign(new Error("x"), { name: "ArmError", code: "IH412001", statusCode: 412 });
  expect(isArmError(foreign)).toBe(true);
  expect(isPreconditionFailed(foreign)).toBe(true);
  expect(isArmError(new Error("x"))).toBe(false);
  expect(isArmError(undefined)).toBe(false);
  expect(isNotFound("404")).toBe(false);
});
