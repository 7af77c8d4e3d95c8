import { formatElapsed, progressReporter } from "../../provider/progress";

describe("progressReporter", () => {
  it("stays quiet for short waits, then writes a line every 30 s with state and elapsed time", () => {
    let nowMs = 1_000_000;
    const lines: string[] = [];
    const report = progressReporter({ what: "IotHub h: creating", now: () => nowMs, write: (l) => lines.push(l) });
    for (const [atMs, status] of [[5_000, "Accepted"], [14_999, "Activating"], [15_000, "Activating"], [30_000, "Activating"], [45_000, "Activating"], [150_000, "Active"]] as const) {
      nowMs = 1_000_000 + atMs;
      report(status);
    }
    expect(lines).toEqual([
      "IotHub h: creating: Activating, 15s elapsed",
      "IotHub h: creating: Activating, 45s elapsed",
      "IotHub h: creating: Active, 2m30s elapsed",
    ]);
  });
});

describe("formatElapsed", () => {
  it.each([
    [0, "0s"],
    [59_400, "59s"],
    [60_000, "1m00s"],
    [605_000, "10m05s"],
  ])("%i ms is %s", (ms, text) => expect(formatElapsed(ms)).toBe(text));
});
