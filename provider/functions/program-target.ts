/**
 * The target of a function called in a Pulumi program: the settings come from the program's own stack config
 * (`iothub:*`), then the Azure environment — the same keys and variables the resources read, so a function and a
 * resource of one program reach the same subscription the same way.
 */
import * as pulumi from "@pulumi/pulumi";
import type { ConfigSource } from "../settings";
import { resolveSettings } from "../settings";
import type { FunctionTarget } from "./target";
import { targetFor } from "./target";

/** The program's stack config as a ConfigSource: `iothub:armEndpoint` → `new pulumi.Config("iothub").get("armEndpoint")`. */
const programConfig: ConfigSource = {
  get(key) {
    const colon = key.indexOf(":");
    return new pulumi.Config(key.slice(0, colon)).get(key.slice(colon + 1));
  },
};

export function programTarget(): FunctionTarget {
  return targetFor(resolveSettings(process.env, programConfig));
}

/** `pulumi.Input`s of an argument object, for the `…Output` forms. */
export type InputsOf<T> = { [K in keyof T]: pulumi.Input<T[K]> };
