import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { App, Tags, Validations, type AppProps } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { EdgeWafStack } from '../stacks/edge-waf-stack.js';
import { PlatformStack } from '../stacks/platform-stack.js';
import { boardConfigPath, loadBoardConfig } from './board-config.js';
import { ensureWebDist } from './web-dist.js';

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** London: the Board's case data stays in the UK. */
export const DEFAULT_REGION = 'eu-west-2';

export interface CreatedApp {
  app: App;
  stack: PlatformStack;
  /** Only with `-c edgeWaf=true`. */
  edgeWaf?: EdgeWafStack;
  nag: AwsSolutionsChecks;
}

/**
 * Builds the CDK app: validates the Board configuration, creates the stack
 * and registers the cdk-nag AwsSolutions checks, which fail synth on any
 * finding that is not acknowledged with a reason.
 *
 * Context: `boardConfig` (file), `webDist` (built web app), `region`,
 * `alarmEmail`, `domainName` + `certificateArn`, `webAclArn`,
 * `allowedCountries` (comma-separated ISO codes), `sessionIdleMinutes`
 * (server-side idle timeout, default 30), and `edgeWaf=true` to add
 * the us-east-1 stack holding the CloudFront web ACL.
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

  const stack = new PlatformStack(app, 'ScrPlatform', {
    description: 'Serious Case Review platform (Local Safeguarding Children Board)',
    env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: context('region') ?? DEFAULT_REGION },
    terminationProtection: true,
    projectRoot: PROJECT_ROOT,
    board,
    webDist,
    ...(alarmEmail ? { alarmEmail } : {}),
    ...(domainName && certificateArn ? { customDomain: { domainName, certificateArn } } : {}),
    ...(webAclArn ? { webAclArn } : {}),
    ...(allowedCountries?.length ? { allowedCountries } : {}),
    ...(sessionIdleMinutes !== undefined ? { sessionIdleMinutes } : {}),
  });
  Tags.of(stack).add('Project', 'serious-case-review');
  Tags.of(stack).add('DataClassification', 'OFFICIAL-SENSITIVE');

  let edgeWaf: EdgeWafStack | undefined;
  if (context('edgeWaf') === 'true') {
    edgeWaf = new EdgeWafStack(app, 'ScrPlatformEdgeWaf', {
      description: 'Serious Case Review platform: CloudFront web ACL (must be in us-east-1)',
      env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: 'us-east-1' },
    });
    Tags.of(edgeWaf).add('Project', 'serious-case-review');
  }

  // Acknowledgements are also written into the template metadata, so the
  // deployed template carries every accepted finding with its reason.
  const nag = new AwsSolutionsChecks(app, { verbose: true, writeSuppressionsToCloudFormation: true });
  Validations.of(app).addPlugins(nag);
  return { app, stack, nag, ...(edgeWaf ? { edgeWaf } : {}) };
}
