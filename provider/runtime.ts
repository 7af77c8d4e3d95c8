/**
 * The provider logic the shells (shell.ts) load at call time, once per dynamic-provider host process.
 * Module-level state here (settings from configure, ARM clients, per-hub queues) lives in that
 * process only and is never serialized into state.
 */
import { createHash } from "node:crypto";
import type * as pulumi from "@pulumi/pulumi";
import { ArmClient, SubscriptionThrottle, defaultAzureCredential, staticTokenCredential } from "./arm";
import { checkConsumerGroup } from "./consumer-group/check";
import { diffConsumerGroup } from "./consumer-group/diff";
import type { ConsumerGroupInputs } from "./consumer-group/inputs";
import { createGroup, deleteGroup, readGroup, updateGroup } from "./consumer-group/lifecycle";
import { consumerGroupRemote } from "./consumer-group/arm-remote";
import { hubRemote } from "./hub/arm-remote";
import { checkHub } from "./hub/check";
import { diffHub } from "./hub/diff";
import type { HubInputs } from "./hub/inputs";
import { createHub, deleteHub, readHub, updateHub } from "./hub/lifecycle";
import type { ConfigSource, ProviderSettings } from "./settings";
import { pollingScheduleOf, requestTimeoutOf, resolveSettings, setStackConfig } from "./settings";
import type { ResourceMethods } from "./shell";
import { toPlain } from "./values";

type Values = Record<string, unknown>;

export function configure(config: ConfigSource): void {
  setStackConfig(config);
}

/** One client per endpoint, credential kind and schedule: a keep-alive pool shared by every resource of the run. */
const clients = new Map<string, ArmClient>();
/** One request budget per subscription for the whole process, whichever client a request goes through. */
const throttle = new SubscriptionThrottle();

function armClient(settings: ProviderSettings): ArmClient {
  // A static token is part of the key (hashed: the key is not a second copy of the secret), so a process whose config
  // changes token never reuses a client made with the old one.
  const credentialKey = settings.accessToken === undefined ? "default" : `static:${createHash("sha256").update(settings.accessToken).digest("hex")}`;
  const key = `${settings.armEndpoint} ${credentialKey} ${settings.pollingSchedule ?? ""} ${settings.requestTimeout ?? ""}`;
  let client = clients.get(key);
  if (client === undefined) {
    const credential =
      settings.accessToken === undefined
        ? defaultAzureCredential()
        : staticTokenCredential(settings.accessToken, settings.armEndpoint);
    client = new ArmClient({
      endpoint: settings.armEndpoint,
      credential,
      pollingScheduleInMs: pollingScheduleOf(settings),
      responseTimeoutInMs: requestTimeoutOf(settings),
      throttle,
    });
    clients.set(key, client);
  }
  return client;
}

function hubFor(values: Values) {
  return hubRemote(armClient(resolveSettings()), {
    subscriptionId: String(values.subscriptionId),
    resourceGroup: String(values.resourceGroupName),
    name: String(values.name),
    apiVersion: values.apiVersion as HubInputs["apiVersion"],
  });
}

function consumerGroupFor(values: Values) {
  return consumerGroupRemote(armClient(resolveSettings()), {
    hub: {
      subscriptionId: String(values.subscriptionId),
      resourceGroup: String(values.resourceGroupName),
      name: String(values.hubName),
      apiVersion: values.apiVersion as ConsumerGroupInputs["apiVersion"],
    },
    eventHubEndpointName: String(values.eventHubEndpointName),
    name: String(values.name),
  });
}

/**
 * check results cross the gRPC boundary too: no undefined inside
 * (docs/PULUMI-DYNAMIC.md, "How the engine runs a dynamic provider").
 */
function plainCheck(result: pulumi.dynamic.CheckResult): pulumi.dynamic.CheckResult {
  return toPlain(result);
}

export const iotHub: ResourceMethods = {
  check: async (olds, news) => plainCheck(checkHub(olds, news, resolveSettings())),
  diff: async (_id, olds, news) => diffHub(olds, news),
  create: async (inputs) => createHub(inputs as HubInputs, hubFor(inputs)),
  read: async (id, props) => readHub(id, props, hubFor(props)),
  update: async (_id, olds, news) => updateHub(olds, news as HubInputs, hubFor(news)),
  delete: async (_id, props) => deleteHub(props, hubFor(props)),
};

export const consumerGroup: ResourceMethods = {
  check: async (olds, news) => plainCheck(checkConsumerGroup(olds, news, resolveSettings())),
  diff: async (_id, olds, news) => diffConsumerGroup(olds, news),
  create: async (inputs) => createGroup(inputs as ConsumerGroupInputs, consumerGroupFor(inputs)),
  read: async (id, props) => readGroup(id, props, consumerGroupFor(props)),
  update: async (id, _olds, news) => updateGroup(id, news as ConsumerGroupInputs, consumerGroupFor(news)),
  delete: async (_id, props) => deleteGroup(props, consumerGroupFor(props)),
};
