/**
 * The repository's Pulumi CLI tooling without running the CLI: which CLI is compatible, that the pins agree, what
 * the inline-program driver accepts, and the one sentence a machine without CLI and Go gets.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { PulumiUnavailableError, ensurePulumi } from "../../tools/pulumi-cli/install";
import { parseArgs, readProject } from "../../tools/pulumi-cli/inline-program";
import { PINNED_PULUMI_VERSION, TOOLS_DIR, isCompatibleVersion, locatePulumi } from "../../tools/pulumi-cli/locate";

const REPO_ROOT = path.resolve(__dirname, "..", "..");

describe("the pinned release", () => {
  it("is the same in go.mod (pkg and sdk), the @pulumi/pulumi devDependency and the installed SDK", () => {
    const goMod = fs.readFileSync(path.join(TOOLS_DIR, "go.mod"), "utf8");
    expect(goMod).toMatch(new RegExp(`github.com/pulumi/pulumi/pkg/v3 v${PINNED_PULUMI_VERSION}\\b`));
    expect(goMod).toMatch(new RegExp(`github.com/pulumi/pulumi/sdk/v3 v${PINNED_PULUMI_VERSION}\\b`));
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8"));
    expect(pkg.devDependencies["@pulumi/pulumi"]).toBe(PINNED_PULUMI_VERSION);
    expect(require("@pulumi/pulumi/package.json").version).toBe(PINNED_PULUMI_VERSION);
  });

  it("a CLI is compatible when it is the pinned release or a newer 3.x", () => {
    expect(isCompatibleVersion("3.248.0")).toBe(true);
    expect(isCompatibleVersion("3.248.1")).toBe(true);
    expect(isCompatibleVersion("3.260.0-alpha.1")).toBe(true);
    expect(isCompatibleVersion("3.247.9")).toBe(false);
    expect(isCompatibleVersion("2.999.0")).toBe(false);
    expect(isCompatibleVersion("4.0.0")).toBe(false);
    expect(isCompatibleVersion("dev")).toBe(false);
  });
});

describe("without a CLI", () => {
  it("nothing is found when neither PATH nor the build folder holds a pulumi", () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), "no-cli-"));
    try {
      expect(locatePulumi({ PATH: empty }, empty)).toBeUndefined();
    } finally {
      fs.rmSync(empty, { recursive: true });
    }
  });

  it("and without Go, ensurePulumi fails with one sentence that says what to install", async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), "no-cli-"));
    try {
      const failure = ensurePulumi({ env: { PATH: empty }, builtBinDir: empty, log: () => undefined });
      await expect(failure).rejects.toBeInstanceOf(PulumiUnavailableError);
      await expect(failure).rejects.toThrow(/^no Pulumi CLI 3\.248\.0 or newer 3\.x on PATH, and no `go` to build one: install Go 1\.25 or newer/);
    } finally {
      fs.rmSync(empty, { recursive: true });
    }
  });
});

describe("the inline-program driver's arguments", () => {
  it("turns the CLI flags into Automation API options", () => {
    expect(parseArgs(["up", "--stack", "dev", "--yes", "--non-interactive", "--parallel=4", "--expect-no-changes"])).toEqual({
      operation: "up",
      stack: "dev",
      options: { parallel: 4, expectNoChanges: true },
    });
    expect(parseArgs(["refresh", "--stack=dev", "--clear-pending-creates"]).options).toEqual({ clearPendingCreates: true });
    expect(parseArgs(["up", "--stack", "s", "--target", "a", "--target", "b"]).options).toEqual({ target: ["a", "b"] });
  });

  it("refuses what it would otherwise drop silently, naming the flag and what is supported", () => {
    expect(() => parseArgs(["refresh", "--stack", "dev", "--diff"])).toThrow(/unsupported flag "--diff" for refresh .*supported: .*--expect-no-changes/);
    expect(() => parseArgs(["up", "--stack", "dev", "--policy-pack", "x"])).toThrow(/unsupported flag "--policy-pack"/);
    expect(() => parseArgs(["import", "--stack", "dev"])).toThrow(/one of up, preview, refresh, destroy; got "import"/);
    expect(() => parseArgs(["up"])).toThrow(/--stack NAME is required/);
    expect(() => parseArgs(["up", "--stack"])).toThrow(/--stack needs a value/);
  });

  it("reads the project's name and main from Pulumi.yaml", () => {
    expect(readProject(REPO_ROOT)).toEqual({ name: "iothub-stack", main: "index.ts" });
    expect(readProject(path.join(REPO_ROOT, "examples", "hub-with-consumer-groups"))).toEqual({ name: "hub-with-consumer-groups", main: "index.ts" });
  });
});
