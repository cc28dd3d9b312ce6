// The connector's values: clouds and regions, validation, derived URLs, and rendering and writing of the two
// files the ArcSight FlexConnector REST connector needs.
export {
  CLOUDS,
  CLOUD_IDS,
  KNOWN_RESOURCES,
  REGIONS,
  REGION_LABELS,
  cloudForEventsHost,
  cloudsForGraphHost,
  cloudsForLoginHost,
  type Cloud,
  type CloudInfo,
  type Region,
} from './clouds.js';
export {
  DEFAULT_VALUES,
  GRAPH_DEFAULT_VALUES,
  TENANT_PATTERN_DESCRIPTION,
  apiOf,
  defaultsFor,
  VALUE_FIELDS,
  checkField,
  checkValues,
  orderValues,
  suggestField,
  validateValues,
  withDefaults,
  type ConnectorValues,
  type MappingProfile,
  type ValueField,
  type ValueProblem,
} from './values.js';
export { deriveUrls, type DerivedUrls } from './urls.js';
export {
  DEFAULT_PREFIX,
  clientFileName,
  parserFileName,
  renderConnectorFiles,
  renderParserFile,
  renderValuesFile,
  valuesFileName,
  type RenderedConnectorFiles,
} from './render.js';
export {
  FLEXAGENT_DIR,
  checkConnectorFiles,
  connectorPaths,
  existingClientSecret,
  planConnectorFiles,
  writeConnectorFiles,
  type FileCheck,
  type FileRole,
  type OutputTarget,
  type PlannedFile,
  type WrittenFile,
} from './output.js';
export { isGuid } from './guid.js';
export { isLoopbackHost } from './loopback.js';
export { SECRET_ID_FIX, SECRET_ID_MESSAGES, ignoreClientSecret, redactClientSecret, secretIdMistake } from './secret.js';
export {
  GRAPH_ALERTS_PATH,
  GRAPH_ALERTS_PERMISSION,
  GRAPH_EVENTS_TOP,
  GRAPH_MAX_TOP,
  GRAPH_REQUESTS_PER_MINUTE,
  SOURCE_APIS,
  graphAdminConsentUrl,
  graphEndpoints,
  graphEventsUrl,
  type GraphEndpoints,
  type SourceApi,
} from './graph.js';
export { planMigration, type LegacySource, type MigrationOptions, type MigrationPlan } from './migrate.js';
export { FIELD_CHANGES, type FieldChange, type FieldChangeKind } from './migrate-fields.js';
