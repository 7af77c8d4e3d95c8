/**
 * Stack config in the three forms it takes: as given to the harness (`"ns:key"` → value or `{ secret }`), as the
 * program reads it (plain values + the list of secret keys, `pulumi.runtime.setAllConfig`), and as the engine sends
 * it in Configure (namespaced keys, secrets still wrapped; the host unwraps them: cmd/dynamic-provider/index.js).
 */
import { secretValue, type Json } from "./marshal";

export type StackConfig = Record<string, string | { secret: string }>;

export interface ProgramConfig {
  values: Record<string, string>;
  secretKeys: string[];
}

export function namespacedKey(key: string, project: string): string {
  return key.includes(":") ? key : `${project}:${key}`;
}

export function programConfig(config: StackConfig, project: string): ProgramConfig {
  const values: Record<string, string> = {};
  const secretKeys: string[] = [];
  for (const [k, v] of Object.entries(config)) {
    const key = namespacedKey(k, project);
    if (typeof v === "string") {
      values[key] = v;
    } else {
      values[key] = v.secret;
      secretKeys.push(key);
    }
  }
  return { values, secretKeys };
}

export function configureArgs(config: StackConfig, project: string): Record<string, Json> {
  const args: Record<string, Json> = {};
  for (const [k, v] of Object.entries(config)) {
    args[namespacedKey(k, project)] = typeof v === "string" ? v : secretValue(v.secret);
  }
  return args;
}
