import { backoffIntervalsMs, pollUntil, retryWhileHubNotActive, WaitTimeoutError } from "../../provider/coordination/hub-active";
import { withHubQueue } from "../../provider/coordination/hub-queue";

function fakeClock() {
  let nowMs = 0;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => nowMs,
    delay: async (ms: number) => {
      sleeps.push(ms);
      nowMs += ms;
    },
  };
}

describe("withHubQueue", () => {
  it("runs writes to one hub one at a time, in order, even when one fails", async () => {
    const events: string[] = [];
    const step = (name: string, fail = false) => async () => {
      events.push(`start ${name}`);
      await new Promise((r) => setTimeout(r, 5));
      events.push(`end ${name}`);
      if (fail) throw new Error(name);
      return name;
    };
    const results = await Promise.allSettled([
      withHubQueue("hub-a", step("1")),
      withHubQueue("hub-a", step("2", true)),
      withHubQueue("hub-a", step("3")),
    ]);
    expect(events).toEqual(["start 1", "end 1", "start 2", "end 2", "start 3", "end 3"]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
  });

  it("lets writes to different hubs overlap", async () => {
    const events: string[] = [];
    const step = (name: string) => async () => {
      events.push(`start ${name}`);
      await new Promise((r) => setTimeout(r, 5));
      events.push(`end ${name}`);
    };
    await Promise.all([withHubQueue("hub-x", step("x")), withHubQueue("hub-y", step("y"))]);
    expect(events.slice(0, 2).sort()).toEqual(["start x", "start y"]);
  });
});

describe("backoffIntervalsMs", () => {
  it("starts at one second and grows to ten, within the jitter", () => {
    const noJitter = backoffIntervalsMs(() => 0.5);
    const values = Array.from({ length: 8 }, () => noJitter.next().value as number);
    expect(values[0]).toBe(1000);
    expect(values.every((v, i) => i === 0 || v >= values[i - 1])).toBe(true);
    expect(values[7]).toBe(10_000);
    const high = backoffIntervalsMs(() => 1).next().value as number;
    expect(high).toBe(1200);
  });
});

describe("retryWhileHubNotActive", () => {
  const notActive = Object.assign(new Error("409 IH409002"), { notActive: true });
  const isHubNotActive = (e: unknown) => (e as { notActive?: boolean }).notActive === true;

  it("retries the write after waiting for Active, then returns its result", async () => {
    const clock = fakeClock();
    let attempts = 0;
    let waits = 0;
    const result = await retryWhileHubNotActive({
      write: async () => {
        attempts++;
        if (attempts < 3) throw notActive;
        return "ok";
      },
      isHubNotActive,
      waitActive: async () => void waits++,
      deadlineMs: 60_000,
      clock,
      describe: "the write",
    });
    expect(result).toBe("ok");
    expect(attempts).toBe(3);
    expect(waits).toBe(2);
  });

  it("does not retry other errors", async () => {
    const clock = fakeClock();
    let attempts = 0;
    await expect(
      retryWhileHubNotActive({
        write: async () => {
          attempts++;
          throw new Error("400 bad");
        },
        isHubNotActive,
        waitActive: async () => undefined,
        deadlineMs: 60_000,
        clock,
        describe: "the write",
      }),
    ).rejects.toThrow("400 bad");
    expect(attempts).toBe(1);
  });

  it("gives up at the deadline with a message that says why", async () => {
    const clock = fakeClock();
    await expect(
      retryWhileHubNotActive({
        write: async () => {
          throw notActive;
        },
        isHubNotActive,
        waitActive: async () => undefined,
        deadlineMs: 5_000,
        clock,
        describe: "the consumer group create",
      }),
    ).rejects.toThrow(/timed out retrying the consumer group create: the hub stayed not Active/);
    expect(clock.now()).toBe(5_000);
  });
});

describe("pollUntil", () => {
  it("never sleeps past the deadline and reports the last status", async () => {
    const clock = fakeClock();
    const error = await pollUntil<never>({
      probe: async () => ({ done: false, status: "Activating" }),
      deadlineMs: 2_500,
      clock,
      describe: "IotHub h to be Active",
    }).catch((e: unknown) => e as Error);
    expect(error).toBeInstanceOf(WaitTimeoutError);
    expect(error.message).toBe("timed out waiting for IotHub h to be Active (last status: Activating)");
    expect(clock.now()).toBe(2_500);
  });
});
