/**
 * Value pools for generated alerts. They imitate the shapes seen in published samples (hash lengths, `domain\user`
 * lists, directory-only FilePath, the `da` AlertId form, portal links) and deliberately include characters that
 * CEF must escape (`=`, `|`, `\`, line breaks), so a parser file meets them in the sandbox before production.
 */

export const SEVERITIES = [
  ['High', 3],
  ['Medium', 4],
  ['Low', 3],
  ['Informational', 2],
  ['UnSpecified', 1],
] as const;

/** Category and the titles that go with it. */
export const CATEGORY_TITLES: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['Malware', ["Microsoft Defender AV detected 'Mikatz' high-severity malware", 'Suspicious File Activity', "'Kovter' malware was detected"]],
  ['SuspiciousActivity', ['Suspicious PowerShell command line', 'Suspicious process injection observed', 'Unusual sequence of failed logons']],
  ['Privilege Escalation', ['Suspicious service registration', 'Token manipulation detected']],
  ['CredentialAccess', ['Sensitive credential memory read', 'Suspected DCSync attack (replication of directory services)']],
  ['LateralMovement', ['Suspicious remote WMI execution', 'PsExec launched a command on a remote device']],
  ['CommandAndControl', ['Connection to a custom network indicator', 'Suspicious network connection to a known C2 | beacon']],
  ['Ransomware', ['Ransomware behavior detected in the file system', 'File backups were deleted']],
  ['DefenseEvasion', ['Tampering with Microsoft Defender settings', "Suspicious 'rundll32.exe' usage: key=value"]],
  ['UnwantedSoftware', ['Potentially unwanted application detected']],
];

export const SOURCES = ['EDR', 'Antivirus', 'WindowsDefenderAtp', 'Windows Defender ATP', 'CustomTI', 'SmartScreen', 'AutomatedInvestigation'];

export const MACHINES = ['desktop-4a5ngd6', 'mymachine1', 'fin-laptop-07', 'srv-sql-02', 'dc01', 'hr-ws-113', 'build-agent-9', 'kiosk-lobby'];
export const DOMAINS = ['contoso.com', 'domain.com', 'corp.fabrikam.net', 'eu.contoso.com'];
export const USER_DOMAINS = ['CONTOSO', 'FABRIKAM', 'WORKGROUP'];
export const USERS = ['liz.bean', 'jay-hardee', 'Administrator', 'svc_backup', 'm.garcia', 'ahmed.k'];

export const FILES: ReadonlyArray<readonly [string, string]> = [
  ['powershell.exe', 'C:\\Windows\\SysWOW64\\WindowsPowerShell\\v1.0'],
  ['cmdParent.exe', 'C:\\WINDOWS\\SysWOW64\\boo3\\qwerty'],
  ['Robocopy.exe', 'C:\\Windows\\System32'],
  ['mimikatz.exe', 'C:\\Users\\Public\\Downloads'],
  ['invoice_0423.docm', 'C:\\Users\\liz.bean\\AppData\\Local\\Temp\\Outlook Temp'],
  ['rundll32.exe', 'C:\\Windows\\System32'],
  ['setup (1).exe', 'D:\\Shares\\IT\\tools\\new folder'],
];

export const THREATS: ReadonlyArray<readonly [string, string, string]> = [
  ['HackTool', 'Mikatz', 'HackTool:Win32/Mikatz!dha'],
  ['Trojan', 'Kovter', 'Trojan:Win32/Kovter.A'],
  ['Ransom', 'WannaCrypt', 'Ransom:Win32/WannaCrypt.A!rsm'],
  ['PUA', 'CoinMiner', 'PUA:Win32/CoinMiner'],
];

export const REMEDIATION_ACTIONS = ['quarantine', 'clean', 'remove', 'block'];
export const ACTORS = ['BORON', 'STRONTIUM', 'PLATINUM'];
export const MACHINE_GROUPS = ['UKMachines', 'FranceMachines', 'Servers', 'Finance'];
export const DEVICE_TAGS = ['VIP', 'Kiosk', 'Finance, VIP', 'Pilot'];
export const CLOUD_TAGS = ['Critical', 'Test devices', 'Critical, DMZ'];
export const URLS = ['down.esales360.cn', 'login-micros0ft.example.net/owa', 'http://198.51.100.23:8080/a.ps1?x=1&y=2'];

export const DESCRIPTIONS = [
  'Test Alert',
  'A process read credential material from memory.\r\nThis often precedes lateral movement.',
  'Command line matched a=b|c pattern; see C:\\Temp\\x.log',
  'Detected an unusual sequence of activities on the device.',
];

export const COMMAND_LINES = [
  'powershell.exe -nop -w hidden -enc SQBFAFgAIAAoAE4AZQB3AC0ATwBiAGoAZQBjAHQA',
  '"C:\\Windows\\System32\\rundll32.exe" C:\\Users\\Public\\a.dll,Start',
  'cmd.exe /c "whoami /all > C:\\Temp\\o.txt"',
];

export const IPV4 = ['218.90.204.141', '198.51.100.23', '203.0.113.7', '192.0.2.44'];
export const IPV6 = ['2001:db8::1', 'fe80::1c2b:3aff:fe4d:729c', '2001:db8:85a3::8a2e:370:7334'];
