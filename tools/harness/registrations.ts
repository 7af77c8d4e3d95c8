/**
 * Runs a program under `pulumi.runtime.setMocks` and hands every resource registration to an engine callback with
 * the *whole* RegisterResourceRequest the SDK built.
 *
 * Why not just `mocks.newResource`: in @pulumi/pulumi 3.248 `MockResourceArgs` carries only type, name, inputs
 * (already deserialized: unknowns turned into `undefined`, secrets unwrapped), provider, custom and id
 * (runtime/mocks.js `registerResource`). Resource options (additionalSecretOutputs, deleteBeforeReplace,
 * dependencies, parent) and the wire form of the inputs are only on the request. So after `setMocks` the harness
 * wraps the MockMonitor's `registerResource(req, callback)`: the request is stashed, and MockMonitor calls
 * `mocks.newResource(...)` synchronously on entry (first statement of its async method, before any await), where
 * the stash is taken back. The monitor's own URN/response logic stays the SDK's.
 */
import * as pulumi from "@pulumi/pulumi";
import type { RegisterResourceRequest } from "@pulumi/pulumi/proto/resource_pb";
import type { Json, PropertyMap } from "./marshal";

export interface Registration {
  urn: string;
  type: string;
  name: string;
  custom: boolean;
  parent: string;
  /** Inputs in wire form: unknowns as the sentinel, secrets wrapped (marshal.ts). `__provider` is the SDK's text. */
  inputs: PropertyMap;
  /** URNs this resource depends on (dependsOn + inputs' resources), as the SDK computed them. */
  dependencies: string[];
  options: {
    additionalSecretOutputs: string[];
    /** The `deleteBeforeReplace` resource option (the provider's Diff may also ask for it). */
    deleteBeforeReplace: boolean;
    protect: boolean;
    retainOnDelete: boolean;
    ignoreChanges: string[];
    replaceOnChanges: string[];
    importId: string;
  };
}

/** What the engine answers: id ("" when not known, as in preview) and outputs in wire form. */
export interface RegistrationResult {
  id: string;
  outputs: PropertyMap;
}

export type RegisterHandler = (r: Registration) => Promise<RegistrationResult>;

interface MonitorLike {
  registerResource(req: RegisterResourceRequest, callback: (err: unknown, res: unknown) => void): unknown;
}

// Internal SDK module: the monitor installed by setMocks (runtime/settings.js `getMonitor`, `waitForRPCs`).
const settings: { getMonitor(): MonitorLike | undefined; waitForRPCs(): Promise<void> } = require("@pulumi/pulumi/runtime/settings");

/** The URN MockMonitor gives the resource (runtime/mocks.js `newUrn`), so state keys match `resource.urn`. */
export function mockUrn(stack: string, project: string, parent: string, type: string, name: string): string {
  let t = type;
  if (parent) {
    const parentType = parent.split("::")[2].split("$").pop();
    t = `${parentType}$${type}`;
  }
  return `urn:pulumi:${stack}::${project}::${t}::${name}`;
}

export interface MockRunOptions {
  project: string;
  stack: string;
  organization?: string;
  preview: boolean;
  /** Stack config as the program sees it ("ns:key" → plain value) and which keys are secret. */
  config: Record<string, string>;
  secretConfigKeys: string[];
  register: RegisterHandler;
}

/** Installs the mocks for one engine step. Every step installs a fresh monitor, as every `pulumi up` is a new run. */
export async function installEngineMocks(o: MockRunOptions): Promise<void> {
  let pending: RegisterResourceRequest | undefined;
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        const req = pending;
        pending = undefined;
        if (!req || req.getType() !== args.type || req.getName() !== args.name) {
          throw new Error(`harness: ${args.type} ${args.name}: only registerResource is supported (no get/read of existing resources)`);
        }
        return o.register(toRegistration(o, req)).then((r) => ({ id: r.id, state: r.outputs }));
      },
      call: (args) => {
        throw new Error(`harness: invokes are not supported (${args.token})`);
      },
    },
    o.project,
    o.stack,
    o.preview,
    o.organization,
  );
  const monitor = settings.getMonitor();
  if (!monitor) throw new Error("harness: setMocks installed no monitor");
  const original = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req, callback) => {
    pending = req;
    return original(req, callback);
  };
  pulumi.runtime.setAllConfig(o.config, o.secretConfigKeys);
}

/** Resolves once every registration the program started has been answered (runtime/settings.js `waitForRPCs`). */
export function waitForRegistrations(): Promise<void> {
  return settings.waitForRPCs();
}

function toRegistration(o: MockRunOptions, req: RegisterResourceRequest): Registration {
  const parent = req.getParent();
  return {
    urn: mockUrn(o.stack, o.project, parent, req.getType(), req.getName()),
    type: req.getType(),
    name: req.getName(),
    custom: req.getCustom(),
    parent,
    inputs: (req.getObject()?.toJavaScript() ?? {}) as Record<string, Json>,
    dependencies: req.getDependenciesList(),
    options: {
      additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
      deleteBeforeReplace: req.getDeletebeforereplace(),
      protect: req.getProtect() ?? false,
      retainOnDelete: req.getRetainondelete() ?? false,
      ignoreChanges: req.getIgnorechangesList(),
      replaceOnChanges: req.getReplaceonchangesList(),
      importId: req.getImportid(),
    },
  };
}
