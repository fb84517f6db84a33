export { startMockServer, type MockServerOptions, type RunningMockServer } from './server.js';
export { ContractValidator } from './contract/validator.js';
export { listOperations, matchRoute, type Operation } from './contract/operations.js';
export { loadContract, contractPath, type OpenApiDocument } from './contract/load-contract.js';
export { fixturesDir, loadFixtures } from './fixtures.js';
export type { Principal } from './auth/principal.js';
export type { FaultConfig, FaultRoute, FaultRule } from './faults/fault-config.js';
export type { SeedKind } from './seed/index.js';
