import { randomBytes, randomUUID } from "node:crypto";

/** Request, correlation and operation ids: plain GUIDs, as ARM uses. */
export function newGuid(): string {
  return randomUUID();
}

/**
 * Hub etags look like `AAAADH84KNE=`: base64 of an 8-byte counter (docs/IOTHUB-ARM.md, "ETags"). A random high part
 * keeps etags of different hubs (and of a hub re-created under the same name) from colliding.
 */
export function etagFromCounter(counter: number, salt: number): string {
  const bytes = Buffer.alloc(8);
  bytes.writeUInt32BE(salt >>> 0, 0);
  bytes.writeUInt32BE(counter >>> 0, 4);
  return bytes.toString("base64");
}

export function randomSalt(): number {
  return randomBytes(4).readUInt32BE(0);
}

/** Shared access keys are 256-bit, base64 (the seed's create page; docs/IOTHUB-ARM.md, "The objects"). */
export function newSharedAccessKey(): string {
  return randomBytes(32).toString("base64");
}

/** `JobResponse.startTimeUtc` and consumer-group `created` are RFC 1123 dates (swagger `date-time-rfc1123`). */
export function rfc1123(ms: number): string {
  return new Date(ms).toUTCString();
}

/** x-ms-routing-request-id is `REGION:yyyymmddThhmmssZ:<guid>` (docs/IOTHUB-ARM.md, "Errors"). */
export function routingRequestId(region: string, ms: number, guid: string): string {
  const iso = new Date(ms).toISOString(); // 2026-11-25T20:25:41.123Z
  const compact = iso.slice(0, 19).replace(/[-:]/g, "") + "Z";
  return `${region}:${compact}:${guid}`;
}

/** IoT Hub error messages end with a timestamp `yyyy-MM-dd HH:mm:ssZ` (docs/IOTHUB-ARM.md, "Errors"). */
export function supportTimestamp(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace("T", " ") + "Z";
}
