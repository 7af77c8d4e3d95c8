/**
 * Keys are kept: no update regenerates an existing policy's keys (changing its rights, adding or removing another
 * policy, changing any other setting). Rotation is explicit: a changed `rotateKeys` gives that policy, and only that
 * one, new keys (README, "Key rotation").
 */
import { IotHub } from "../../provider";
import type { IotHubArgs } from "../../provider";
import { ok } from "../../tools/harness";
import { everySettingArgs } from "./settings-program";
import { uniqueName, useFreshStacks } from "./world";

const t = useFreshStacks();

type Policies = NonNullable<IotHubArgs["authorizationPolicies"]>;

/** The keys in state (the harness keeps outputs plain; the state text has them as ciphertext). */
function keysInState(): Record<string, string> {
  const policies = t.stack.resources()[0].outputs.sharedAccessPolicies as { keyName: string; primaryKey: string; secondaryKey: string }[];
  return Object.fromEntries(policies.map((p) => [p.keyName, `${p.primaryKey}|${p.secondaryKey}`]));
}

test("changing a policy's rights, adding and removing others and changing settings keep every existing key", async () => {
  const name = uniqueName("keys");
  const up = (policies: Policies, over: Partial<IotHubArgs> = {}) =>
    t.stack.up(() => void new IotHub("hub", everySettingArgs(name, { authorizationPolicies: policies, ...over })));
  ok(await up([{ keyName: "backend", rights: "ServiceConnect" }, { keyName: "reader", rights: "RegistryRead" }, { keyName: "devices", rights: "DeviceConnect" }]));
  const first = keysInState();
  expect(Object.keys(first).sort()).toEqual(["backend", "devices", "reader"]);

  // backend's rights change, reader goes, ops arrives, and the tags and a route change in the same update.
  const result = ok(await up(
    [{ keyName: "backend", rights: "ServiceConnect, RegistryRead" }, { keyName: "devices", rights: "DeviceConnect" }, { keyName: "ops", rights: "RegistryWrite" }],
    { tags: { env: "prod" }, minTlsVersion: "1.2", disableModuleSAS: false },
  ));
  expect(result.steps.map((s) => s.op)).toEqual(["update"]);
  const second = keysInState();
  expect(Object.keys(second).sort()).toEqual(["backend", "devices", "ops"]);
  expect(second.backend).toBe(first.backend);
  expect(second.devices).toBe(first.devices);

  // An update that touches no policy at all keeps them too.
  ok(await up([{ keyName: "backend", rights: "ServiceConnect, RegistryRead" }, { keyName: "devices", rights: "DeviceConnect" }, { keyName: "ops", rights: "RegistryWrite" }],
    { tags: { env: "prod", team: "a" } }));
  expect(keysInState()).toEqual(second);
});

test("a changed rotateKeys gives that policy new keys, and no other", async () => {
  const name = uniqueName("rotate");
  const policies = (trigger?: string): Policies => [
    { keyName: "backend", rights: "ServiceConnect", ...(trigger === undefined ? {} : { rotateKeys: trigger }) },
    { keyName: "devices", rights: "DeviceConnect" },
  ];
  const up = (trigger?: string) => t.stack.up(() => void new IotHub("hub", everySettingArgs(name, { authorizationPolicies: policies(trigger) })));
  ok(await up("2026-01"));
  const before = keysInState();

  // The same trigger again: nothing to do.
  expect(ok(await up("2026-01")).steps.map((s) => s.op)).toEqual(["same"]);
  expect(keysInState()).toEqual(before);

  expect(ok(await up("2026-02")).steps.map((s) => s.op)).toEqual(["update"]);
  const rotated = keysInState();
  expect(rotated.backend).not.toBe(before.backend);
  expect(rotated.backend.split("|").every((key) => Buffer.from(key, "base64").length === 32)).toBe(true);
  expect(rotated.devices).toBe(before.devices);

  // Refresh and preview see no change afterwards, and the next up keeps the new keys.
  expect(ok(await t.stack.refresh()).steps.map((s) => s.op)).toEqual(["same"]);
  expect(ok(await up("2026-02")).steps.map((s) => s.op)).toEqual(["same"]);
  expect(keysInState()).toEqual(rotated);

  // Removing the trigger rotates nothing, not even together with another change.
  ok(await t.stack.up(() => void new IotHub("hub", everySettingArgs(name, { authorizationPolicies: policies(undefined), tags: { env: "prod" } }))));
  expect(keysInState()).toEqual(rotated);
});
