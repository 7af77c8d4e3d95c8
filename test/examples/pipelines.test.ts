/**
 * The CI files of examples/pipeline and the stack files of examples/fleet: valid YAML (parsed by js-yaml, which
 * refuses duplicate keys, bad indentation and tabs), with the keys each CI system requires and those this setup
 * depends on (examples/pipeline/README.md).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { load } from "js-yaml";
import { DEV_TOKEN } from "../../emulator";

const EXAMPLES = path.resolve(__dirname, "..", "..", "examples");

type Node = Record<string, unknown>;

function parse(file: string): Node {
  const text = fs.readFileSync(path.join(EXAMPLES, file), "utf8");
  const doc = load(text, { filename: file });
  if (typeof doc !== "object" || doc === null || Array.isArray(doc)) throw new Error(`${file}: the document is not a mapping`);
  return doc as Node;
}

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  task?: string;
  script?: string;
  inputs?: Record<string, unknown>;
}

interface GitHubJob {
  "runs-on"?: string;
  needs?: string | string[];
  steps?: Step[];
}

function githubJobs(doc: Node): [string, GitHubJob][] {
  expect(doc.jobs).toEqual(expect.any(Object));
  return Object.entries(doc.jobs as Record<string, GitHubJob>);
}

describe("examples/pipeline/github/deploy.yml", () => {
  const doc = parse("pipeline/github/deploy.yml");

  test("runs on pull requests and on pushes to main", () => {
    // Quoted or not, `on` must stay a key: YAML 1.1 parsers would read a bare `on` as true; js-yaml (YAML 1.2) does not.
    expect(doc.on).toEqual({ pull_request: expect.any(Object), push: { branches: ["main"] } });
  });

  test("asks for the OIDC token (id-token: write) and nothing beyond reading the code and commenting", () => {
    expect(doc.permissions).toEqual({ "id-token": "write", contents: "read", "pull-requests": "write" });
  });

  test("every job signs in with azure/login by client, tenant and subscription id (no secret) before Pulumi runs", () => {
    const jobs = githubJobs(doc);
    expect(jobs.map(([name]) => name)).toEqual(["preview", "deploy-dev", "deploy-prod"]);
    for (const [name, job] of jobs) {
      expect({ name, runsOn: job["runs-on"] }).toEqual({ name, runsOn: expect.any(String) });
      const steps = job.steps ?? [];
      const login = steps.findIndex((s) => s.uses?.startsWith("azure/login@"));
      const pulumi = steps.findIndex((s) => s.uses?.startsWith("pulumi/actions@"));
      expect({ name, login: login >= 0, pulumiAfterLogin: pulumi > login }).toEqual({ name, login: true, pulumiAfterLogin: true });
      expect(Object.keys(steps[login].with ?? {}).sort()).toEqual(["client-id", "subscription-id", "tenant-id"]);
      expect(JSON.stringify(steps[login].with)).not.toMatch(/client-secret|creds/);
    }
  });

  test("previews on pull requests, deploys dev then prod on main", () => {
    const jobs = Object.fromEntries(githubJobs(doc));
    const command = (job: GitHubJob) => job.steps?.find((s) => s.uses?.startsWith("pulumi/actions@"))?.with?.command;
    expect(command(jobs.preview)).toBe("preview");
    expect((jobs.preview as { if?: string }).if).toMatch(/pull_request/);
    expect(command(jobs["deploy-dev"])).toBe("up");
    expect((jobs["deploy-dev"] as { if?: string }).if).toMatch(/refs\/heads\/main/);
    expect(command(jobs["deploy-prod"])).toBe("up");
    expect(jobs["deploy-prod"].needs).toBe("deploy-dev");
  });
});

describe("examples/pipeline/github/offline.yml", () => {
  const doc = parse("pipeline/github/offline.yml");

  test("needs no Azure: no id-token permission, no azure/login, the emulator the package ships", () => {
    expect(doc.on).toEqual(expect.objectContaining({ pull_request: null }));
    expect(doc.permissions).toEqual({ contents: "read" });
    const [[, job]] = githubJobs(doc);
    const steps = job.steps ?? [];
    expect(steps.some((s) => s.uses?.startsWith("azure/login@"))).toBe(false);
    const scripts = steps.map((s) => s.run ?? "").join("\n");
    expect(scripts).toContain("npx iothub emulator");
    expect(scripts).toMatch(/pulumi config set iothub:armEndpoint/);
    for (const command of ["pulumi up", "pulumi preview --expect-no-changes", "pulumi destroy"]) expect(scripts).toContain(command);
    expect(String((doc.env as Node).PULUMI_BACKEND_URL)).toMatch(/^file:\/\//);
  });

  test("the emulator token it configures is the emulator's public dev token, nothing else", () => {
    expect(fs.readFileSync(path.join(EXAMPLES, "pipeline/github/offline.yml"), "utf8")).toContain(`--secret iothub:accessToken ${DEV_TOKEN}`);
  });
});

describe("examples/pipeline/azure-pipelines.yml", () => {
  const doc = parse("pipeline/azure-pipelines.yml");

  test("has a trigger on main, a PR trigger, and stages with jobs and steps", () => {
    expect(doc.trigger).toEqual({ branches: { include: ["main"] } });
    expect(doc.pr).toEqual({ branches: { include: ["main"] } });
    const stages = doc.stages as { stage: string; jobs: Node[] }[];
    expect(stages.map((s) => s.stage)).toEqual(["preview", "deploy_dev", "deploy_prod"]);
    for (const stage of stages) expect(stage.jobs.length).toBeGreaterThan(0);
  });

  test("every Pulumi step runs in AzureCLI@2 with the service connection, and the Pulumi token goes through env", () => {
    const stages = doc.stages as { stage: string; jobs: Node[] }[];
    const stepsOf = (job: Node): Step[] =>
      (job.steps as Step[] | undefined) ?? ((job.strategy as { runOnce?: { deploy?: { steps?: Step[] } } })?.runOnce?.deploy?.steps ?? []);
    for (const stage of stages) {
      for (const job of stage.jobs) {
        const steps = stepsOf(job);
        const pulumiSteps = steps.filter((s) => /\bpulumi (preview|up)\b/.test(String(s.inputs?.inlineScript ?? s.script ?? "")));
        expect({ stage: stage.stage, count: pulumiSteps.length }).toEqual({ stage: stage.stage, count: 1 });
        for (const step of pulumiSteps) {
          expect(step.task).toBe("AzureCLI@2");
          expect(step.inputs?.azureSubscription).toBe("$(AZURE_SERVICE_CONNECTION)");
          expect((step as { env?: Node }).env).toEqual({ PULUMI_ACCESS_TOKEN: "$(PULUMI_ACCESS_TOKEN)" });
        }
      }
    }
    expect(stages[2]).toEqual(expect.objectContaining({ dependsOn: "deploy_dev" }));
  });
});

describe("examples/fleet stack files", () => {
  test("dev and prod set the same keys: promotion changes values, not the program", () => {
    const dev = parse("fleet/Pulumi.dev.yaml").config as Node;
    const prod = parse("fleet/Pulumi.prod.yaml").config as Node;
    expect(Object.keys(prod).sort()).toEqual(Object.keys(dev).sort());
    for (const config of [dev, prod]) {
      for (const hub of config["fleet:hubs"] as { name: string; consumerGroups?: string[] }[]) {
        expect(hub.name).toMatch(/^[a-z][a-z0-9-]*$/);
        for (const group of hub.consumerGroups ?? []) expect(group).toMatch(/^[A-Za-z0-9._-]+$/);
      }
    }
  });
});
