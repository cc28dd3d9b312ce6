import { formatUtcTimestamp, ticksFromMs, TICKS_PER_MS, type UtcTicks } from '../alerts/index.js';
import * as pools from './generate-values.js';
import type { Random } from './random.js';

/** One alert in the shape of Microsoft Graph's `microsoft.graph.security.alert` resource (alerts_v2). */
export type GraphAlert = Record<string, unknown> & { id: string; lastUpdateDateTime: string; createdDateTime: string };

const SERVICES = [
  [
    'microsoftDefenderForEndpoint',
    'da',
    'Microsoft Defender for Endpoint',
    ['antivirus', 'microsoftDefenderForEndpoint', 'customTi', 'automatedInvestigation'],
  ],
  ['microsoftDefenderForIdentity', 'aa', 'Microsoft Defender for Identity', ['microsoftDefenderForIdentity']],
  ['microsoftDefenderForOffice365', 'fa', 'Microsoft Defender for Office 365', ['microsoftDefenderForOffice365']],
  ['microsoftDefenderForCloudApps', 'ca', 'Microsoft Defender for Cloud Apps', ['microsoftDefenderForCloudApps']],
] as const;

const SEVERITIES = [
  ['high', 3],
  ['medium', 4],
  ['low', 3],
  ['informational', 2],
  ['unknown', 1],
] as const;
const CATEGORIES = ['DefenseEvasion', 'Execution', 'CredentialAccess', 'LateralMovement', 'CommandAndControl', 'Ransomware', 'InitialAccess', 'Malware'];
const MITRE = ['T1564.001', 'T1059.001', 'T1003.001', 'T1021.002', 'T1071', 'T1486', 'T1566.001', 'T1218.011'];
const CLASSIFICATIONS = [
  ['truePositive', 'malware'],
  ['falsePositive', 'notMalicious'],
  ['informationalExpectedActivity', 'securityTesting'],
  ['truePositive', 'multiStagedAttack'],
] as const;
const ANALYSTS = ['secop1@contoso.com', 'secop2@contoso.com', 'Automation'];
const COMMENTS = [
  'Looking into it.',
  'Isolated the device; collecting the investigation package.',
  'Confirmed with the user | expected tool use = yes',
  'Escalated to tier 2.\nSee ticket INC-4711.',
];
const RECOMMENDED =
  'Collect artifacts and determine scope\n\u2022\tReview the machine timeline for suspicious activities.\n\u2022\tSubmit relevant files for deep analysis.\n\nInitiate containment & mitigation\n\u2022\tUpdate AV signatures and run a full scan.';

/** A new alert created at `created` (ticks), its first version stamped then. */
export function makeGraphAlert(random: Random, index: number, tenantId: string, created: UtcTicks): GraphAlert {
  const [serviceSource, prefix, productName, sources] = SERVICES[index % SERVICES.length]!;
  const firstActivity = created - BigInt(random.int(60_000, 3_600_000)) * TICKS_PER_MS;
  const id = `${prefix}${(created + 621_355_968_000_000_000n).toString()}_${random.int(-(2 ** 31), 2 ** 31 - 1)}`;
  const incidentId = String(random.int(1000, 99_999));
  const [category, titles] = random.pick(pools.CATEGORY_TITLES);
  const threat = random.chance(0.4) ? random.pick(pools.THREATS) : undefined;
  const stamp = stampText(created, index);
  return {
    '@odata.type': '#microsoft.graph.security.alert',
    id,
    providerAlertId: id.slice(prefix.length),
    incidentId,
    status: 'new',
    severity: index < SEVERITIES.length ? SEVERITIES[index]![0] : random.weighted(SEVERITIES),
    classification: null,
    determination: null,
    serviceSource,
    detectionSource: random.pick(sources),
    productName,
    detectorId: guid(random),
    tenantId,
    title: random.pick(titles),
    description: random.pick(pools.DESCRIPTIONS),
    recommendedActions: RECOMMENDED,
    category: category === 'Malware' ? random.pick(CATEGORIES) : category,
    assignedTo: null,
    alertWebUrl: `https://security.microsoft.com/alerts/${id}?tid=${tenantId}`,
    incidentWebUrl: `https://security.microsoft.com/incidents/${incidentId}?tid=${tenantId}`,
    actorDisplayName: random.chance(0.15) ? random.pick(pools.ACTORS) : null,
    threatDisplayName: threat ? threat[2] : null,
    threatFamilyName: threat ? threat[1] : null,
    mitreTechniques: Array.from(new Set(Array.from({ length: random.int(0, 3) }, () => random.pick(MITRE)))),
    createdDateTime: stamp,
    lastUpdateDateTime: stamp,
    resolvedDateTime: null,
    firstActivityDateTime: stampText(firstActivity, index + 3),
    lastActivityDateTime: stampText(created - BigInt(random.int(1_000, 60_000)) * TICKS_PER_MS, index + 5),
    comments: [],
    evidence: makeEvidence(random, index, stamp),
    systemTags: random.chance(0.2) ? ['Defender Experts'] : [],
    alertPolicyId: random.chance(0.3) ? guid(random) : null,
    additionalData: random.chance(0.3) ? { ruleKind: 'builtIn', customDetails: { machineCount: random.int(1, 9) } } : {},
  };
}

/**
 * The next version of an alert, stamped `stamp`: what analysts and automation do to alerts over their life
 * (assign, comment, investigate, resolve and classify, more evidence). `lastUpdateDateTime` moves to the stamp.
 */
export function updateGraphAlert(random: Random, previous: GraphAlert, stamp: UtcTicks, index: number): GraphAlert {
  const next: GraphAlert = structuredClone(previous);
  const text = stampText(stamp, index);
  next.lastUpdateDateTime = text;
  const roll = random.next();
  if (next.status === 'new' && roll < 0.5) {
    next.status = 'inProgress';
    next.assignedTo = random.pick(ANALYSTS);
  } else if (next.status !== 'resolved' && roll < 0.7) {
    const [classification, determination] = random.pick(CLASSIFICATIONS);
    Object.assign(next, { status: 'resolved', classification, determination, resolvedDateTime: text });
  } else if (roll < 0.85) {
    (next.comments as unknown[]).push({ comment: random.pick(COMMENTS), createdByDisplayName: random.pick(ANALYSTS), createdDateTime: text });
  } else {
    (next.evidence as unknown[]).push(...makeEvidence(random, index + 1, text).slice(0, 1));
    next.lastActivityDateTime = text;
  }
  return next;
}

/** Stamps with 7 fraction digits mostly, fewer sometimes (the service drops trailing zeros). */
function stampText(ticks: UtcTicks, index: number): string {
  const digits = [7, 7, 7, 6, 3, 7, 2, 7, 0][index % 9]!;
  const unit = 10n ** BigInt(7 - digits);
  let truncated = ticks - (ticks % unit);
  if (digits > 0 && (truncated / unit) % 10n === 0n) truncated += unit;
  return formatUtcTimestamp(truncated).replace(/\.?0+Z$/, 'Z');
}

const EVIDENCE_KINDS = ['device', 'file', 'process', 'user', 'ip', 'url', 'registryKey', 'mailbox', 'future'] as const;

/** Several evidence types per alert, rotated so a few alerts show them all (including one the parser cannot know). */
function makeEvidence(random: Random, index: number, created: string): unknown[] {
  const count = index % 11 === 10 ? 0 : random.int(2, 5);
  const base = (type: string): Record<string, unknown> => ({
    '@odata.type': `#microsoft.graph.security.${type}`,
    createdDateTime: created,
    verdict: random.pick(['unknown', 'suspicious', 'malicious']),
    remediationStatus: random.pick(['none', 'remediated', 'prevented']),
    remediationStatusDetails: null,
    roles: random.chance(0.3) ? ['compromised'] : [],
    detailedRoles: [],
    tags: [],
  });
  const host = random.pick(pools.MACHINES);
  const [fileName, filePath] = random.pick(pools.FILES);
  const file = {
    sha1: random.hex(40),
    sha256: random.hex(64),
    fileName,
    filePath,
    fileSize: random.int(1000, 9_000_000),
    filePublisher: null,
    signer: null,
    issuer: null,
  };
  const user = {
    accountName: random.pick(pools.USERS),
    domainName: random.pick(pools.USER_DOMAINS),
    userSid: `S-1-5-21-${random.int(1, 9e8)}-${random.int(1000, 9999)}`,
    azureAdUserId: guid(random),
    userPrincipalName: null,
    displayName: null,
  };
  return Array.from({ length: count }, (_, i) => {
    const kind = EVIDENCE_KINDS[(index + i) % EVIDENCE_KINDS.length]!;
    switch (kind) {
      case 'device':
        return {
          ...base('deviceEvidence'),
          mdeDeviceId: random.hex(40),
          azureAdDeviceId: null,
          deviceDnsName: `${host}.${random.pick(pools.DOMAINS)}`,
          osPlatform: 'Windows10',
          osBuild: random.int(19041, 22631),
          version: '22H2',
          healthStatus: 'active',
          riskScore: 'medium',
          rbacGroupId: 75,
          rbacGroupName: 'UnassignedGroup',
          onboardingStatus: 'onboarded',
          defenderAvStatus: 'updated',
          firstSeenDateTime: created,
          ipInterfaces: [random.pick(pools.IPV4)],
          loggedOnUsers: [],
          vmMetadata: null,
        };
      case 'file':
        return { ...base('fileEvidence'), detectionStatus: 'detected', mdeDeviceId: random.hex(40), fileDetails: file };
      case 'process':
        return {
          ...base('processEvidence'),
          processId: random.int(100, 30_000),
          parentProcessId: random.int(4, 1000),
          processCommandLine: random.pick(pools.COMMAND_LINES),
          processCreationDateTime: created,
          parentProcessCreationDateTime: created,
          detectionStatus: 'detected',
          mdeDeviceId: random.hex(40),
          imageFile: file,
          parentProcessImageFile: { ...file, fileName: 'services.exe', filePath: 'C:\\Windows\\System32' },
          userAccount: user,
        };
      case 'user':
        return { ...base('userEvidence'), userAccount: user };
      case 'ip':
        return { ...base('ipEvidence'), ipAddress: random.pick([...pools.IPV4, ...pools.IPV6]), countryLetterCode: random.pick(['US', 'DE', 'CN', null]) };
      case 'url':
        return { ...base('urlEvidence'), url: random.pick(pools.URLS) };
      case 'registryKey':
        return {
          ...base('registryKeyEvidence'),
          registryKey: 'SYSTEM\\CONTROLSET001\\CONTROL\\WMI\\AUTOLOGGER\\SENSEAUDITLOGGER',
          registryHive: 'HKEY_LOCAL_MACHINE',
        };
      case 'mailbox':
        return { ...base('mailboxEvidence'), displayName: 'Liz Bean', primaryAddress: 'liz.bean@contoso.com', userAccount: user };
      case 'future':
        // Microsoft adds evidence types over time ("over 40"); a parser must carry on past one it does not know.
        return { ...base('aiAgentEvidence'), agentName: 'Helpdesk assistant', instructions: 'Answer questions = politely' };
    }
  });
}

function guid(random: Random): string {
  const h = random.hex(32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'[random.int(0, 3)]}${h.slice(17, 20)}-${h.slice(20)}`;
}

/** Ticks of an epoch-ms instant plus a random sub-millisecond part, so stamps carry all seven digits. */
export function ticksWithin(random: Random, ms: number): UtcTicks {
  return ticksFromMs(ms) + BigInt(random.int(0, 9999));
}
