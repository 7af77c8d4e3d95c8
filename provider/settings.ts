/**
 * Provider settings: stack config first, then the usual Azure environment variables.
 *
 * The engine gives stack config to provider plugins only through Configure, which the host turns into
 * `configure({ config })` on the provider object (docs/PULUMI-DYNAMIC.md, "Configuration": `new pulumi.Config()`
 * does not see it inside provider methods). The shell forwards it here; it lives in this module, once per
 * host process, and is never serialized into state.
 */
import { ARM_ENDPOINTS } from "./arm/endpoints";

export interface ConfigSource {
  get(key: string): string | undefined;
}

export interface ProviderSettings {
  /** Default subscription for resources that do not name one. */
  subscriptionId?: string;
  /** ARM base URL without trailing slash. */
  armEndpoint: string;
  /** A static bearer token (the emulator's); when absent, DefaultAzureCredential is used. */
  accessToken?: string;
  /**
   * Waits between status polls, as given (`iothub:pollingScheduleMs`, e.g. "200,500,1000"); parsed by
   * pollingScheduleOf. Absent: the ARM client's default, tuned for the real service's durations.
   */
  pollingSchedule?: string;
  /**
   * Time allowed for one request's answer, as given (`iothub:requestTimeoutMs`); parsed by requestTimeoutOf. Absent:
   * the ARM client's default (RESPONSE_TIMEOUT_IN_MS, two minutes).
   */
  requestTimeout?: string;
}

/** Stack config keys, namespace `iothub`. */
export const CONFIG_KEYS = {
  subscriptionId: "iothub:subscriptionId",
  armEndpoint: "iothub:armEndpoint",
  cloud: "iothub:cloud",
  accessToken: "iothub:accessToken",
  pollingSchedule: "iothub:pollingScheduleMs",
  requestTimeout: "iothub:requestTimeoutMs",
} as const;

/** The clouds' ARM endpoints (provider/arm/endpoints.ts), by the names azure-native and Terraform use for ARM_ENVIRONMENT too. */
export const CLOUD_NAMES: Record<string, keyof typeof ARM_ENDPOINTS> = {
  public: "public",
  azurecloud: "public",
  china: "china",
  azurechinacloud: "china",
  usgovernment: "usgovernment",
  azureusgovernment: "usgovernment",
};

let stackConfig: ConfigSource | undefined;

export function setStackConfig(config: ConfigSource): void {
  stackConfig = config;
}

/**
 * The settings from `config` (default: the stack config given to configure(); the Pulumi functions pass the program's
 * own stack config, the CLI its flags), then the environment.
 */
export function resolveSettings(env: NodeJS.ProcessEnv = process.env, config: ConfigSource | undefined = stackConfig): ProviderSettings {
  const fromConfig = (key: string): string | undefined => nonEmpty(config?.get(key));
  const cloud = fromConfig(CONFIG_KEYS.cloud) ?? nonEmpty(env.ARM_ENVIRONMENT) ?? nonEmpty(env.AZURE_ENVIRONMENT);
  let armEndpoint = fromConfig(CONFIG_KEYS.armEndpoint) ?? nonEmpty(env.IOTHUB_ARM_ENDPOINT);
  if (armEndpoint === undefined && cloud !== undefined) {
    const known = CLOUD_NAMES[cloud.toLowerCase()];
    armEndpoint = known === undefined ? undefined : ARM_ENDPOINTS[known];
    if (armEndpoint === undefined) {
      throw new Error(
        `${CONFIG_KEYS.cloud}: must be one of public, china, usgovernment (or set ${CONFIG_KEYS.armEndpoint}); got "${cloud}"`,
      );
    }
  }
  return {
    subscriptionId:
      fromConfig(CONFIG_KEYS.subscriptionId) ?? nonEmpty(env.AZURE_SUBSCRIPTION_ID) ?? nonEmpty(env.ARM_SUBSCRIPTION_ID),
    armEndpoint: (armEndpoint ?? ARM_ENDPOINTS.public).replace(/\/+$/, ""),
    accessToken: fromConfig(CONFIG_KEYS.accessToken) ?? nonEmpty(env.IOTHUB_ACCESS_TOKEN),
    pollingSchedule: fromConfig(CONFIG_KEYS.pollingSchedule) ?? nonEmpty(env.IOTHUB_POLLING_SCHEDULE_MS),
    requestTimeout: fromConfig(CONFIG_KEYS.requestTimeout) ?? nonEmpty(env.IOTHUB_REQUEST_TIMEOUT_MS),
  };
}

/** Bounds of one polling wait: below the floor a poll loop only burns the subscription's read budget. */
export const POLLING_WAIT_MIN_MS = 10;
export const POLLING_WAIT_MAX_MS = 60_000;
export const POLLING_SCHEDULE_RULE =
  `must be a comma-separated list of whole milliseconds from ${POLLING_WAIT_MIN_MS} to ${POLLING_WAIT_MAX_MS} (the last one repeats)`;

/**
 * The polling schedule of the settings, or undefined for the default. A run against the emulator, whose operations
 * take milliseconds, can poll as fast as it answers; against Azure the default is the right choice
 * (docs/RELIABILITY.md, "Polling"). Throws with POLLING_SCHEDULE_RULE on a bad value (check() reports it first).
 */
export function pollingScheduleOf(settings: ProviderSettings): number[] | undefined {
  if (settings.pollingSchedule === undefined) return undefined;
  const waits = settings.pollingSchedule.split(",").map((part) => Number(part.trim()));
  if (waits.length === 0 || waits.some((ms) => !Number.isInteger(ms) || ms < POLLING_WAIT_MIN_MS || ms > POLLING_WAIT_MAX_MS)) {
    throw new Error(`${CONFIG_KEYS.pollingSchedule}: ${POLLING_SCHEDULE_RULE}; got ${JSON.stringify(settings.pollingSchedule)}`);
  }
  return waits;
}

/** Bounds of the per-request timeout: below the floor a healthy answer would time out; above, a hang stalls a run. */
export const REQUEST_TIMEOUT_MIN_MS = 100;
export const REQUEST_TIMEOUT_MAX_MS = 600_000;
export const REQUEST_TIMEOUT_RULE = `must be a whole number of milliseconds from ${REQUEST_TIMEOUT_MIN_MS} to ${REQUEST_TIMEOUT_MAX_MS}`;

/**
 * The per-request timeout of the settings, or undefined for the default (docs/RELIABILITY.md, "Polling"): how long one
 * request may go unanswered before it is retried as a dropped connection would be. Against Azure leave it unset;
 * against the emulator a short one lets a test see a hung answer retried in a second. Throws with REQUEST_TIMEOUT_RULE
 * on a bad value (check() reports it first).
 */
export function requestTimeoutOf(settings: ProviderSettings): number | undefined {
  if (settings.requestTimeout === undefined) return undefined;
  const ms = Number(settings.requestTimeout);
  if (!Number.isInteger(ms) || ms < REQUEST_TIMEOUT_MIN_MS || ms > REQUEST_TIMEOUT_MAX_MS) {
    throw new Error(`${CONFIG_KEYS.requestTimeout}: ${REQUEST_TIMEOUT_RULE}; got ${JSON.stringify(settings.requestTimeout)}`);
  }
  return ms;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value.trim();
}
