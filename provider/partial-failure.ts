/**
 * A create/update that fails after Azure accepted the write must not leave an orphan. The host turns an error carrying
 * `id`, `properties` and `reasons` into ErrorResourceInitFailed; the engine then records the resource and updates it on
 * the next `up` (docs/PULUMI-DYNAMIC.md, "Partial failures"). `properties` must include the inputs, or `__provider` is
 * lost and a later delete fails.
 */
export function partialFailure(cause: unknown, o: { id: string; properties: Record<string, unknown> }): Error {
  const error = cause instanceof Error ? cause : new Error(String(cause));
  const reason = error.message;
  return Object.assign(error, {
    id: o.id,
    // The details must stay small (over ~64 KiB never arrive), and never hold undefined.
    properties: JSON.parse(JSON.stringify(o.properties)),
    reasons: [reason],
  });
}
