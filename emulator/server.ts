import http from "node:http";
import https from "node:https";
import type { AddressInfo } from "node:net";
import { resolveConfiguration, type EmulatorConfiguration, type EmulatorOptions } from "./configuration";
import { EmulatorCore } from "./core";
import { ControlRoutes } from "./handlers/control";
import { ROUTES } from "./handlers/routes";
import { createOutOfBand, type OutOfBand } from "./out-of-band";
import { handleRequest } from "./pipeline";
import { Router } from "./router";

/**
 * The HTTP(S) server with explicit states (Azurite's *Server: start()/close() refuse the wrong state):
 * created → starting → listening → closing → closed. close() stops every timer and connection, so nothing
 * outlives it.
 */
export type ServerState = "created" | "starting" | "listening" | "closing" | "closed";

export class EmulatorServer {
  readonly config: EmulatorConfiguration;
  readonly core: EmulatorCore;
  readonly outOfBand: OutOfBand;
  private readonly server: http.Server;
  private stateValue: ServerState = "created";
  private urlValue: string | undefined;

  constructor(options: EmulatorOptions = {}) {
    this.config = resolveConfiguration(options);
    this.core = new EmulatorCore(this.config);
    this.outOfBand = createOutOfBand(this.core);
    const deps = {
      core: this.core,
      router: new Router(ROUTES),
      control: new ControlRoutes(this.core.faults, this.outOfBand),
      scheme: this.config.tls ? ("https" as const) : ("http" as const),
    };
    const listener = (req: http.IncomingMessage, res: http.ServerResponse): void => {
      void handleRequest(deps, req, res);
    };
    this.server = this.config.tls
      ? https.createServer({ cert: this.config.tls.cert, key: this.config.tls.key }, listener)
      : http.createServer(listener);
    // ARM clients keep connections alive; a short idle timeout keeps close() quick either way
    this.server.keepAliveTimeout = 5_000;
  }

  get state(): ServerState {
    return this.stateValue;
  }

  /** `http(s)://<host>:<port>`, no trailing slash; set once listening. */
  get url(): string {
    if (!this.urlValue) throw new Error(`the emulator is ${this.stateValue}, not listening`);
    return this.urlValue;
  }

  async start(): Promise<string> {
    if (this.stateValue !== "created") throw new Error(`cannot start an emulator that is ${this.stateValue}`);
    this.stateValue = "starting";
    try {
      this.core.resume();
      await new Promise<void>((resolve, reject) => {
        this.server.once("error", reject);
        this.server.listen(this.config.port, this.config.host, () => {
          this.server.off("error", reject);
          resolve();
        });
      });
    } catch (e) {
      this.core.stop();
      this.stateValue = "closed";
      throw e;
    }
    const address = this.server.address() as AddressInfo;
    // listening on every interface: hand out the loopback address, which a client can always connect to
    const unspecified = address.address === "0.0.0.0" || address.address === "::";
    const host = unspecified ? "127.0.0.1" : address.family === "IPv6" ? `[${address.address}]` : address.address;
    this.urlValue = `${this.config.tls ? "https" : "http"}://${host}:${address.port}`;
    this.stateValue = "listening";
    return this.urlValue;
  }

  async close(): Promise<void> {
    if (this.stateValue === "closed" || this.stateValue === "closing") return;
    if (this.stateValue !== "listening") throw new Error(`cannot close an emulator that is ${this.stateValue}`);
    this.stateValue = "closing";
    this.core.stop();
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
    this.stateValue = "closed";
  }
}
