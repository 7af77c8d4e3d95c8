/**
 * check() of the typed settings with values not known during preview: rules that need them are skipped, the others
 * still apply.
 */
import { checkHub } from "../../provider/hub/check";
import { UNKNOWN } from "../../provider/values";

const settings = { armEndpoint: "http://127.0.0.1:1", subscriptionId: "00000000-0000-0000-0000-000000000001" };
const hub = { name: "hub-one", resourceGroupName: "rg", location: "westeurope", sku: { name: "S1" }, apiVersion: "2023-06-30" };
const reasons = (news: Record<string, unknown>) => (checkHub({}, news, settings).failures ?? []).map((f) => f.reason);

test("an endpoint whose connection string or name is not known yet passes, and routes to it are not refused", () => {
  expect(reasons({
    ...hub,
    routing: {
      endpoints: { eventHubs: [{ name: "eh", connectionString: UNKNOWN }, { name: UNKNOWN, connectionString: "x" }] },
      routes: [{ name: "r", source: "DeviceMessages", endpointNames: ["made-later"], isEnabled: true }],
    },
  })).toEqual([]);
});

test("a whole setting not known yet passes; a known bad sibling is still refused", () => {
  expect(reasons({ ...hub, routing: UNKNOWN, storageEndpoints: UNKNOWN, identity: UNKNOWN })).toEqual([]);
  expect(reasons({ ...hub, routing: { routes: UNKNOWN, enrichments: [{ key: "k", value: "v", endpointNames: [] }] } }))
    .toEqual([expect.stringMatching(/^routing.enrichments\[0\].endpointNames: must name at least one endpoint; got \[\]$/)]);
});

test("enums are matched without case, as the service answers some (`json`); the keys of a Cosmos DB endpoint are optional, as Azure never answers them", () => {
  const storage = (encoding: string) => ({
    ...hub,
    routing: { endpoints: { storageContainers: [{ name: "archive", connectionString: "DefaultEndpointsProtocol=https;AccountName=a;AccountKey=****", containerName: "c", encoding }] } },
  });
  expect(reasons(storage("json"))).toEqual([]);
  expect(reasons(storage("avroDEFLATE"))).toEqual([]);
  expect(reasons(storage("xml"))).toEqual([expect.stringMatching(/encoding: must be one of Avro, AvroDeflate, JSON; got "xml"$/)]);
  const cosmos = (extra: Record<string, unknown>) => ({
    ...hub,
    routing: { endpoints: { cosmosDBSqlContainers: [{ name: "cosmos", endpointUri: "https://a.documents.azure.com", databaseName: "db", containerName: "c", authenticationType: "keyBased", ...extra }] } },
  });
  expect(reasons(cosmos({}))).toEqual([]);
  expect(reasons(cosmos({ primaryKey: 42 }))).toEqual([expect.stringMatching(/primaryKey: must be a string; got a value \(not shown: it is a secret\)$/)]);
});

test("a connection string given where an object belongs is refused without its key in the message", () => {
  const key = "stKeySECRETstKeySECRET00==";
  const failures = reasons({ ...hub, storageEndpoints: { $default: `DefaultEndpointsProtocol=https;AccountName=st;AccountKey=${key}` } });
  expect(failures).toHaveLength(1);
  expect(failures[0]).toMatch(/AccountKey=\*\*\*\*/);
  expect(failures.join("\n")).not.toContain(key.slice(0, 8));
});
