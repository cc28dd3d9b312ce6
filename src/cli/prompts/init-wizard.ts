/**
 * The interactive questions of `init`. Every answer is checked as it is typed by the same schema that checks
 * values files (checkField), so the wizard can never produce values that `render` would reject.
 */
import { confirm, input, password, select } from '@inquirer/prompts';
import { InterruptedError } from '../../errors/index.js';
import {
  CLOUDS,
  CLOUD_IDS,
  DEFAULT_VALUES,
  GRAPH_DEFAULT_VALUES,
  KNOWN_RESOURCES,
  REGION_LABELS,
  SECRET_ID_FIX,
  SECRET_ID_MESSAGES,
  checkField,
  secretIdMistake,
  validateValues,
  type Cloud,
  type ConnectorValues,
  type Region,
  type SourceApi,
  type ValueField,
} from '../../connector/index.js';

export interface WizardIO {
  input: NodeJS.ReadableStream;
  /** Prompts are progress, not results: they go to stderr. */
  output: NodeJS.WritableStream;
}

export interface WizardStart {
  /** Answers known already (values file, flags): shown as defaults. */
  defaults: Partial<Record<ValueField, unknown>>;
  /** Keys given as flags: not asked again. */
  fixed: ReadonlySet<ValueField>;
  /** Ask for the secret (false when it came from --client-secret-env). */
  askSecret: boolean;
  /** Ask for the output folder (false when --out or --arcsight-home was given). */
  askOutDir: boolean;
  outDirDefault: string;
}

export interface WizardResult {
  values: ConnectorValues;
  /** undefined: keep the existing secret, or write it empty. */
  secret?: string;
  outDir?: string;
}

/** Ctrl+C and a closed input make @inquirer reject with ExitPromptError; the CLI reports that as exit 130. */
function isPromptExit(error: unknown): boolean {
  const name = (error as { name?: string } | null)?.name;
  return name === 'ExitPromptError' || name === 'AbortPromptError';
}

const validator =
  (field: ValueField, context: () => Partial<ConnectorValues>) =>
  (raw: string): string | true =>
    checkField(field, raw.trim(), context()) ?? true;

export async function runInitWizard(start: WizardStart, io: WizardIO): Promise<WizardResult> {
  const ctx = { input: io.input, output: io.output };
  const d = start.defaults;
  const answers: Partial<ConnectorValues> = {};
  const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
  const given = <K extends ValueField>(field: K): boolean => start.fixed.has(field);
  const so = (): Partial<ConnectorValues> => ({ ...(d as Partial<ConnectorValues>), ...answers });
  try {
    io.output.write('Set up the ArcSight FlexConnector REST files for Microsoft Defender alerts.\n');
    io.output.write('The values are on the app registration of the Microsoft Entra admin center (Azure AD).\n');

    if (!given('api')) {
      io.output.write('Graph alerts_v2 is proposed: Microsoft deprecated the SIEM API and may switch it off without notice.\n');
    }
    answers.api = given('api')
      ? (d.api as SourceApi)
      : await select<SourceApi>(
          {
            message: 'Source API:',
            choices: [
              { name: 'Microsoft Graph security alerts_v2 (recommended)', value: 'graph' },
              { name: 'WDATP SIEM API (legacy, for existing set-ups)', value: 'siem' },
            ],
            // Graph unless the values file given says siem: the SIEM API is deprecated and may be switched off.
            default: d.api === 'siem' ? 'siem' : 'graph',
          },
          ctx,
        );
    const graph = answers.api === 'graph';

    answers.tenant = given('tenant')
      ? (d.tenant as string)
      : (
          await input(
            {
              message: 'Tenant (directory ID GUID, or verified domain such as contoso.onmicrosoft.com):',
              default: str(d.tenant),
              validate: validator('tenant', so),
            },
            ctx,
          )
        ).trim();

    const cloudDefault = CLOUD_IDS.includes(d.cloud as Cloud) ? (d.cloud as Cloud) : DEFAULT_VALUES.cloud;
    answers.cloud = given('cloud')
      ? (d.cloud as Cloud)
      : await select<Cloud>(
          {
            message: 'Microsoft cloud:',
            choices: CLOUD_IDS.map((id) => ({ name: CLOUDS[id].label, value: id })),
            default: cloudDefault,
          },
          ctx,
        );

    const regions = graph ? [] : CLOUDS[answers.cloud].regions;
    if (regions.length > 0) {
      answers.region = given('region')
        ? (d.region as Region)
        : await select<Region>(
            {
              message: 'Defender data-centre region (where your tenant stores its data):',
              choices: regions.map((r) => ({ name: REGION_LABELS[r], value: r })),
              default: regions.includes(d.region as Region) ? (d.region as Region) : undefined,
            },
            ctx,
          );
    }

    answers.clientId = given('clientId')
      ? (d.clientId as string)
      : (
          await input(
            {
              message: 'Application (client) ID of the Azure AD app (GUID):',
              default: str(d.clientId),
              validate: validator('clientId', so),
            },
            ctx,
          )
        ).trim();

    let secret: string | undefined;
    if (start.askSecret) {
      const clientId = answers.clientId;
      const typed = await password(
        {
          message: 'Client secret value (input hidden; leave empty to keep the one in an existing file or fill it in later):',
          mask: '*',
          // The same check `validate` makes on the file (WDA107): a GUID is the secret ID, never the value.
          validate: (v: string) => {
            const mistake = secretIdMistake(v, clientId);
            return mistake ? `${SECRET_ID_MESSAGES[mistake]} ${SECRET_ID_FIX}` : true;
          },
        },
        ctx,
      );
      secret = typed === '' ? undefined : typed;
    }

    // Most users keep the defaults of these; one question instead of five. Graph has no resource and one
    // mapping profile (v3), so neither is asked; a value of the other API from a values file is not carried over.
    const advanced: ValueField[] = graph ? ['redirectUri', 'reauthenticate', 'prefix'] : ['resource', 'redirectUri', 'reauthenticate', 'prefix', 'mapping'];
    const keepAdvanced =
      advanced.every((f) => given(f)) ||
      !(await confirm(
        {
          message: graph
            ? 'Change the advanced settings (redirect URI, reauthenticate, file prefix)?'
            : 'Change the advanced settings (resource, redirect URI, reauthenticate, file prefix, mapping profile)?',
          default: false,
        },
        ctx,
      ));
    const pick = <K extends ValueField>(field: K, fallback: ConnectorValues[K]): ConnectorValues[K] => (d[field] as ConnectorValues[K] | undefined) ?? fallback;
    const siemMapping = (): ConnectorValues['mapping'] => (d.mapping === 'v1' ? 'v1' : DEFAULT_VALUES.mapping);
    if (graph) answers.mapping = GRAPH_DEFAULT_VALUES.mapping;
    if (keepAdvanced) {
      if (!graph) {
        answers.resource = pick('resource', DEFAULT_VALUES.resource);
        answers.mapping = siemMapping();
      }
      answers.redirectUri = pick('redirectUri', DEFAULT_VALUES.redirectUri);
      answers.reauthenticate = pick('reauthenticate', DEFAULT_VALUES.reauthenticate);
      answers.prefix = pick('prefix', DEFAULT_VALUES.prefix);
    } else {
      if (!graph)
        answers.resource = given('resource')
          ? (d.resource as string)
          : await select<string>(
              {
                message: 'Token resource:',
                choices: [
                  { name: 'https://graph.windows.net (apps created by the Defender portal)', value: KNOWN_RESOURCES[0]! },
                  { name: 'https://WDATPAlertExport.Seville.onmicrosoft.com (legacy, hand-made apps)', value: KNOWN_RESOURCES[1]! },
                ],
                default: pick('resource', DEFAULT_VALUES.resource),
              },
              ctx,
            );
      answers.redirectUri = given('redirectUri')
        ? (d.redirectUri as string)
        : (
            await input(
              {
                message: 'Redirect URI (loopback, explicit port; a reply URL of the app):',
                default: pick('redirectUri', DEFAULT_VALUES.redirectUri),
                validate: validator('redirectUri', so),
              },
              ctx,
            )
          ).trim();
      answers.reauthenticate = given('reauthenticate')
        ? (d.reauthenticate as boolean)
        : await confirm(
            {
              message: 'Let the connector re-run the browser sign-in when its refresh token fails (reauthenticate)?',
              default: pick('reauthenticate', DEFAULT_VALUES.reauthenticate),
            },
            ctx,
          );
      answers.prefix = given('prefix')
        ? (d.prefix as string)
        : (
            await input(
              {
                message: 'File prefix (the "Configuration File" of the connector form):',
                default: pick('prefix', DEFAULT_VALUES.prefix),
                validate: validator('prefix', so),
              },
              ctx,
            )
          ).trim();
      if (!graph)
        answers.mapping = given('mapping')
          ? (d.mapping as ConnectorValues['mapping'])
          : await select<ConnectorValues['mapping']>(
              {
                message: 'Mapping profile of the parser file:',
                choices: [
                  { name: 'v2: the documented 2.0 mapping (recommended)', value: 'v2' },
                  { name: 'v1: the legacy 1.0 mapping (for existing ESM content)', value: 'v1' },
                ],
                default: siemMapping(),
              },
              ctx,
            );
    }

    let outDir: string | undefined;
    if (start.askOutDir) {
      outDir = (
        await input(
          {
            message: 'Folder to write the files into:',
            default: start.outDirDefault,
            validate: (v) => (v.trim() === '' ? 'Enter a folder, e.g. . for the current one' : true),
          },
          ctx,
        )
      ).trim();
    }

    const values = validateValues(answers);
    return { values, secret, outDir };
  } catch (error) {
    if (isPromptExit(error)) throw new InterruptedError('Set-up cancelled; nothing was written.', { cause: error });
    throw error;
  }
}

/** The last question: the summary is shown above it; "no" writes nothing. */
export async function confirmWrite(summary: string, io: WizardIO): Promise<void> {
  io.output.write(`\n${summary}\n`);
  let ok: boolean;
  try {
    ok = await confirm({ message: 'Write these files?', default: true }, { input: io.input, output: io.output });
  } catch (error) {
    if (isPromptExit(error)) throw new InterruptedError('Set-up cancelled; nothing was written.', { cause: error });
    throw error;
  }
  if (!ok) throw new InterruptedError('Not confirmed; nothing was written.');
}
