/**
 * Test harness: runs Pulumi programs and dynamic providers the way `pulumi up` does, through the real
 * dynamic-provider host over gRPC (docs/ARCHITECTURE.md section 3; docs/PULUMI-DYNAMIC.md).
 */
export { Stack, type StackOptions, type Program } from "./stack";
export { ok, StackError, type StepOp, type Step, type StepError, type UpResult, type PreviewResult, type RefreshResult } from "./results";
export { serializeState, type StateResource } from "./state";
export { startHost, hostEnvironment, processGroupMembers, HOST_LAUNCHER, type HostOptions, type RunningHost } from "./host";
export { ProviderClient, ProviderCallError, isProviderCallError, type ResourceRef, type DiffChanges } from "./provider-client";
export { decodePartialFailure, type PartialFailure } from "./partial-failure";
export { UNKNOWN, SIG_KEY, SECRET_SIG, forHost, isSecretValue, secretValue, type Json, type PropertyMap } from "./marshal";
export { installEngineMocks, waitForRegistrations, mockUrn, type Registration, type RegistrationResult } from "./registrations";
export { HostLauncher, type HostLifetime } from "./host-launcher";
