/**
 * A typed, promise-based client for the ResourceProvider gRPC service of one dynamic-provider host, sending
 * requests shaped as the engine sends them (pulumi/pulumi pkg/resource/plugin/provider_plugin.go): Diff and Update
 * get the old *outputs* as `olds` plus `oldInputs`, Check gets the old *inputs*, Delete and Read get the outputs.
 * Values must already be in the host's form (see marshal.ts `forHost`).
 */
import * as grpc from "@grpc/grpc-js";
import * as provgrpc from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import type { JavaScriptValue } from "google-protobuf/google/protobuf/struct_pb";
import type { Json, PropertyMap } from "./marshal";
import { decodePartialFailure, type PartialFailure } from "./partial-failure";

export type DiffChanges = "unknown" | "none" | "some";

export interface ResourceRef {
  urn: string;
  type: string;
  name: string;
}

export interface CheckResult {
  inputs: PropertyMap;
  failures: { property: string; reason: string }[];
}
export interface DiffResult {
  changes: DiffChanges;
  replaces: string[];
  deleteBeforeReplace: boolean;
}
export interface ReadResult {
  /** "" when the provider reported the resource gone. */
  id: string;
  properties: PropertyMap;
  inputs?: PropertyMap;
}
export interface ConfigureResult {
  acceptSecrets: boolean;
  acceptResources: boolean;
  supportsPreview: boolean;
}

/** A failed provider call: the gRPC status plus a decoded partial failure, if the host sent one. */
export class ProviderCallError extends Error {
  override readonly name = "ProviderCallError";
  constructor(
    readonly method: string,
    readonly urn: string,
    readonly grpcCode: number,
    readonly details: string,
    readonly partial?: PartialFailure,
  ) {
    super(`${method} ${urn}: ${details}`);
  }
}

export function isProviderCallError(e: unknown): e is ProviderCallError {
  return e instanceof Error && e.name === "ProviderCallError";
}

const DIFF_CHANGES: Record<number, DiffChanges> = {
  [provproto.DiffResponse.DiffChanges.DIFF_UNKNOWN]: "unknown",
  [provproto.DiffResponse.DiffChanges.DIFF_NONE]: "none",
  [provproto.DiffResponse.DiffChanges.DIFF_SOME]: "some",
};

function struct(m: PropertyMap): Struct {
  // Struct.fromJavaScript throws "Unexpected struct type." on undefined, the same check the host applies to outs.
  return Struct.fromJavaScript(m as Record<string, JavaScriptValue>);
}

function props(s: Struct | undefined): PropertyMap {
  return (s?.toJavaScript() ?? {}) as PropertyMap;
}

type Callback<Res> = (err: grpc.ServiceError | null, res: Res) => void;

export class ProviderClient {
  private readonly client: provgrpc.ResourceProviderClient;

  constructor(address: string) {
    this.client = new provgrpc.ResourceProviderClient(address, grpc.credentials.createInsecure());
  }

  close(): void {
    this.client.close();
  }

  /**
   * Stack config as the engine sends it: every key namespaced ("project:key"), secrets still wrapped (the engine
   * does not yet know whether the provider accepts secrets; the host unwraps them itself).
   */
  async configure(args: Record<string, Json>): Promise<ConfigureResult> {
    const req = new provproto.ConfigureRequest();
    // The engine also fills the legacy `variables` map; the dynamic-provider host reads only `args`.
    req.setArgs(struct(args));
    req.setAcceptsecrets(true);
    req.setAcceptresources(true);
    const res = await this.call<provproto.ConfigureResponse>("Configure", "", (cb) => this.client.configure(req, cb));
    return {
      acceptSecrets: res.getAcceptsecrets(),
      acceptResources: res.getAcceptresources(),
      supportsPreview: res.getSupportspreview(),
    };
  }

  async check(r: ResourceRef, olds: PropertyMap, news: PropertyMap): Promise<CheckResult> {
    const req = new provproto.CheckRequest();
    req.setUrn(r.urn).setName(r.name).setType(r.type).setOlds(struct(olds)).setNews(struct(news));
    const res = await this.call<provproto.CheckResponse>("Check", r.urn, (cb) => this.client.check(req, cb));
    return {
      inputs: props(res.getInputs()),
      failures: res.getFailuresList().map((f) => ({ property: f.getProperty(), reason: f.getReason() })),
    };
  }

  async diff(r: ResourceRef, id: string, oldOutputs: PropertyMap, oldInputs: PropertyMap, news: PropertyMap): Promise<DiffResult> {
    const req = new provproto.DiffRequest();
    req.setUrn(r.urn).setName(r.name).setType(r.type).setId(id);
    req.setOlds(struct(oldOutputs)).setOldInputs(struct(oldInputs)).setNews(struct(news));
    const res = await this.call<provproto.DiffResponse>("Diff", r.urn, (cb) => this.client.diff(req, cb));
    return {
      changes: DIFF_CHANGES[res.getChanges()] ?? "unknown",
      replaces: res.getReplacesList(),
      deleteBeforeReplace: res.getDeletebeforereplace(),
    };
  }

  async create(r: ResourceRef, properties: PropertyMap): Promise<{ id: string; properties: PropertyMap }> {
    const req = new provproto.CreateRequest();
    req.setUrn(r.urn).setName(r.name).setType(r.type).setProperties(struct(properties));
    const res = await this.call<provproto.CreateResponse>("Create", r.urn, (cb) => this.client.create(req, cb));
    return { id: res.getId(), properties: props(res.getProperties()) };
  }

  async read(r: ResourceRef, id: string, properties: PropertyMap, inputs: PropertyMap): Promise<ReadResult> {
    const req = new provproto.ReadRequest();
    req.setUrn(r.urn).setName(r.name).setType(r.type).setId(id);
    req.setProperties(struct(properties)).setInputs(struct(inputs));
    const res = await this.call<provproto.ReadResponse>("Read", r.urn, (cb) => this.client.read(req, cb));
    const inputsOut = res.getInputs();
    return { id: res.getId(), properties: props(res.getProperties()), inputs: inputsOut ? props(inputsOut) : undefined };
  }

  async update(r: ResourceRef, id: string, oldOutputs: PropertyMap, oldInputs: PropertyMap, news: PropertyMap): Promise<PropertyMap> {
    const req = new provproto.UpdateRequest();
    req.setUrn(r.urn).setName(r.name).setType(r.type).setId(id);
    req.setOlds(struct(oldOutputs)).setOldInputs(struct(oldInputs)).setNews(struct(news));
    const res = await this.call<provproto.UpdateResponse>("Update", r.urn, (cb) => this.client.update(req, cb));
    return props(res.getProperties());
  }

  async delete(r: ResourceRef, id: string, outputs: PropertyMap, oldInputs: PropertyMap): Promise<void> {
    const req = new provproto.DeleteRequest();
    req.setUrn(r.urn).setName(r.name).setType(r.type).setId(id);
    req.setProperties(struct(outputs)).setOldInputs(struct(oldInputs));
    await this.call<unknown>("Delete", r.urn, (cb) => this.client.delete(req, cb));
  }

  private call<Res>(method: string, urn: string, send: (callback: Callback<Res>) => unknown): Promise<Res> {
    return new Promise<Res>((resolve, reject) => {
      send((err, res) => {
        if (err) {
          reject(new ProviderCallError(method, urn, err.code, err.details || err.message, decodePartialFailure(err.metadata)));
        } else {
          resolve(res);
        }
      });
    });
  }
}
