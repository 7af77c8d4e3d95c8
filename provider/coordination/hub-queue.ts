/**
 * One write queue per hub in the provider process.
 *
 * The engine runs independent resources concurrently, and the IoT Hub service refuses a write while
 * the hub is transitioning (409 IH409002). Terraform fixed the same failure by locking on the hub name for
 * every hub and consumer-group write (both in docs/IOTHUB-ARM.md, "409 while not Active").
 * All dynamic resources of a program share one host process, so a module-level map is that lock.
 */
const tails = new Map<string, Promise<void>>();

export function hubKey(ref: { subscriptionId: string; resourceGroup: string; name: string }): string {
  // ARM names compare without case.
  return `${ref.subscriptionId}/${ref.resourceGroup}/${ref.name}`.toLowerCase();
}

/** Runs `work` after every earlier write to the same hub has settled (success or failure). */
export async function withHubQueue<T>(key: string, work: () => Promise<T>): Promise<T> {
  const previous = tails.get(key) ?? Promise.resolve();
  let release!: () => void;
  const mine = new Promise<void>((resolve) => (release = resolve));
  const tail = previous.then(() => mine);
  tails.set(key, tail);
  await previous;
  try {
    return await work();
  } finally {
    release();
    if (tails.get(key) === tail) tails.delete(key);
  }
}
