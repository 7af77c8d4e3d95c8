/**
 * Provider settings: stack config first, then the usual Azure environment variables.
 *
 * The engine gives stack config to provider plugins only through Configure, which the host turns into
 * `configure({ config })` on the provider object (PULUMI-DYNAMIC-NOTES.md: `new pulumi.Config()` does
 * not see it inside provider methods). The shell forwards it here; it lives in this module, once per
 * host process, and is never serialized into state.
 */
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
}

/** Stack config keys, namespace `iothub`. */
export const CONFIG_KEYS = {
  subscriptionId: "iothub:subscriptionId",
  armEndpoint: "iothub:armEndpoint",
  cloud: "iothub:cloud",
  accessToken: "iothub:accessToken",
} as const;

/** ARM endpoints of the Azure clouds, by the names azure-native and Terraform use for ARM_ENVIRONMENT. */
export const CLOUD_ARM_ENDPOINTS: Record<string, string> = {
  public: "https://management.azure.com",
  azurecloud: "https://management.azure.com",
  china: "https://management.chinacloudapi.cn",
  azurechinacloud: "https://management.chinacloudapi.cn",
  usgovernment: "https://management.usgovcloudapi.net",
  azureusgovernment: "https://management.usgovcloudapi.net",
};

let stackConfig: ConfigSource | undefined;

export function configure(config: ConfigSource): void {
  stackConfig = config;
}

export function resolveSettings(env: NodeJS.ProcessEnv = process.env): ProviderSettings {
  const fromConfig = (key: string): string | undefined => nonEmpty(stackConfig?.get(key));
  const cloud = fromConfig(CONFIG_KEYS.cloud) ?? nonEmpty(env.ARM_ENVIRONMENT) ?? nonEmpty(env.AZURE_ENVIRONMENT);
  let armEndpoint = fromConfig(CONFIG_KEYS.armEndpoint) ?? nonEmpty(env.IOTHUB_ARM_ENDPOINT);
  if (armEndpoint === undefined && cloud !== undefined) {
    armEndpoint = CLOUD_ARM_ENDPOINTS[cloud.toLowerCase()];
    if (armEndpoint === undefined) {
      throw new Error(
        `${CONFIG_KEYS.cloud}: must be one of public, china, usgovernment (or set ${CONFIG_KEYS.armEndpoint}); got "${cloud}"`,
      );
    }
  }
  return {
    subscriptionId:
      fromConfig(CONFIG_KEYS.subscriptionId) ?? nonEmpty(env.AZURE_SUBSCRIPTION_ID) ?? nonEmpty(env.ARM_SUBSCRIPTION_ID),
    armEndpoint: (armEndpoint ?? CLOUD_ARM_ENDPOINTS.public).replace(/\/+$/, ""),
    accessToken: fromConfig(CONFIG_KEYS.accessToken) ?? nonEmpty(env.IOTHUB_ACCESS_TOKEN),
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value.trim();
}
