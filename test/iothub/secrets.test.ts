/**
 * Keys and tokens: secret outputs in state (never plaintext), never in errors or host output.
 */
import * as pulumi from "@pulumi/pulumi";
import { DEV_TOKEN } from "../../emulator";
import { IotHub } from "../../provider";
import { ok } from "../../tools/harness";
import { RESOURCE_GROUP, startWorld, uniqueName } from "./world";
import type { World } from "./world";

let world: World;
beforeAll(async () => {
  world = await startWorld();
});
afterAll(() => world.close());

test("keys and connection strings are secret outputs and never appear in the state text", async () => {
  const name = uniqueName("secret");
  const result = ok(await world.stack.up(async () => {
    const hub = new IotHub("hub", {
      name,
      resourceGroupName: RESOURCE_GROUP,
      location: "westeurope",
      sku: { name: "S1" },
      authorizationPolicies: [
        { keyName: "iothubowner", rights: "RegistryWrite, ServiceConnect, DeviceConnect" },
        { keyName: "backend", rights: "ServiceConnect" },
      ],
    });
    return {
      policiesSecret: await pulumi.isSecret(hub.sharedAccessPolicies),
      connectionStringsSecret: await pulumi.isSecret(hub.connectionStrings),
      eventHubSecret: await pulumi.isSecret(hub.eventHubConnectionStrings),
      hostNameSecret: await pulumi.isSecret(hub.hostName),
    };
  }));
  expect(result.outputs).toEqual({ policiesSecret: true, connectionStringsSecret: true, eventHubSecret: true, hostNameSecret: false });

  const [hub] = world.stack.resources();
  expect(hub.secretOutputs).toEqual(expect.arrayContaining(["sharedAccessPolicies", "connectionStrings", "eventHubConnectionStrings"]));
  const policies = hub.outputs.sharedAccessPolicies as { keyName: string; primaryKey: string; secondaryKey: string }[];
  expect(policies.map((p) => p.keyName).sort()).toEqual(["backend", "iothubowner"]);
  const connectionStrings = hub.outputs.connectionStrings as Record<string, string>;
  expect(connectionStrings.backend).toBe(`HostName=${name}.azure-devices.net;SharedAccessKeyName=backend;SharedAccessKey=${policies.find((p) => p.keyName === "backend")?.primaryKey}`);
  expect((hub.outputs.eventHubConnectionStrings as Record<string, string>).backend).toMatch(/^Endpoint=sb:\/\/.*;SharedAccessKeyName=backend;SharedAccessKey=.*;EntityPath=/);

  const stateText = world.stack.serializedState();
  for (const p of policies) {
    expect(p.primaryKey.length).toBeGreaterThan(20);
    expect(stateText).not.toContain(p.primaryKey);
    expect(stateText).not.toContain(p.secondaryKey);
  }
  expect(stateText).not.toContain(DEV_TOKEN);
  expect(world.stack.hostStderr()).not.toContain(DEV_TOKEN);
});

test("keys are kept across an update of the policies' rights (no accidental rotation)", async () => {
  const name = uniqueName("keep-keys");
  const program = (rights: string) => () =>
    void new IotHub("hub", {
      name,
      resourceGroupName: RESOURCE_GROUP,
      location: "westeurope",
      sku: { name: "S1" },
      authorizationPolicies: [{ keyName: "backend", rights }],
    });
  const stack = world.newStack();
  ok(await stack.up(program("ServiceConnect")));
  const before = (stack.resources()[0].outputs.sharedAccessPolicies as { primaryKey: string }[])[0].primaryKey;
  ok(await stack.up(program("ServiceConnect, RegistryRead")));
  const after = (stack.resources()[0].outputs.sharedAccessPolicies as { primaryKey: string; rights: string }[])[0];
  expect(after.rights).toBe("RegistryRead, ServiceConnect");
  expect(after.primaryKey).toBe(before);
  await stack.destroy();
});

test("a failing call's error names the request id but never the token", async () => {
  const stack = world.newStack();
  const result = await stack.up(() => void new IotHub("hub", { name: uniqueName("norg"), resourceGroupName: "missing-group", location: "westeurope", sku: { name: "S1" } }));
  expect(result.errors).toHaveLength(1);
  expect(result.errors[0].message).toMatch(/ResourceGroupNotFound \(404\)|\(404\) ResourceGroupNotFound/);
  expect(result.errors[0].message).toMatch(/x-ms-request-id: /);
  expect(result.errors[0].message).not.toContain(DEV_TOKEN);
  expect(stack.hostStderr()).not.toContain(DEV_TOKEN);
});

test("a wrong token is refused by the emulator with 401, reported without the token", async () => {
  const stack = world.newStack({ config: { "iothub:accessToken": { secret: "not-the-right-token-1234567890" } } });
  const result = await stack.up(() => void new IotHub("hub", { name: uniqueName("auth"), resourceGroupName: RESOURCE_GROUP, location: "westeurope", sku: { name: "S1" } }));
  expect(result.errors).toHaveLength(1);
  expect(result.errors[0].message).toMatch(/401/);
  expect(result.errors[0].message).not.toContain("not-the-right-token-1234567890");
  expect(stack.hostStderr()).not.toContain("not-the-right-token-1234567890");
});

test("a static token is never sent to a non-loopback endpoint", async () => {
  const stack = world.newStack({ config: { "iothub:armEndpoint": "http://management.example.invalid" } });
  const result = await stack.up(() => void new IotHub("hub", { name: uniqueName("remote"), resourceGroupName: RESOURCE_GROUP, location: "westeurope", sku: { name: "S1" } }));
  expect(result.errors).toHaveLength(1);
  expect(result.errors[0].message).toMatch(/loopback|https/i);
  expect(result.errors[0].message).not.toContain(DEV_TOKEN);
});
