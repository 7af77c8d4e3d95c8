import { PROGRESS_FIRST_AFTER_MS, PROGRESS_INTERVAL_MS } from "./constants";

/**
 * Progress lines during long waits. The dynamic-provider host is not connected to the engine's log service
 * (docs/PULUMI-DYNAMIC.md, "What does not reach a dynamic provider"), but the engine shows what a provider writes to
 * stderr, so a line there is what a pipeline sees. Throttled: the first after 15 s, then every 30 s.
 */
export function progressReporter(o: {
  what: string;
  now?: () => number;
  write?: (line: string) => void;
}): (status: string) => void {
  const now = o.now ?? Date.now;
  const write = o.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  const startedMs = now();
  let nextAtMs = startedMs + PROGRESS_FIRST_AFTER_MS;
  return (status: string) => {
    const t = now();
    if (t < nextAtMs) return;
    nextAtMs = t + PROGRESS_INTERVAL_MS;
    write(`${o.what}: ${status}, ${formatElapsed(t - startedMs)} elapsed`);
  };
}

export function formatElapsed(ms: number): string {
  const seconds = Math.round(ms / 1000);
  const minutes = Math.floor(seconds / 60);
  return minutes > 0 ? `${minutes}m${String(seconds % 60).padStart(2, "0")}s` : `${seconds}s`;
}
