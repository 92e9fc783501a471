import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { App, Tags, Validations, type AppProps } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { EdgeWafStack } from '../stacks/edge-waf-stack.js';
import { PlatformStack } from '../stacks/platform-stack.js';
import { configurationSetNameFor, SendingIdentityStack } from '../stacks/sending-identity-stack.js';
import { SES_IDENTITY_VERIFIED_CONTEXT } from '../constructs/verified-identity-guard.js';
import { boardConfigPath, loadBoardConfig } from './board-config.js';
import { ensureWebDist } from './web-dist.js';

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** London: the Board's case data stays in the UK. */
export const DEFAULT_REGION = 'eu-west-2';

/** Stack names: stage 1 (sending identity), the CloudFront web ACL (us-east-1), stage 2 (the platform). */
export const STACK_NAMES = {
  identity: 'ScrSendingIdentity',
  edgeWaf: 'ScrPlatformEdgeWaf',
  platform: 'ScrPlatform',
} as const;

export interface CreatedApp {
  app: App;
  stack: PlatformStack;
  /** Stage 1: SES identity and configuration set. */
  identity: SendingIdentityStack;
  /** The CloudFront web ACL in us-east-1: by default; not with `-c edgeWaf=false` or `-c webAclArn=...`. */
  edgeWaf?: EdgeWafStack;
  nag: AwsSolutionsChecks;
  /** cdk-nag's Serverless pack, run on synth next to AwsSolutions. */
  serverlessNag: ServerlessChecks;
}

/**
 * Builds the CDK app: validates the Board configuration, creates the stack
 * and registers the cdk-nag AwsSolutions checks, which fail synth on any
 * finding that is not acknowledged with a reason.
 *
 * Context: `boardConfig` (file), `webDist` (built web app), `region`,
 * `alarmEmail`, `domainName` + `certificateArn`, `webAclArn` (an existing
 * CLOUDFRONT web ACL instead of ours), `edgeWaf=false` (no web ACL at all),
 * `allowedCountries` (comma-separated ISO codes), `sessionIdleMinutes`
 * (server-side idle timeout, default 30), `mailFromDomain` (custom MAIL FROM
 * subdomain) and `sesIdentityVerified=true` (stage 2 may deploy).
 *
 * Three stacks: ScrSendingIdentity (stage 1, deploy and verify first),
 * ScrPlatformEdgeWaf (us-east-1: CloudFront web ACLs live there; its ARN
 * reaches the platform through CDK's cross-region references) and ScrPlatform.
 * No stack has termination protection in the template: a protected stack
 * whose first create failed cannot be deleted, so the next deploy could not
 * replace it. `npm run deploy` turns protection on once a create succeeded.
 */
export function createApp(props: AppProps = {}): CreatedApp {
  const app = new App(props);
  const context = (key: string): string | undefined => {
    const value: unknown = app.node.tryGetContext(key);
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
  };

  const board = loadBoardConfig(boardConfigPath(PROJECT_ROOT, context('boardConfig')));
  const webDist = ensureWebDist(PROJECT_ROOT, path.resolve(PROJECT_ROOT, context('webDist') ?? 'web/dist'));

  const domainName = context('domainName');
  const certificateArn = context('certificateArn');
  if (Boolean(domainName) !== Boolean(certificateArn)) {
    throw new Error('Context domainName and certificateArn go together: give both or neither.');
  }
  const webAclArn = context('webAclArn');
  const alarmEmail = context('alarmEmail');
  const allowedCountries = context('allowedCountries')
    ?.split(',')
    .map((c) => c.trim().toUpperCase())
    .filter(Boolean);
  if (allowedCountries?.some((c) => !/^[A-Z]{2}$/.test(c))) {
    throw new Error(`Context allowedCountries must be ISO 3166-1 alpha-2 codes, got: ${allowedCountries.join(',')}`);
  }

  const sessionIdleText = context('sessionIdleMinutes');
  const sessionIdleMinutes = sessionIdleText === undefined ? undefined : Number(sessionIdleText);

  const region = context('region') ?? DEFAULT_REGION;
  const account = process.env.CDK_DEFAULT_ACCOUNT;
  const emailDomain = board.board.emailFrom.split('@')[1] as string;
  const mailFromDomain = context('mailFromDomain');
  const identity = new SendingIdentityStack(app, STACK_NAMES.identity, {
    description: 'Serious Case Review platform, stage 1: SES sending identity (deploy, publish DKIM, verify)',
    env: { account, region },
    emailDomain,
    ...(mailFromDomain ? { mailFromDomain } : {}),
  });
  Tags.of(identity).add('Project', 'serious-case-review');

  const edgeWafText = context('edgeWaf');
  if (edgeWafText !== undefined && edgeWafText !== 'true' && edgeWafText !== 'false') {
    throw new Error(`Context edgeWaf must be true or false, got: ${edgeWafText}`);
  }
  let edgeWaf: EdgeWafStack | undefined;
  if (!webAclArn && edgeWafText !== 'false') {
    edgeWaf = new EdgeWafStack(app, STACK_NAMES.edgeWaf, {
      description: 'Serious Case Review platform: CloudFront web ACL (must be in us-east-1)',
      env: { account, region: 'us-east-1' },
      crossRegionReferences: true,
    });
    Tags.of(edgeWaf).add('Project', 'serious-case-review');
  }

  const sesIdentityVerified = context(SES_IDENTITY_VERIFIED_CONTEXT) === 'true';
  const stack = new PlatformStack(app, STACK_NAMES.platform, {
    description: 'Serious Case Review platform (Local Safeguarding Children Board)',
    env: { account, region },
    // See above: `npm run deploy` enables it after a successful create.
    terminationProtection: false,
    ...(edgeWaf ? { crossRegionReferences: true } : {}),
    projectRoot: PROJECT_ROOT,
    board,
    webDist,
    sendingIdentity: { stackName: identity.stackName, configurationSetName: configurationSetNameFor(identity.stackName) },
    sesIdentityVerified,
    ...(alarmEmail ? { alarmEmail } : {}),
    ...(domainName && certificateArn ? { customDomain: { domainName, certificateArn } } : {}),
    ...(webAclArn ? { webAclArn } : edgeWaf ? { webAclArn: edgeWaf.webAcl.attrArn } : {}),
    ...(allowedCountries?.length ? { allowedCountries } : {}),
    ...(sessionIdleMinutes !== undefined ? { sessionIdleMinutes } : {}),
  });
  stack.addStackDependency(identity, 'The user pools send through the verified SES identity');
  Tags.of(stack).add('Project', 'serious-case-review');
  Tags.of(stack).add('DataClassification', 'OFFICIAL-SENSITIVE');
  if (!sesIdentityVerified) {
    process.stderr.write(
      `[infra] ${STACK_NAMES.platform} will refuse to deploy (${SES_IDENTITY_VERIFIED_CONTEXT} is not true): ` +
        `run "npm run deploy", which deploys ${STACK_NAMES.identity}, prints the DKIM records and deploys the platform once SES has verified ${emailDomain}.\n`,
    );
  }

  // Acknowledgements are also written into the template metadata, so the
  // deployed template carries every accepted finding with its reason.
  const nag = new AwsSolutionsChecks(app, { verbose: true, writeSuppressionsToCloudFormation: true });
  const serverlessNag = new ServerlessChecks(app, { verbose: true, writeSuppressionsToCloudFormation: true });
  Validations.of(app).addPlugins(nag, serverlessNag);
  return { app, stack, identity, nag, serverlessNag, ...(edgeWaf ? { edgeWaf } : {}) };
}
