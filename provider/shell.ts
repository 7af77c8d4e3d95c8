import type * as pulumi from "@pulumi/pulumi";

/**
 * The provider objects handed to `pulumi.dynamic.Resource`. The SDK serializes them into every
 * resource's state (`__provider`), and delete/refresh later run that stored text, not the program's
 * current code (docs/PULUMI-DYNAMIC.md, "Serialization"). So they are thin shells: each method loads this
 * package's built runtime at call time and delegates. The stored text stays around a kilobyte,
 * nothing can be captured by accident (no credential, no client), and a fixed bug reaches stacks
 * created by older versions.
 */

/** What the runtime module (provider/runtime.ts) exports, as the shells see it. */
export interface RuntimeModule {
  configure(config: { get(key: string): string | undefined }): void;
  iotHub: ResourceMethods;
  consumerGroup: ResourceMethods;
}

export type ResourceMethods = Required<Omit<pulumi.dynamic.ResourceProvider, "configure">>;

/**
 * Loads the built runtime. The host evaluates the shell without a filename, so `require` looks in
 * `node_modules` from the host's cwd (the program's directory): that works wherever the program
 * depends on this package. In this repository's own project the package cannot find itself by name
 * (no self-reference without a filename), so it falls back to `<cwd>/dist/provider/runtime.js` when
 * the cwd is this package. Paths are computed here, at call time: a path captured at serialization
 * would tie the state to one machine.
 */
function loadRuntime(): RuntimeModule {
  const packageName = "pulumi-iothub";
  try {
    return require(`${packageName}/runtime`) as RuntimeModule;
  } catch (e) {
    const missing = (e as { code?: string }).code === "MODULE_NOT_FOUND" && String((e as Error).message).includes(`'${packageName}/runtime'`);
    if (!missing) throw e;
    const path = require("node:path") as typeof import("node:path");
    const fs = require("node:fs") as typeof import("node:fs");
    const manifest = path.join(process.cwd(), "package.json");
    const own = fs.existsSync(manifest) && JSON.parse(fs.readFileSync(manifest, "utf8")).name === packageName;
    if (!own) {
      throw new Error(
        `${packageName}: cannot load ${packageName}/runtime from ${process.cwd()}; add ${packageName} to the dependencies of the Pulumi program and run npm install`,
        { cause: e },
      );
    }
    return require(path.join(process.cwd(), "dist", "provider", "runtime.js")) as RuntimeModule;
  }
}

/** The shell for one resource kind; `kind` is the only value it captures. */
export function providerShell(kind: "iotHub" | "consumerGroup"): pulumi.dynamic.ResourceProvider {
  return {
    async configure(req) {
      loadRuntime().configure(req.config);
    },
    check: (olds, news) => loadRuntime()[kind].check(olds, news),
    diff: (id, olds, news) => loadRuntime()[kind].diff(id, olds, news),
    create: (inputs) => loadRuntime()[kind].create(inputs),
    read: (id, props) => loadRuntime()[kind].read(id, props),
    update: (id, olds, news) => loadRuntime()[kind].update(id, olds, news),
    delete: (id, props) => loadRuntime()[kind].delete(id, props),
  };
}
