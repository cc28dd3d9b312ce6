// The offline sandbox: an Azure AD look-alike (identity/), the SIEM alert export API and Graph alerts_v2 on one
// loopback server, the test double for `token` and `pull` and the engine of `demo`.
export { startSandbox, SANDBOX_RESOURCES, type RequestRecord, type Sandbox, type SandboxOptions } from './server.js';
export { createClock, type SandboxClock } from './clock.js';
export { ALERT_FIELDS, generateAlerts, type AlertObject, type EmptyStyle, type GenerateOptions } from './generate.js';
export { toAlertFault, type AlertFault, type AlertFaultKind } from './faults.js';
export { DEFAULT_WINDOW_MS } from './alert-query.js';
export type { IdentityProvider } from './identity/index.js';
export { sandboxConnectorFiles, type SandboxConnectorFiles } from './connector-files.js';
export type { GraphSandboxOptions } from './server.js';
export { GraphAlertStore, type GraphScenarioOptions, type GraphVersion } from './graph-store.js';
export type { GraphAlert } from './graph-generate.js';
export { seededRandom, type Random } from './random.js';
