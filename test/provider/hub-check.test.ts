/**
 * check() decisions that depend on earlier state (the rules themselves are covered through the real
 * host in test/iothub/check-rules.test.ts).
 */
import { checkHub } from "../../provider/hub/check";

const settings = (subscriptionId: string) => ({ armEndpoint: "http://127.0.0.1:1", subscriptionId });
const SUB_A = "00000000-0000-0000-0000-00000000000a";
const SUB_B = "00000000-0000-0000-0000-00000000000b";
const news = { resourceGroupName: "rg", location: "westeurope", sku: { name: "S1" }, __autoNamePrefix: "telemetry" };

describe("checkHub", () => {
  it("fills the default subscription at create and keeps it when the default changes later", () => {
    const first = checkHub({}, news, settings(SUB_A)).inputs as Record<string, unknown>;
    expect(first.subscriptionId).toBe(SUB_A);
    const later = checkHub(first, news, settings(SUB_B)).inputs as Record<string, unknown>;
    expect(later.subscriptionId).toBe(SUB_A);
    const moved = checkHub(first, { ...news, subscriptionId: SUB_B }, settings(SUB_A)).inputs as Record<string, unknown>;
    expect(moved.subscriptionId).toBe(SUB_B);
  });

  it("autonames from the Pulumi name, keeps the name across updates, and autonames anew when an explicit name is removed", () => {
    const first = checkHub({}, news, settings(SUB_A)).inputs as Record<string, unknown>;
    expect(first.name).toMatch(/^telemetry-[a-z0-9]{7}$/);
    expect(first.__autoNamed).toBe(true);
    expect((checkHub(first, news, settings(SUB_A)).inputs as Record<string, unknown>).name).toBe(first.name);

    const explicit = checkHub(first, { ...news, name: "my-hub" }, settings(SUB_A)).inputs as Record<string, unknown>;
    expect(explicit.name).toBe("my-hub");
    expect(explicit.__autoNamed).toBeUndefined();
    const removed = checkHub(explicit, news, settings(SUB_A)).inputs as Record<string, unknown>;
    expect(removed.name).toMatch(/^telemetry-[a-z0-9]{7}$/);
    expect(removed.name).not.toBe(first.name);
  });

  it("puts authorization rights in canonical order so a reordering is no change", () => {
    const result = checkHub({}, { ...news, authorizationPolicies: [{ keyName: "p", rights: "serviceconnect,  RegistryRead" }] }, settings(SUB_A));
    expect((result.inputs as { authorizationPolicies: unknown }).authorizationPolicies).toEqual([{ keyName: "p", rights: "RegistryRead, ServiceConnect" }]);
  });
});
