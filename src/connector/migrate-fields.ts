/**
 * What moving from mapping profile v2 (SIEM API alerts) to v3 (Graph alerts_v2) changes for ArcSight content
 * (filters, rules, reports, dashboards), field by field. Based on the v2 parser template, the v3 profile and
 * Microsoft's SIEM API to alerts_v2 field table (configure-siem, "Ingest alerts using SIEM tools").
 */

export type FieldChangeKind = 'same' | 'changed' | 'new' | 'gone';

export interface FieldChange {
  /** The ArcSight event field (or "additional data" for members that never had a field). */
  field: string;
  /** Its source in v2 (a SIEM API alert field); undefined for fields new in v3. */
  v2?: string;
  /** Its source in v3 (an alerts_v2 member); undefined for what alerts_v2 no longer has. */
  v3?: string;
  kind: FieldChangeKind;
  /** What changes, for `changed` and `gone`; the meaning it carries, for `new`. */
  note?: string;
}

export const FIELD_CHANGES: readonly FieldChange[] = [
  // Same fact, same field: content keeps working.
  { field: 'externalId', v2: 'AlertId', v3: 'id', kind: 'same' },
  { field: 'name', v2: 'AlertTitle', v3: 'title', kind: 'same' },
  { field: 'deviceEventCategory', v2: 'Category', v3: 'category', kind: 'same' },
  { field: 'deviceReceiptTime', v2: 'AlertTime', v3: 'createdDateTime', kind: 'same', note: 'when the alert was created, exact to the millisecond' },
  { field: 'deviceCustomString1 (Threat Name)', v2: 'ThreatName', v3: 'threatDisplayName', kind: 'same' },
  { field: 'deviceCustomString4 (Actor)', v2: 'Actor', v3: 'actorDisplayName', kind: 'same' },
  { field: 'sourceUserName', v2: 'UserName', v3: 'first userEvidence: userAccount.accountName', kind: 'same' },
  { field: 'sourceNtDomain', v2: 'UserDomain', v3: 'first userEvidence: userAccount.domainName', kind: 'same' },
  { field: 'fileName', v2: 'FileName', v3: 'first fileEvidence: fileDetails.fileName (else first processEvidence: imageFile)', kind: 'same' },
  { field: 'filePath', v2: 'FilePath', v3: 'first fileEvidence: fileDetails.filePath (else first processEvidence: imageFile)', kind: 'same' },
  { field: 'fileHash', v2: 'Sha1', v3: 'first fileEvidence: fileDetails.sha1 (else first processEvidence: imageFile)', kind: 'same' },
  { field: 'deviceCustomString6 (SHA256)', v2: 'Sha256', v3: 'first fileEvidence: fileDetails.sha256 (else first processEvidence: imageFile)', kind: 'same' },
  { field: 'sourceAddress', v2: 'IpAddress', v3: 'first ipEvidence: ipAddress', kind: 'same' },
  { field: 'requestUrl', v2: 'Url', v3: 'first urlEvidence: url', kind: 'same' },
  { field: 'deviceVendor', v2: '"Microsoft"', v3: '"Microsoft"', kind: 'same' },

  // Same field, different values or source: content that compares values needs a look.
  {
    field: 'deviceProduct',
    v2: '"Microsoft Defender ATP"',
    v3: '"Microsoft Defender XDR"',
    kind: 'changed',
    note: 'filters on the product name must accept the new one',
  },
  { field: 'deviceVersion', v2: '"2.0"', v3: '"3.0"', kind: 'changed', note: 'tells content which mapping produced the event' },
  {
    field: 'deviceSeverity',
    v2: 'Severity',
    v3: 'severity',
    kind: 'changed',
    note: 'values are lower case (high, medium, low, informational, unknown) instead of High, Medium, Low, Informational; the agent severity buckets stay the same',
  },
  {
    field: 'flexString1',
    v2: 'LinkToWDATP (label "Link to WDATP")',
    v3: 'alertWebUrl (label "Alert Link")',
    kind: 'changed',
    note: 'the portal link of the alert; the label changes',
  },
  {
    field: 'sourceHostName',
    v2: 'MachineName',
    v3: 'first deviceEvidence: deviceDnsName',
    kind: 'changed',
    note: 'the device DNS name (with its domain where the device has one) instead of the bare machine name',
  },
  {
    field: 'sourceServiceName',
    v2: 'Source (e.g. WindowsDefenderAv, EDR)',
    v3: 'detectionSource (e.g. antivirus, customDetection)',
    kind: 'changed',
    note: 'alerts_v2 names detection sources differently; serviceSource (which Defender product) travels as additional data',
  },

  // New in v3.
  {
    field: 'deviceEventClassId',
    v3: 'detectorId',
    kind: 'new',
    note: 'the detector of the alert (the SIEM API IoaDefinitionId, which v2 carried only as additional data)',
  },
  { field: 'message', v3: 'description', kind: 'new', note: 'the alert description (v2: additional data Description), truncated at the field limit' },
  {
    field: 'deviceCustomDate1 (Last Update Time)',
    v3: 'lastUpdateDateTime',
    kind: 'new',
    note: 'alerts_v2 alerts are updated: the same externalId arrives again with a later Last Update Time',
  },
  {
    field: 'startTime / endTime',
    v3: 'firstActivityDateTime / lastActivityDateTime',
    kind: 'new',
    note: 'the activity window (v2: LastProcessedTimeUtc as additional data)',
  },
  { field: 'flexString2 (Incident Link)', v3: 'incidentWebUrl', kind: 'new', note: 'v2: IncidentLinkToWDATP / IncidentLinkToMTP as additional data' },
  { field: 'deviceCustomString2 (Incident Id)', v3: 'incidentId', kind: 'new' },
  { field: 'deviceCustomString3 (MITRE Techniques)', v3: 'mitreTechniques', kind: 'new', note: 'comma-separated technique ids (the SIEM API ThreatCategory)' },

  // Gone: alerts_v2 does not have the fact, or the v3 profile no longer puts it in a field.
  { field: 'deviceCustomString5 (MD5)', v2: 'Md5', kind: 'gone', note: 'alerts_v2 has no MD5; use fileHash (SHA-1) or SHA256' },
  { field: 'sourceDnsDomain', v2: 'MachineDomain', kind: 'gone', note: 'part of sourceHostName (deviceDnsName) now' },
  {
    field: 'sourceUserId',
    v2: 'LogOnUsers',
    v3: 'deviceEvidence: loggedOnUsers (additional data)',
    kind: 'gone',
    note: 'no field in v3; the evidence travels as additional data',
  },
  {
    field: 'deviceCustomNumber1 (Was Executing While Detected)',
    v2: 'WasExecutingWhileDetected',
    v3: 'processEvidence: detectionStatus (additional data)',
    kind: 'gone',
    note: 'alerts_v2 has a status text (detected, blocked, prevented), not a boolean; no field in v3',
  },
  {
    field: 'deviceCustomNumber2 (Remediation Is Success)',
    v2: 'RemediationIsSuccess',
    v3: 'evidence: remediationStatus (additional data)',
    kind: 'gone',
    note: 'alerts_v2 has a status per evidence item, not one boolean; no field in v3',
  },
  {
    field: 'additional data',
    v2: 'IocName, IocValue, CreatorIocName, CreatorIocValue, FullId, IocUniqueId',
    kind: 'gone',
    note: 'the IoC fields: Microsoft lists them as not supported by alerts_v2',
  },
  { field: 'additional data', v2: 'InternalIPv4List, InternalIPv6List', kind: 'gone', note: 'not supported by alerts_v2 (deviceEvidence has ipInterfaces)' },
  { field: 'additional data', v2: 'AlertPart', kind: 'gone', note: 'obsolete' },
];
