/**
 * Babel/istanbul coverage would be serialized into every dynamic provider's `__provider` text
 * (docs/PULUMI-DYNAMIC.md, "jest"), so coverage uses V8.
 * ts-jest transpiles only (tsconfig `isolatedModules`); `npm run lint` type-checks the whole tree.
 * @type {import('jest').Config}
 */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.json" }] },
  coverageProvider: "v8",
  // The examples import the package by name, as users do (tsconfig "paths" does the same for tsc).
  moduleNameMapper: { "^pulumi-iothub$": "<rootDir>/provider/index.ts" },
  collectCoverageFrom: ["provider/**/*.ts", "emulator/**/*.ts"],
  testTimeout: 60_000,
  // Most suites wait on the emulator's clock and on child processes, not on the CPU: four workers keep two cores busy.
  maxWorkers: 4,
};
