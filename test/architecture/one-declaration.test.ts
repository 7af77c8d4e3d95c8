/**
 * One model of the wire: every exported name of the package is declared in one file only, and the objects the
 * service speaks are declared in provider/arm/iothub/types.ts and nowhere else (docs/ARCHITECTURE.md §2).
 */
import * as fs from "node:fs";
import * as path from "node:path";

const PROVIDER = path.resolve(__dirname, "..", "..", "provider");
const WIRE_TYPES = path.join(PROVIDER, "arm", "iothub", "types.ts");

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith(".ts") ? [full] : [];
  });
}

/** `export interface X`, `export type X =`, `export class X`, `export const X`, `export function X`, `export enum X`. */
function declaredNames(file: string): string[] {
  const text = fs.readFileSync(file, "utf8");
  const pattern = /^export\s+(?:declare\s+)?(?:abstract\s+)?(?:interface|type|class|const|let|function\*?|async\s+function|enum)\s+([A-Za-z_$][\w$]*)/gm;
  return [...text.matchAll(pattern)].map((m) => m[1]);
}

const files = sourceFiles(PROVIDER);

test("no exported name is declared in two files of the package", () => {
  const where = new Map<string, string[]>();
  for (const file of files) {
    for (const name of declaredNames(file)) where.set(name, [...(where.get(name) ?? []), path.relative(PROVIDER, file)]);
  }
  const twice = [...where].filter(([, places]) => places.length > 1).map(([name, places]) => `${name}: ${places.join(", ")}`);
  expect(twice).toEqual([]);
});

test("the wire objects are declared only in provider/arm/iothub/types.ts", () => {
  const wireNames = declaredNames(WIRE_TYPES);
  expect(wireNames).toEqual(expect.arrayContaining(["HubRef", "IotHubDescription", "EventHubConsumerGroupInfo", "SharedAccessSignatureAuthorizationRule"]));
  // Another description of a service object would carry one of the wire's kinds of name; the consumer group's
  // reference is the provider's own (a HubRef plus the group's endpoint and name), not something the service sends.
  // ArmResponse is the HTTP answer (any resource provider), FirstResponse a view of it.
  const ownTypes = new Set(["ConsumerGroupRef", "ArmResponse", "FirstResponse"]);
  const typesOf = (file: string) =>
    [...fs.readFileSync(file, "utf8").matchAll(/^export\s+(?:interface|type|class)\s+(\w+)/gm)].map((m) => m[1]);
  const elsewhere = files
    .filter((file) => file !== WIRE_TYPES)
    .flatMap((file) => typesOf(file).filter((name) => /(Description|Document|Info|Response|Ref|Properties)$/.test(name) && !ownTypes.has(name))
      .map((name) => `${path.relative(PROVIDER, file)}: ${name}`));
  expect(elsewhere).toEqual([]);
});
