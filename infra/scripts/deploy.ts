/**
 * `npm run deploy [-- -c name=value ...]`: deploys the platform to the AWS
 * account of the current credentials, in order, and can be run again at any
 * point (see runDeploy in deploy-plan.ts for the decisions):
 *
 * 1. ScrSendingIdentity (SES identity with DKIM, configuration set);
 * 2. prints the DKIM records to publish and stops until SES has verified them;
 * 3. ScrPlatformEdgeWaf (us-east-1) unless `-c edgeWaf=false` or `-c webAclArn=...`;
 * 4. ScrPlatform with `-c sesIdentityVerified=true`, then termination protection.
 *
 * Every `-c` option given is passed to each `cdk deploy`, so all stages are
 * synthesised with the same settings. Needs the AWS CLI v2 and credentials;
 * nothing here runs in tests (they use fakes of the same ports).
 *
 * Exit codes: 0 deployed, 2 waiting for DNS/SES (run again later), 1 stopped or failed.
 */
import { spawn } from 'node:child_process';
import { PROJECT_ROOT, DEFAULT_REGION, STACK_NAMES } from '../bin/create-app.js';
import { boardConfigPath, loadBoardConfig } from '../bin/board-config.js';
import { runDeploy, type DeployPorts, type DeployTarget, type IdentityState, type StackRef, type StackState } from './deploy-plan.js';

/** `-c name=value` / `--context name=value` pairs among the arguments. */
export function contextArgs(argv: string[]): Record<string, string> {
  const context: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const inline = /^--context=(.*)$/.exec(arg)?.[1];
    const pair = inline ?? (arg === '-c' || arg === '--context' ? argv[++i] : undefined);
    if (pair === undefined) continue;
    const eq = pair.indexOf('=');
    if (eq > 0) context[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return context;
}

/** Which stacks a run deploys, from the same context the CDK app reads. */
export function deployTarget(context: Record<string, string>, emailDomain: string): DeployTarget {
  const region = context.region?.trim() || DEFAULT_REGION;
  const withEdgeWaf = !context.webAclArn?.trim() && context.edgeWaf !== 'false';
  return {
    identity: { name: STACK_NAMES.identity, region },
    ...(withEdgeWaf ? { edgeWaf: { name: STACK_NAMES.edgeWaf, region: 'us-east-1' } } : {}),
    platform: { name: STACK_NAMES.platform, region },
    emailDomain,
  };
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], inherit = false): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: PROJECT_ROOT, stdio: inherit ? 'inherit' : ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function aws(args: string[], region: string): Promise<Run> {
  return run('aws', [...args, '--region', region, '--output', 'json']);
}

function failed(what: string, r: Run): Error {
  return new Error(`${what} failed (exit ${r.code}): ${r.stderr.trim().split('\n').slice(-3).join(' ')}`);
}

function realPorts(userArgs: string[]): DeployPorts {
  return {
    async describeStack(ref: StackRef): Promise<StackState | undefined> {
      const r = await aws(['cloudformation', 'describe-stacks', '--stack-name', ref.name], ref.region);
      if (r.code !== 0) {
        if (/does not exist/.test(r.stderr)) return undefined;
        throw failed(`describe-stacks ${ref.name}`, r);
      }
      const stack = (JSON.parse(r.stdout) as { Stacks: { StackStatus: string; EnableTerminationProtection?: boolean; Outputs?: { OutputKey: string; OutputValue: string }[] }[] }).Stacks[0];
      if (!stack) return undefined;
      return {
        status: stack.StackStatus,
        terminationProtection: stack.EnableTerminationProtection ?? false,
        outputs: Object.fromEntries((stack.Outputs ?? []).map((o) => [o.OutputKey, o.OutputValue])),
      };
    },
    async getEmailIdentity(domain, region): Promise<IdentityState | undefined> {
      const r = await aws(['sesv2', 'get-email-identity', '--email-identity', domain], region);
      if (r.code !== 0) {
        if (/NotFoundException/.test(r.stderr)) return undefined;
        throw failed(`sesv2 get-email-identity ${domain}`, r);
      }
      const identity = JSON.parse(r.stdout) as {
        VerifiedForSendingStatus?: boolean;
        DkimAttributes?: { Status?: string; Tokens?: string[] };
        MailFromAttributes?: { MailFromDomain?: string; MailFromDomainStatus?: string };
      };
      return {
        verifiedForSending: identity.VerifiedForSendingStatus ?? false,
        ...(identity.DkimAttributes?.Status ? { dkimStatus: identity.DkimAttributes.Status } : {}),
        dkimTokens: identity.DkimAttributes?.Tokens ?? [],
        ...(identity.MailFromAttributes?.MailFromDomain
          ? {
              mailFrom: {
                domain: identity.MailFromAttributes.MailFromDomain,
                ...(identity.MailFromAttributes.MailFromDomainStatus ? { status: identity.MailFromAttributes.MailFromDomainStatus } : {}),
              },
            }
          : {}),
      };
    },
    async productionAccess(region) {
      const r = await aws(['sesv2', 'get-account'], region);
      if (r.code !== 0) throw failed('sesv2 get-account', r);
      return (JSON.parse(r.stdout) as { ProductionAccessEnabled?: boolean }).ProductionAccessEnabled === true;
    },
    async cdkDeploy(stacks, context) {
      const extra = Object.entries(context).flatMap(([k, v]) => ['-c', `${k}=${v}`]);
      const r = await run('npx', ['cdk', 'deploy', '--exclusively', ...stacks, ...userArgs, ...extra], true);
      if (r.code !== 0) throw new Error(`cdk deploy ${stacks.join(' ')} failed (exit ${r.code}). Fix the cause shown above, then run "npm run deploy" again.`);
    },
    async deleteStack(ref) {
      const del = await aws(['cloudformation', 'delete-stack', '--stack-name', ref.name], ref.region);
      if (del.code !== 0) throw failed(`delete-stack ${ref.name}`, del);
      const wait = await aws(['cloudformation', 'wait', 'stack-delete-complete', '--stack-name', ref.name], ref.region);
      if (wait.code !== 0) throw failed(`waiting for ${ref.name} to be deleted`, wait);
    },
    async continueUpdateRollback(ref) {
      const r = await aws(['cloudformation', 'continue-update-rollback', '--stack-name', ref.name], ref.region);
      if (r.code !== 0) throw failed(`continue-update-rollback ${ref.name}`, r);
    },
    async setTerminationProtection(ref, enabled) {
      const flag = enabled ? '--enable-termination-protection' : '--no-enable-termination-protection';
      const r = await aws(['cloudformation', 'update-termination-protection', flag, '--stack-name', ref.name], ref.region);
      if (r.code !== 0) throw failed(`update-termination-protection ${ref.name}`, r);
    },
    print: (line) => console.log(line),
  };
}

async function main(): Promise<number> {
  const userArgs = process.argv.slice(2);
  const context = contextArgs(userArgs);
  const board = loadBoardConfig(boardConfigPath(PROJECT_ROOT, context.boardConfig));
  const emailDomain = board.board.emailFrom.split('@')[1] as string;
  const outcome = await runDeploy(deployTarget(context, emailDomain), realPorts(userArgs));
  return outcome === 'deployed' ? 0 : outcome === 'come-back-later' ? 2 : 1;
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
