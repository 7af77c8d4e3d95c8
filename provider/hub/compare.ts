import type { ArmIdentity, IotHubDescription } from "../arm";
import { isPlainObject, toPlain } from "../values";
import type { TypedSetting } from "./inputs";
import { PROPERTY_SETTINGS } from "./inputs";

/**
 * The one place that decides whether a typed hub setting as the program gives it and as Azure answers it are the
 * same (docs/IOTHUB-ARM.md, "Typed settings and their diffs"). Diff, the no-op check before a write, lost-update
 * detection and refresh's outputs all go through here, so they never disagree.
 *
 * What is not a difference:
 * - lists whose order carries no meaning, in another order: endpoints of each kind, routes, enrichments (by name or
 *   key), an enrichment's endpoint names, network rule set IP rules, allowed FQDNs, user-assigned identities. IP
 *   filter rules (`ipFilterRules`) are NOT among them: Azure applies them in order, first match wins;
 * - a connection string Azure answers masked (`SharedAccessKey=****`, `AccountKey=****`) that masks to the same text,
 *   and a secret it does not answer at all (a Cosmos DB key);
 * - enum values in other casing (`keyBased`/`KeyBased`, `Avro`/`avro`), identity types in another spelling
 *   (`SystemAssigned,UserAssigned`), resource ids in other casing;
 * - what the program never set and Azure filled in (an endpoint's id, a route's condition, the fallback route's
 *   name), and a boolean or list Azure omits while the program set its default (false, empty).
 */

type Raw = Record<string, unknown>;

/** Keys whose values are secrets: answered masked or not at all. */
const SECRET_KEYS = new Set(["connectionString", "primaryKey", "secondaryKey"]);
/** Keys whose values are enums: compared without case. */
const ENUM_KEYS = new Set(["authenticationType", "encoding", "source", "defaultAction", "action", "publicNetworkAccess", "type"]);
/** Keys whose values are ARM resource ids or host names: compared without case. */
const CASELESS_KEYS = new Set(["userAssignedIdentity", "userAssignedIdentities", "allowedFqdnList"]);
/** The boolean settings Azure may omit when false. */
const FALSE_WHEN_ABSENT = new Set(["enableFileUploadNotifications", "disableLocalAuth", "disableDeviceSAS", "disableModuleSAS", "restrictOutboundNetworkAccess"]);
const ENDPOINT_KINDS = ["eventHubs", "serviceBusQueues", "serviceBusTopics", "storageContainers", "cosmosDBSqlContainers"] as const;

/** A connection string with its keys hidden, as Azure answers it. */
export function maskSecret(text: string): string {
  return text.replace(/(SharedAccessKey|AccountKey)=[^;]*/gi, "$1=****");
}

function isMasked(value: unknown): boolean {
  return typeof value === "string" && value.includes("****");
}

/**
 * The paths (e.g. `routing.routes[to-storage].condition`) where the program's value differs from Azure's; empty when
 * they are the same. Only what the program gives counts (a subset comparison), as for the other managed fields.
 */
export function settingDifferences(field: TypedSetting, wanted: unknown, actual: unknown): string[] {
  if (wanted === undefined) return [];
  return differences(canonical(field, wanted, false), canonical(field, actual, true), field, field);
}

/**
 * The paths where a secret the program declares (a connection string, a Cosmos DB key) differs from the one recorded
 * in state. Azure never answers these in full (masked, or not at all), so comparing with Azure cannot see a new key;
 * state holds what was declared and sent (docs/IOTHUB-ARM.md, "Typed settings and their diffs"), so a key added, or a
 * real string pasted over an imported masked one, is a change against state, and must be written.
 */
export function declaredSecretChanges(field: TypedSetting, wanted: unknown, recorded: unknown): string[] {
  if (wanted === undefined) return [];
  return secretDifferences(canonical(field, wanted, false), canonical(field, recorded, false), field, field);
}

function secretDifferences(wanted: unknown, recorded: unknown, path: string, key: string): string[] {
  if (isPlainObject(wanted)) {
    const other = isPlainObject(recorded) ? recorded : {};
    return Object.entries(wanted).flatMap(([k, v]) => secretDifferences(v, other[k], `${path}.${k}`, k));
  }
  if (Array.isArray(wanted)) {
    const others = Array.isArray(recorded) ? recorded : [];
    return wanted.flatMap((w, i) => {
      const label = labelOf(w);
      const other = label === undefined ? others[i] : others.find((o) => labelOf(o)?.toLowerCase() === label.toLowerCase());
      return secretDifferences(w, other, `${path}[${label ?? i}]`, key);
    });
  }
  return SECRET_KEYS.has(key) && typeof wanted === "string" && wanted !== recorded ? [path] : [];
}

function differences(wanted: unknown, actual: unknown, path: string, key: string): string[] {
  if (wanted === undefined) return [];
  if (isPlainObject(wanted)) {
    const other = isPlainObject(actual) ? actual : {};
    return Object.entries(wanted).flatMap(([k, v]) => differences(v, other[k], `${path}.${k}`, k));
  }
  if (Array.isArray(wanted)) {
    if (!Array.isArray(actual) || actual.length !== wanted.length) return [path];
    return wanted.flatMap((w, i) => differences(w, actual[i], `${path}[${labelOf(w) ?? i}]`, key));
  }
  return sameLeaf(key, wanted, actual) ? [] : [path];
}

function sameLeaf(key: string, wanted: unknown, actual: unknown): boolean {
  if (SECRET_KEYS.has(key)) {
    if (actual === undefined || actual === null) return true; // not answered: nothing to compare
    if (isMasked(actual) && typeof wanted === "string") return maskSecret(wanted) === maskSecret(actual as string);
  }
  if ((ENUM_KEYS.has(key) || CASELESS_KEYS.has(key)) && typeof wanted === "string" && typeof actual === "string") {
    return wanted.toLowerCase() === actual.toLowerCase();
  }
  return wanted === actual;
}

function labelOf(item: unknown): string | undefined {
  if (!isPlainObject(item)) return undefined;
  const label = item.name ?? item.key ?? item.filterName;
  return typeof label === "string" ? label : undefined;
}

const byLabel = (a: unknown, b: unknown): number => String(labelOf(a) ?? "").toLowerCase().localeCompare(String(labelOf(b) ?? "").toLowerCase());
const byText = (a: unknown, b: unknown): number => String(a).toLowerCase().localeCompare(String(b).toLowerCase());

function sorted(list: unknown, compare: (a: unknown, b: unknown) => number): unknown {
  return Array.isArray(list) ? [...list].sort(compare) : list;
}

/** `SystemAssigned,UserAssigned` and `UserAssigned, SystemAssigned` are one type. */
function canonicalIdentityType(type: unknown): unknown {
  if (typeof type !== "string") return type;
  return type.split(",").map((t) => t.trim().toLowerCase()).filter((t) => t !== "").sort().join(", ");
}

/**
 * The value with meaningless order removed; with `fillDefaults` (Azure's side), what Azure leaves out replaced by
 * the default it stands for, so that a program that set the default sees no change.
 */
function canonical(field: TypedSetting, value: unknown, fillDefaults: boolean): unknown {
  if (value === undefined || value === null) {
    if (!fillDefaults) return value;
    if (FALSE_WHEN_ABSENT.has(field)) return false;
    if (field === "allowedFqdnList") return [];
    if (field === "publicNetworkAccess") return "Enabled";
    if (field === "identity") return { type: "none", userAssignedIdentities: [] };
    return value;
  }
  const copy = inMeaningfulOrder(field, toPlain(value));
  if (field === "identity" && isPlainObject(copy)) copy.type = canonicalIdentityType(copy.type);
  if (!fillDefaults || !isPlainObject(copy)) return copy;
  if (field === "networkRuleSets") copy.ipRules ??= [];
  if (field === "identity") copy.userAssignedIdentities ??= [];
  if (field === "routing") fillRoutingDefaults(copy);
  return copy;
}

/**
 * The lists whose order carries no meaning, sorted (by name, key or filter name; strings without case). Used for
 * comparing, and for the state, so that a refresh of a service answering in another order records nothing new.
 */
export function inMeaningfulOrder(field: string, value: unknown): unknown {
  if (field === "allowedFqdnList") return sorted(value, byText);
  if (!isPlainObject(value)) return value;
  if (field === "networkRuleSets") value.ipRules = sorted(value.ipRules, byLabel);
  if (field === "identity") value.userAssignedIdentities = sorted(value.userAssignedIdentities, byText);
  if (field === "routing") {
    if (isPlainObject(value.endpoints)) {
      const endpoints = value.endpoints;
      for (const kind of ENDPOINT_KINDS) if (endpoints[kind] !== undefined) endpoints[kind] = sorted(endpoints[kind], byLabel);
    }
    if (value.routes !== undefined) value.routes = sorted(value.routes, byLabel);
    if (Array.isArray(value.enrichments)) {
      value.enrichments = sorted(value.enrichments, byLabel);
      for (const e of value.enrichments as unknown[]) if (isPlainObject(e)) e.endpointNames = sorted(e.endpointNames, byText);
    }
  }
  return value;
}

function fillRoutingDefaults(routing: Raw): void {
  if (isPlainObject(routing.endpoints)) for (const kind of ENDPOINT_KINDS) routing.endpoints[kind] ??= [];
  routing.routes ??= [];
  routing.enrichments ??= [];
  for (const route of routing.routes as unknown[]) if (isPlainObject(route)) route.condition ??= "true";
  if (isPlainObject(routing.fallbackRoute)) {
    routing.fallbackRoute.name ??= "$fallback";
    routing.fallbackRoute.condition ??= "true";
    routing.fallbackRoute.source ??= "DeviceMessages";
  }
}

/**
 * A typed setting as Azure has it, in the shape of the program's input, for the state. A secret Azure answers
 * masked (or not at all) is replaced by the one `previous` (the inputs, or the state) declared when the masked
 * forms agree: a masked string must never overwrite the declared one in state. When they disagree (the endpoint
 * changed in Azure), the masked string is recorded, and shows as a change.
 */
export function observedSetting(field: TypedSetting, remote: IotHubDescription, previous: unknown): unknown {
  if (field === "identity") return inMeaningfulOrder(field, observedIdentity(remote.identity));
  const value = inMeaningfulOrder(field, toPlain((remote.properties ?? {})[field])) as unknown;
  if (value === null) return undefined;
  if (field === "routing" && isPlainObject(value) && isPlainObject(value.endpoints)) {
    const declared = isPlainObject(previous) && isPlainObject(previous.endpoints) ? previous.endpoints : {};
    for (const kind of ENDPOINT_KINDS) {
      const list = value.endpoints[kind];
      if (!Array.isArray(list)) continue;
      const declaredList = Array.isArray(declared[kind]) ? (declared[kind] as unknown[]) : [];
      for (const endpoint of list) {
        if (!isPlainObject(endpoint)) continue;
        const match = declaredList.find((d) => isPlainObject(d) && typeof d.name === "string" && typeof endpoint.name === "string" &&
          d.name.toLowerCase() === endpoint.name.toLowerCase());
        keepDeclaredSecrets(endpoint, match);
      }
    }
  }
  if (field === "storageEndpoints" && isPlainObject(value)) {
    for (const [key, endpoint] of Object.entries(value)) {
      if (isPlainObject(endpoint)) keepDeclaredSecrets(endpoint, isPlainObject(previous) ? previous[key] : undefined);
    }
  }
  return value;
}

function keepDeclaredSecrets(observed: Raw, declared: unknown): void {
  if (!isPlainObject(declared)) return;
  for (const key of SECRET_KEYS) {
    const mine = declared[key];
    if (typeof mine !== "string") continue;
    const theirs = observed[key];
    if (theirs === undefined || theirs === null || (isMasked(theirs) && maskSecret(mine) === maskSecret(theirs as string))) observed[key] = mine;
  }
}

/** The wire's map of user-assigned identities becomes the program's list of their ids. */
function observedIdentity(identity: ArmIdentity | undefined): unknown {
  if (identity === undefined) return undefined;
  const observed: Raw = { type: identity.type ?? "None" };
  const ids = Object.keys(identity.userAssignedIdentities ?? {});
  if (ids.length > 0) observed.userAssignedIdentities = ids;
  return observed;
}

/** The program's identity as the wire wants it: `{ type, userAssignedIdentities: { <id>: {} } }`. */
export function wireIdentity(identity: { type: string; userAssignedIdentities?: string[] }): ArmIdentity {
  const wire: ArmIdentity = { type: identity.type as ArmIdentity["type"] };
  if (identity.userAssignedIdentities !== undefined && identity.userAssignedIdentities.length > 0) {
    wire.userAssignedIdentities = Object.fromEntries(identity.userAssignedIdentities.map((id) => [id, {}]));
  }
  return wire;
}

export function isPropertySetting(field: string): boolean {
  return (PROPERTY_SETTINGS as readonly string[]).includes(field);
}
