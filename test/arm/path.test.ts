/**
 * Names are data: armPath validates and encodes, and request() refuses paths that were not built with it.
 */
import { API, caught, fakeTime, mockAgent, testClient } from "./helpers";
import { armPath, hubPath, consumerGroupPath } from "../../provider/arm";

test("encodes each segment", () => {
  expect(armPath("subscriptions", "s 1", "resourceGroups", "rg(1)")).toBe("/subscriptions/s%201/resourceGroups/rg(1)");
  expect(armPath("ConsumerGroups", "$Default")).toBe("/ConsumerGroups/%24Default");
  expect(armPath("a", "100%")).toBe("/a/100%25");
});

test.each([
  ["empty", ""],
  ["blank", "   "],
  ["dot", "."],
  ["dot-dot", ".."],
  ["slash", "hub/../../other"],
  ["backslash", "hub\\..\\other"],
  ["query", "hub?api-version=1999-01-01"],
  ["fragment", "hub#x"],
  ["NUL", "hub\u0000"],
  ["newline", "hub\r\nX-Injected: 1"],
  ["DEL", "hub\u007f"],
])("refuses a %s segment", (_what, segment) => {
  expect(() => armPath("subscriptions", segment)).toThrow(expect.objectContaining({ name: "ArmError", code: "InvalidPathSegment" }));
});

test("refuses non-string segments from untyped callers", () => {
  expect(() => armPath("a", undefined as unknown as string)).toThrow(/must be a string/);
});

test("hubPath and consumerGroupPath use the spec's casing and encode names", () => {
  const ref = { subscriptionId: "sub", resourceGroup: "rg", name: "hub-1", apiVersion: API } as const;
  expect(hubPath(ref)).toBe("/subscriptions/sub/resourceGroups/rg/providers/Microsoft.Devices/IotHubs/hub-1");
  expect(consumerGroupPath(ref, "$Default")).toBe(
    "/subscriptions/sub/resourceGroups/rg/providers/Microsoft.Devices/IotHubs/hub-1/eventHubEndpoints/events/ConsumerGroups/%24Default",
  );
  expect(() => hubPath({ ...ref, name: "../x" })).toThrow(/contains/);
});

test.each([
  ["a relative path", "subscriptions/x"],
  ["a dot segment", "/subscriptions/../providers"],
  ["an encoded dot segment", "/subscriptions/%2e%2e/providers"],
  ["a query", "/subscriptions/x?api-version=1"],
  ["a fragment", "/subscriptions/x#y"],
  ["an empty segment", "/subscriptions//x"],
  ["a protocol-relative URL", "//evil.example.com/x"],
  ["a malformed escape", "/subscriptions/%zz"],
  ["a space", "/subscriptions/a b"],
  ["an encoded slash", "/subscriptions/x/IotHubs/a%2F..%2Fother"],
  ["an encoded backslash", "/subscriptions/x/IotHubs/..%5C..%5Cother"],
  ["an encoded question mark", "/subscriptions/x/IotHubs/a%3Fb"],
])("request() refuses %s before sending anything", async (_what, path) => {
  const agent = mockAgent();
  const client = testClient(agent, fakeTime());
  const error = await caught(() => client.request({ method: "GET", path, apiVersion: API }));
  expect(error.code).toBe("InvalidPathSegment");
  agent.assertNoPendingInterceptors();
});
