/**
 * One provider plugin lifetime, as in one `pulumi up`: the engine starts the host when the first dynamic resource
 * needs it, sends Configure once, and stops the host when the deployment ends. Module state in the provider's
 * runtime therefore never survives from one step to the next, here as under the CLI (unless the stack keeps one
 * host for all its steps: host-launcher.ts).
 */
import type { Json } from "./marshal";
import type { RunningHost } from "./host";
import { ProviderClient } from "./provider-client";

export class HostSession {
  private started?: Promise<{ host: RunningHost; client: ProviderClient }>;

  constructor(
    /** Starts (or hands over) the host of this session. */
    private readonly launch: () => Promise<RunningHost>,
    private readonly configure: Record<string, Json>,
  ) {}

  /** The configured client; starts the host on first use. */
  async client(): Promise<ProviderClient> {
    this.started ??= (async () => {
      const host = await this.launch();
      const client = new ProviderClient(host.address);
      try {
        await client.configure(this.configure);
      } catch (e) {
        client.close();
        await host.close();
        throw e;
      }
      return { host, client };
    })();
    return (await this.started).client;
  }

  async close(): Promise<void> {
    const started = this.started;
    this.started = undefined;
    if (!started) return;
    try {
      const { host, client } = await started;
      client.close();
      await host.close();
    } catch {
      // the host never started; its error was reported by client()
    }
  }
}
