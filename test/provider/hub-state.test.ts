/** Which hub states a wait can end in, in both api-versions' words (docs/RELIABILITY.md, "A hub whose create failed"). */
import { HubFailedError, hubFailure, isHubActive, neverActivated, pacing, waitForActiveHub } from "../../provider/arm";

const hub = (properties: Record<string, string>) => ({ name: "h", properties });

test("terminal failures: the failed states of 2023-06-30, and provisioningState Failed where no state is sent", () => {
  expect(hubFailure(hub({ state: "ActivationFailed", provisioningState: "Failed" }))).toBe("ActivationFailed");
  expect(hubFailure(hub({ state: "deletionfailed" }))).toBe("deletionfailed");
  expect(hubFailure(hub({ state: "FailoverFailed" }))).toBe("FailoverFailed");
  expect(hubFailure(hub({ provisioningState: "Failed" }))).toBe("Failed");
  // A failed update leaves the hub Active: usable, not a terminal failure.
  expect(hubFailure(hub({ state: "Active", provisioningState: "Failed" }))).toBeUndefined();
  expect(hubFailure(hub({ state: "Activating", provisioningState: "Activating" }))).toBeUndefined();
  expect(hubFailure(hub({ provisioningState: "Succeeded" }))).toBeUndefined();
});

test("only a hub that never became Active counts as safe to delete and create again", () => {
  expect(neverActivated(hub({ state: "ActivationFailed" }))).toBe(true);
  expect(neverActivated(hub({ provisioningState: "Failed" }))).toBe(false);
  expect(neverActivated(hub({ state: "FailoverFailed" }))).toBe(false);
  expect(isHubActive(hub({ state: "Active", provisioningState: "Failed" }))).toBe(true);
});

test("a wait for Active ends at the first answer that shows a terminal failure, with no delay", async () => {
  let delays = 0;
  const clock = { now: () => 0, delay: async () => void delays++ };
  const answers = [hub({ state: "Activating" }), hub({ state: "ActivationFailed", provisioningState: "Failed" })];
  const wait = waitForActiveHub({ getHub: async () => answers.shift(), hubName: "h", whenMissing: "wait", pacing: pacing({ clock }), timeoutInMs: 60_000 });
  await expect(wait).rejects.toBeInstanceOf(HubFailedError);
  await expect(wait).rejects.toThrow(/IotHub h is ActivationFailed: its last operation failed/);
  expect(delays).toBe(1);
});
