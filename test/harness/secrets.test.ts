/**
 * Secrets as the engine handles them for a host that declares acceptSecrets = false: secret config reaches
 * `configure` as a plain value, secret inputs reach the provider unwrapped, and the state keeps secret inputs,
 * their same-named outputs and `additionalSecretOutputs` as ciphertext (docs/PULUMI-DYNAMIC.md, "Secrets").
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { ok, Stack } from "../../tools/harness";
import { readStore, Toy } from "./fixtures/toy-provider";
import { DynamicResource } from "./fixtures/dynamic";
import { tempDir } from "./fixtures/tmp";

const dir = tempDir("harness-secrets");
const store = path.join(dir, "store.json");
const stack = new Stack({
  env: { TOY_STORE: store },
  config: { "toy:apiKey": { secret: "config-secret-7731" }, "toy:region": "north" },
});

afterAll(async () => {
  await stack.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

test("secret config reaches configure as a plain value, namespaced, and the program sees it as a secret", async () => {
  let apiKey: pulumi.Output<string> | undefined;
  ok(await stack.up(() => {
    apiKey = new pulumi.Config("toy").requireSecret("apiKey");
    new Toy("a", { value: "plain" });
  }));

  expect(readStore(store).configuredApiKey).toBe("config-secret-7731");
  expect(await pulumi.isSecret(apiKey!)).toBe(true);
});

test("secret inputs and additionalSecretOutputs are stored as ciphertext, never plaintext", async () => {
  let toy: Toy | undefined;
  const result = ok(await stack.up(() => {
    toy = new Toy("a", { value: pulumi.secret("input-secret-4410") }, { additionalSecretOutputs: ["token"] });
    return { token: toy.token };
  }));

  // The provider got plain values (the host does not accept secrets).
  const update = readStore(store).calls.find((c) => c.method === "update");
  expect(update?.news?.value).toBe("input-secret-4410");

  const [a] = stack.resources();
  expect(a.secretInputs).toEqual(["value"]);
  expect(a.secretOutputs).toEqual(["token", "value"]);
  expect(a.outputs.token).toBe("token-of-toy-1-v2"); // plain in memory, for assertions

  const text = stack.serializedState();
  expect(text).not.toContain("input-secret-4410");
  expect(text).not.toContain("token-of-toy-1");
  expect(text).toContain("ciphertext");

  // The program sees the outputs as secrets too.
  expect(await pulumi.isSecret(toy!.token)).toBe(true);
  expect(await pulumi.isSecret(toy!.value)).toBe(true);
  expect(result.outputs.token).toBe("token-of-toy-1-v2");
});

test("a value captured by the provider is stored in plaintext: the state text shows it", async () => {
  const credential = { key: "captured-credential-9902" };
  const leaky: pulumi.dynamic.ResourceProvider = {
    async create() {
      return { id: `leaky-${credential.key.length}`, outs: {} };
    },
  };
  ok(await stack.up(() => {
    new DynamicResource(leaky, "leaky", {});
  }));
  // A captured plain credential object is in `__provider`, not marked secret (docs/PULUMI-DYNAMIC.md, "Serialization").
  expect(stack.serializedState()).toContain("captured-credential-9902");
  await stack.destroy();
});
