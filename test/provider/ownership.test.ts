/**
 * The pieces that make an interrupted create find its own hub (docs/RELIABILITY.md, "An interrupted create"):
 * names derived from the owner, the ownership tag on create, kept on update, hidden from diffs, refused in `tags`.
 */
import { checkHub } from "../../provider/hub/check";
import { createBody, updateBody } from "../../provider/hub/body";
import { observedManaged } from "../../provider/hub/outputs";
import type { HubInputs } from "../../provider/hub/inputs";
import { autoName } from "../../provider/names";
import { OWNER_TAG, ownedBy, ownerTagValue } from "../../provider/ownership";

const settings = { armEndpoint: "http://127.0.0.1:1", subscriptionId: "00000000-0000-0000-0000-00000000000a" };
const OWNER = "organization/project/dev/telemetry";
const news = { resourceGroupName: "rg", location: "westeurope", sku: { name: "S1" }, __autoNamePrefix: "telemetry", __owner: OWNER };
const inputs = (extra: Partial<HubInputs> = {}): HubInputs => ({
  subscriptionId: settings.subscriptionId, resourceGroupName: "rg", name: "hub", location: "westeurope", sku: { name: "S1" },
  apiVersion: "2023-06-30", __owner: OWNER, ...extra,
});

describe("derived names", () => {
  it("the same owner always derives the same name, and another stack or resource another one", () => {
    const options = { maxLength: 50, allowed: /[a-z0-9-]/, fallback: "iothub" };
    const name = autoName("telemetry", { ...options, seed: OWNER });
    expect(name).toMatch(/^telemetry-[a-z0-9]{7}$/);
    expect(autoName("telemetry", { ...options, seed: OWNER })).toBe(name);
    expect(autoName("telemetry", { ...options, seed: "organization/project/prod/telemetry" })).not.toBe(name);
    expect(autoName("telemetry", { ...options, seed: "organization/project/dev/telemetry2" })).not.toBe(name);
  });

  it("check derives the hub's default name from the owner: a create from scratch asks for the same hub", () => {
    const first = checkHub({}, news, settings).inputs as Record<string, unknown>;
    const again = checkHub({}, news, settings).inputs as Record<string, unknown>;
    expect(first.name).toMatch(/^telemetry-[a-z0-9]{7}$/);
    expect(again.name).toBe(first.name);
  });

  it("a name recorded in state is kept, whatever suffix it has", () => {
    const olds = { ...news, name: "telemetry-random1", __autoNamed: true };
    expect((checkHub(olds, news, settings).inputs as Record<string, unknown>).name).toBe("telemetry-random1");
  });
});

describe("the ownership tag", () => {
  it("is added at create, beside the program's tags", () => {
    expect(createBody(inputs({ tags: { env: "dev" } })).tags).toEqual({ env: "dev", [OWNER_TAG]: OWNER });
    expect(createBody(inputs({ __owner: undefined })).tags).toEqual({});
  });

  it("is kept by an update that replaces the program's tags, and not added to a hub that lacks it", () => {
    const remote = { name: "hub", location: "westeurope", sku: { name: "S1" }, tags: { env: "old", [OWNER_TAG]: OWNER }, properties: {} };
    expect(updateBody(inputs({ tags: { env: "new" } }), remote, []).tags).toEqual({ env: "new", [OWNER_TAG]: OWNER });
    const adopted = { ...remote, tags: { env: "old" } };
    expect(updateBody(inputs({ tags: { env: "new" } }), adopted, []).tags).toEqual({ env: "new" });
  });

  it("is never part of the tags a refresh or a diff sees", () => {
    const remote = { tags: { env: "dev", [OWNER_TAG]: OWNER }, properties: {} };
    expect(observedManaged(remote, [], ["tags"], []).tags).toEqual({ env: "dev" });
  });

  it("tells this resource's hub from anyone else's, with tag names compared without case", () => {
    expect(ownedBy({ [OWNER_TAG.toUpperCase()]: OWNER }, OWNER)).toBe(true);
    expect(ownedBy({ [OWNER_TAG]: "organization/project/dev/other" }, OWNER)).toBe(false);
    expect(ownedBy({ env: "dev" }, OWNER)).toBe(false);
    expect(ownedBy({ [OWNER_TAG]: OWNER }, undefined)).toBe(false);
  });

  it("holds a hash when the owner is longer than a tag value may be (256 characters)", () => {
    const long = `organization/project/dev/${"x".repeat(300)}`;
    expect(ownerTagValue(long)).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(ownedBy({ [OWNER_TAG]: ownerTagValue(long) }, long)).toBe(true);
  });

  it("cannot be set in tags, and tags hold at most 49 entries, before any API call", () => {
    const own = checkHub({}, { ...news, tags: { [OWNER_TAG]: "x" } }, settings).failures ?? [];
    expect(own).toEqual([expect.objectContaining({ property: `tags.${OWNER_TAG}`, reason: expect.stringMatching(/ownership tag and cannot be set/) })]);
    const many = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`t${i}`, "v"]));
    const tooMany = checkHub({}, { ...news, tags: many }, settings).failures ?? [];
    expect(tooMany).toEqual([expect.objectContaining({ property: "tags", reason: expect.stringMatching(/at most 49 tags.*50 tags/) })]);
    expect(checkHub({}, { ...news, tags: Object.fromEntries(Object.entries(many).slice(0, 49)) }, settings).failures ?? []).toEqual([]);
  });
});
