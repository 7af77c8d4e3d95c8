/**
 * The waits of the provider, on the one poller and a fake clock: retrying a write the hub refused while not Active,
 * waiting for Active (with its post-update 404 quirk), and the per-hub queue.
 */
import { ArmError, pacing, retryWhileHubNotActive, waitForActiveHub } from "../../provider/arm";
import { withHubQueue } from "../../provider/coordination/hub-queue";
import { fakePacing } from "./fakes";

const notActive = () =>
  new ArmError({ code: "IH409002", statusCode: 409, message: "IotHub is not currently in Active state (IH409002)" });

describe("withHubQueue", () => {
  // Each step ends when the test says so: the order is decided by the queue, not by timers.
  function gate() {
    let open!: () => void;
    const opened = new Promise<void>((resolve) => (open = resolve));
    return { open, opened };
  }

  it("runs writes to one hub one at a time, in order, even when one fails", async () => {
    const events: string[] = [];
    const gates = [gate(), gate(), gate()];
    const step = (i: number, fail = false) => async () => {
      events.push(`start ${i}`);
      await gates[i].opened;
      events.push(`end ${i}`);
      if (fail) throw new Error(String(i));
      return i;
    };
    const all = Promise.allSettled([withHubQueue("hub-a", step(0)), withHubQueue("hub-a", step(1, true)), withHubQueue("hub-a", step(2))]);
    await Promise.resolve();
    expect(events).toEqual(["start 0"]);
    gates.forEach((g) => g.open());
    const results = await all;
    expect(events).toEqual(["start 0", "end 0", "start 1", "end 1", "start 2", "end 2"]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
  });

  it("lets writes to different hubs overlap", async () => {
    const events: string[] = [];
    const g = gate();
    const step = (name: string) => async () => {
      events.push(`start ${name}`);
      await g.opened;
    };
    const both = Promise.all([withHubQueue("hub-x", step("x")), withHubQueue("hub-y", step("y"))]);
    for (let i = 0; i < 5 && events.length < 2; i++) await Promise.resolve();
    expect(events.sort()).toEqual(["start x", "start y"]);
    g.open();
    await both;
  });
});

describe("retryWhileHubNotActive", () => {
  it("retries the write after the schedule's wait and a wait for Active, then returns its result", async () => {
    const time = fakePacing([1000, 2000]);
    let attempts = 0;
    let waits = 0;
    const result = await retryWhileHubNotActive({
      write: async () => {
        attempts++;
        if (attempts < 3) throw notActive();
        return "ok";
      },
      waitActive: async () => void waits++,
      pacing: time.pacing,
      timeoutInMs: 60_000,
      describe: "the write",
    });
    expect(result).toBe("ok");
    expect(attempts).toBe(3);
    expect(waits).toBe(2);
    // ±20% jitter around the schedule (random() = 0.5 means none).
    expect(time.waits).toEqual([1000, 2000]);
  });

  it("does not retry other errors", async () => {
    let attempts = 0;
    await expect(
      retryWhileHubNotActive({
        write: async () => {
          attempts++;
          throw new Error("400 bad");
        },
        waitActive: async () => undefined,
        pacing: fakePacing([1000]).pacing,
        timeoutInMs: 60_000,
        describe: "the write",
      }),
    ).rejects.toThrow("400 bad");
    expect(attempts).toBe(1);
  });

  it("gives up at the deadline with ArmError OperationTimedOut saying why", async () => {
    const time = fakePacing([1000]);
    const error = await retryWhileHubNotActive({
      write: async () => {
        throw notActive();
      },
      waitActive: async () => undefined,
      pacing: time.pacing,
      timeoutInMs: 5_000,
      describe: "the consumer group create",
    }).catch((e: ArmError) => e);
    expect(error).toBeInstanceOf(ArmError);
    expect((error as ArmError).code).toBe("OperationTimedOut");
    expect((error as ArmError).message).toMatch(/waiting for the hub to accept the consumer group create \(last status: not Active: .*IH409002/);
    expect(time.now()).toBe(time.startedAt + 5_000);
  });

  it("an abort ends the wait with RequestAborted", async () => {
    const controller = new AbortController();
    const error = await retryWhileHubNotActive({
      write: async () => {
        controller.abort();
        throw notActive();
      },
      waitActive: async () => undefined,
      pacing: pacing({ scheduleInMs: [60_000] }),
      timeoutInMs: 120_000,
      signal: controller.signal,
      describe: "the write",
    }).catch((e: ArmError) => e);
    expect((error as ArmError).code).toBe("RequestAborted");
  });
});

describe("waitForActiveHub", () => {
  const hub = (state: string) => ({ name: "h", properties: { state } });

  it("looks at once, and returns the hub without any wait when it is Active", async () => {
    const time = fakePacing([1000]);
    await expect(waitForActiveHub({ getHub: async () => hub("Active"), hubName: "h", whenMissing: "wait", pacing: time.pacing, timeoutInMs: 10_000 }))
      .resolves.toEqual(hub("Active"));
    expect(time.waits).toEqual([]);
  });

  it("quirk, 404 after an update: a wait after our own write rides out the hub's brief absence", async () => {
    const time = fakePacing([1000]);
    const answers = [undefined, undefined, hub("Transitioning"), hub("Active")];
    const seen: string[] = [];
    const active = await waitForActiveHub({
      getHub: async () => answers.shift(),
      hubName: "h",
      whenMissing: "wait",
      pacing: time.pacing,
      timeoutInMs: 60_000,
      onProgress: (s) => seen.push(s),
    });
    expect(active).toEqual(hub("Active"));
    expect(time.waits).toEqual([1000, 1000, 1000]);
    expect(seen).toEqual(["Transitioning"]);
  });

  it("before a write, a missing hub is an answer (undefined), not something to wait for", async () => {
    const time = fakePacing([1000]);
    await expect(waitForActiveHub({ getHub: async () => undefined, hubName: "h", whenMissing: "undefined", pacing: time.pacing, timeoutInMs: 10_000 }))
      .resolves.toBeUndefined();
    expect(time.waits).toEqual([]);
  });

  it("never sleeps past the deadline and reports the last status in an OperationTimedOut", async () => {
    const time = fakePacing([1000]);
    const error = await waitForActiveHub({ getHub: async () => hub("Activating"), hubName: "h", whenMissing: "wait", pacing: time.pacing, timeoutInMs: 2_500 })
      .catch((e: ArmError) => e);
    expect((error as ArmError).code).toBe("OperationTimedOut");
    expect((error as ArmError).message).toBe("OperationTimedOut: timed out after 2500 ms waiting for IotHub h to be Active (last status: Activating, 4 polls)");
    expect(time.now()).toBe(time.startedAt + 2_500);
  });
});

