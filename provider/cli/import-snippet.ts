/**
 * The TypeScript that `iothub import` prints: the hub and its consumer groups declared with the values Azure has and
 * `adoptExisting: true`, so the next `pulumi up` takes them over without changing them (docs/CLI.md, "import").
 * `pulumi import` cannot import dynamic resources; this is the package's way to bring an existing hub under management.
 */
export interface ImportSnippetInput {
  /** The Pulumi resource name of the hub; consumer groups are named `<pulumiName>-<group>`. */
  pulumiName: string;
  hubArgs: Record<string, unknown>;
  /** Consumer groups of the `events` endpoint, `$Default` excluded (every hub has it; it cannot be managed). */
  consumerGroups: string[];
}

export function importSnippet(o: ImportSnippetInput): string {
  const lines = [
    `import { ${o.consumerGroups.length > 0 ? "ConsumerGroup, " : ""}IotHub } from "pulumi-iothub";`,
    "",
    `// Taken over as Azure has it: the first \`pulumi up\` adopts the hub${o.consumerGroups.length > 0 ? " and its consumer groups" : ""} without changing them.`,
    `const hub = new IotHub(${JSON.stringify(o.pulumiName)}, ${literal(o.hubArgs, "")});`,
    ...o.consumerGroups.map(
      (group) => `new ConsumerGroup(${JSON.stringify(`${o.pulumiName}-${group}`)}, { hub, name: ${JSON.stringify(group)}, adoptExisting: true });`,
    ),
  ];
  return `${lines.join("\n").split("\n").map(noteMaskedKey).join("\n")}\n`;
}

/** Azure answers endpoint connection strings with the key masked (docs/IOTHUB-ARM.md, "Typed settings and their diffs"). */
const MASKED_KEY = /(SharedAccessKey|AccountKey)=\*{4}/;

/**
 * The import cannot read an endpoint's key, so the line says so: as printed, the program declares the endpoint without
 * its key (Azure keeps the stored one); to manage the key, the user puts the real string there, from a secret.
 */
function noteMaskedKey(line: string): string {
  return MASKED_KEY.test(line) ? `${line} // key masked by Azure: use the real connection string (as a secret) to manage the key` : line;
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** A TypeScript literal for JSON-like data, two-space indented, keys unquoted where they can be. */
function literal(value: unknown, indent: string): string {
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    return `[\n${value.map((v) => `${inner}${literal(v, inner)},`).join("\n")}\n${indent}]`;
  }
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value);
    if (entries.length === 0) return "{}";
    const key = (k: string) => (IDENTIFIER.test(k) ? k : JSON.stringify(k));
    return `{\n${entries.map(([k, v]) => `${inner}${key(k)}: ${literal(v, inner)},`).join("\n")}\n${indent}}`;
  }
  return JSON.stringify(value) ?? "undefined";
}
