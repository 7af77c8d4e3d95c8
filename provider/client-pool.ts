/**
 * One ARM client per endpoint, credential kind, polling schedule and request timeout, per process: a keep-alive pool shared by every
 * resource of a provider host, and by every function call of a program or a CLI run. The resources' runtime
 * (runtime.ts), the Pulumi functions (functions/) and the `iothub` CLI (cli/) all build their clients here, so they
 * speak to Azure the same way: same credential chain, endpoint rules, retries and errors.
 */
import { createHash } from "node:crypto";
import { ArmClient, SubscriptionThrottle, defaultAzureCredential, staticTokenCredential } from "./arm";
import type { ProviderSettings } from "./settings";
import { pollingScheduleOf, requestTimeoutOf } from "./settings";

const clients = new Map<string, ArmClient>();
/** One request budget per subscription for the whole process, whichever client a request goes through. */
const throttle = new SubscriptionThrottle();

export function armClientFor(settings: ProviderSettings): ArmClient {
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

/** Closes every pooled client (their keep-alive connections), so a short-lived process such as the CLI can end. */
export async function closeArmClients(): Promise<void> {
  const open = [...clients.values()];
  clients.clear();
  await Promise.all(open.map((c) => c.close()));
}
