/**
 * The decisions of `npm run deploy` (infra/scripts/deploy.ts), pure: what to
 * do with a stack in a given CloudFormation state, whether the SES identity
 * is verified, which DNS records to publish, and the whole run against ports
 * that the script implements with the AWS and CDK CLIs and the tests with fakes.
 *
 * Every step reads the current state first, so the run can be repeated at any
 * point (after a failure, while DNS propagates, after success) and does only
 * what is still missing.
 */

/** What CloudFormation says about one stack; undefined status = it does not exist. */
export interface StackState {
  status: string;
  terminationProtection: boolean;
  outputs: Record<string, string>;
}

/** The SES identity as GetEmailIdentity reports it. */
export interface IdentityState {
  verifiedForSending: boolean;
  /** DkimAttributes.Status: PENDING, SUCCESS, FAILED, TEMPORARY_FAILURE, NOT_STARTED. */
  dkimStatus?: string;
  dkimTokens: string[];
  /** MailFromAttributes, when a custom MAIL FROM domain is configured. */
  mailFrom?: { domain: string; status?: string };
}

export type StackAction =
  /** Does not exist (or only an empty review stub): create it. */
  | { kind: 'create' }
  /** Exists in a stable state: deploy (CloudFormation applies only the differences). */
  | { kind: 'update' }
  /** Its first create failed and rolled back: CDK deletes and re-creates it, once protection is off. */
  | { kind: 'replace-failed-create'; disableProtection: boolean }
  /** A failed rollback or delete: delete it (retained resources stay), then create. */
  | { kind: 'delete-then-create'; disableProtection: boolean }
  /** An update whose rollback failed: continue the rollback, then come back. */
  | { kind: 'continue-rollback' }
  /** Another operation is running: come back when it has finished. */
  | { kind: 'wait'; status: string };

/** What to do with a stack, from its state. */
export function stackAction(state: StackState | undefined): StackAction {
  if (!state) return { kind: 'create' };
  const { status } = state;
  if (status === 'DELETE_COMPLETE' || status === 'REVIEW_IN_PROGRESS') return { kind: 'create' };
  if (status === 'ROLLBACK_COMPLETE') return { kind: 'replace-failed-create', disableProtection: state.terminationProtection };
  if (status === 'ROLLBACK_FAILED' || status === 'DELETE_FAILED') {
    return { kind: 'delete-then-create', disableProtection: state.terminationProtection };
  }
  if (status === 'UPDATE_ROLLBACK_FAILED') return { kind: 'continue-rollback' };
  if (status.endsWith('_IN_PROGRESS')) return { kind: 'wait', status };
  if (status.endsWith('_COMPLETE')) return { kind: 'update' };
  // IMPORT_ROLLBACK_FAILED, UPDATE_FAILED and anything new: let CloudFormation report it on deploy.
  return { kind: 'update' };
}

export type IdentityVerdict = 'verified' | 'pending' | 'failed' | 'missing';

/**
 * Whether the platform may be deployed: only when SES says the identity is
 * verified for sending (what Cognito checks when it creates the user pools).
 */
export function identityVerdict(identity: IdentityState | undefined): IdentityVerdict {
  if (!identity) return 'missing';
  if (identity.verifiedForSending && identity.dkimStatus === 'SUCCESS') return 'verified';
  if (identity.dkimStatus === 'FAILED') return 'failed';
  return 'pending';
}

/** The DNS records to publish for Easy DKIM (and the custom MAIL FROM domain, if any). */
export function dnsRecords(domain: string, identity: IdentityState, region: string): string[] {
  const records = identity.dkimTokens.map((t) => `${t}._domainkey.${domain}  CNAME  ${t}.dkim.amazonses.com`);
  if (identity.mailFrom) {
    records.push(`${identity.mailFrom.domain}  MX  10 feedback-smtp.${region}.amazonses.com`);
    records.push(`${identity.mailFrom.domain}  TXT  "v=spf1 include:amazonses.com ~all"`);
  }
  return records;
}

/** Where each stack lives. */
export interface StackRef {
  name: string;
  region: string;
}

export interface DeployTarget {
  identity: StackRef;
  /** The us-east-1 web ACL stack, unless the platform runs without it or with an existing ACL. */
  edgeWaf?: StackRef;
  platform: StackRef;
  /** The Board's sending domain. */
  emailDomain: string;
}

/** Everything the run does to the outside world. */
export interface DeployPorts {
  describeStack(stack: StackRef): Promise<StackState | undefined>;
  getEmailIdentity(domain: string, region: string): Promise<IdentityState | undefined>;
  /** SES GetAccount ProductionAccessEnabled (false = sandbox). */
  productionAccess(region: string): Promise<boolean>;
  /** `cdk deploy --exclusively <names>`, with extra context; throws when it fails. */
  cdkDeploy(stacks: string[], context: Record<string, string>): Promise<void>;
  deleteStack(stack: StackRef): Promise<void>;
  continueUpdateRollback(stack: StackRef): Promise<void>;
  setTerminationProtection(stack: StackRef, enabled: boolean): Promise<void>;
  print(line: string): void;
}

export type DeployOutcome =
  /** The platform is deployed. */
  | 'deployed'
  /** DNS or SES has not caught up: run again later. */
  | 'come-back-later'
  /** Something needs a person (a stack is busy, DKIM failed). */
  | 'stopped';

/**
 * One run of `npm run deploy`: the sending identity, its verification, then
 * the web ACL and the platform, then termination protection. Safe to run
 * again at any point: each step starts from what CloudFormation and SES say now.
 */
export async function runDeploy(target: DeployTarget, ports: DeployPorts): Promise<DeployOutcome> {
  const print = (line: string): void => ports.print(line);

  // --- Stage 1: the sending identity ----------------------------------------
  print(`Stage 1: ${target.identity.name} (SES identity ${target.emailDomain}) in ${target.identity.region}`);
  if (!(await prepareAndDeploy(target.identity, [target.identity.name], {}, ports))) return 'stopped';

  const identity = await ports.getEmailIdentity(target.emailDomain, target.identity.region);
  const verdict = identityVerdict(identity);
  if (verdict === 'missing') {
    print(`SES does not know ${target.emailDomain} in ${target.identity.region} although ${target.identity.name} is deployed. Run again; if it persists, check the stack's events.`);
    return 'stopped';
  }
  if (verdict !== 'verified') {
    const records = dnsRecords(target.emailDomain, identity!, target.identity.region);
    print(`SES has not verified ${target.emailDomain} yet (DKIM: ${identity!.dkimStatus ?? 'unknown'}). Publish these DNS records:`);
    for (const record of records) print(`  ${record}`);
    if (verdict === 'failed') {
      print('SES could not find them (DKIM FAILED): check the names and values exactly, then run "npm run deploy" again; SES retries once they resolve.');
      return 'stopped';
    }
    print('DNS changes can take up to 72 hours to be seen. Run "npm run deploy" again later: nothing needs cleaning up first.');
    return 'come-back-later';
  }
  print(`${target.emailDomain} is verified for sending.`);

  // --- Stage 2: web ACL and platform -------------------------------------------
  if (target.edgeWaf) {
    print(`Web ACL: ${target.edgeWaf.name} in ${target.edgeWaf.region}`);
    if (!(await prepareAndDeploy(target.edgeWaf, [target.edgeWaf.name], {}, ports))) return 'stopped';
  }
  print(`Stage 2: ${target.platform.name} in ${target.platform.region}`);
  if (!(await prepareAndDeploy(target.platform, [target.platform.name], { sesIdentityVerified: 'true' }, ports))) return 'stopped';

  const platform = await ports.describeStack(target.platform);
  if (platform && !platform.terminationProtection) {
    // Only now: a protected stack whose first create failed could not be replaced.
    await ports.setTerminationProtection(target.platform, true);
    print(`Termination protection is on for ${target.platform.name}.`);
  }

  if (!(await ports.productionAccess(target.platform.region))) {
    print(
      `SES sandbox: this account can only send to verified addresses, so invitations, sign-in codes and notifications to anyone else fail. ` +
        `Request production access (README, Deploy to AWS) before inviting staff.`,
    );
  }
  for (const key of ['AppUrl', 'StaffUserPoolId', 'AlarmTopicArn']) {
    const value = platform?.outputs[key];
    if (value) print(`${key}: ${value}`);
  }
  print('Deployed. Next: create the first business manager (README, Deploy to AWS).');
  return 'deployed';
}

/**
 * Brings one stack to a deployable state and deploys it. Returns false when
 * it must stop (busy, or a rollback needed continuing).
 */
async function prepareAndDeploy(
  ref: StackRef,
  names: string[],
  context: Record<string, string>,
  ports: DeployPorts,
): Promise<boolean> {
  const action = stackAction(await ports.describeStack(ref));
  switch (action.kind) {
    case 'wait':
      ports.print(`${ref.name} is ${action.status}: another deployment or deletion is running. Run "npm run deploy" again when it has finished.`);
      return false;
    case 'continue-rollback':
      ports.print(`${ref.name} is UPDATE_ROLLBACK_FAILED: continuing the rollback. Run "npm run deploy" again when it is UPDATE_ROLLBACK_COMPLETE.`);
      await ports.continueUpdateRollback(ref);
      return false;
    case 'replace-failed-create':
      ports.print(`${ref.name}'s first create failed and rolled back: it is replaced (resources it retained stay, unnamed, and do not block this).`);
      if (action.disableProtection) await ports.setTerminationProtection(ref, false);
      break;
    case 'delete-then-create':
      ports.print(`${ref.name} is stuck after a failed create or delete: deleting it (retained resources stay) before creating it again.`);
      if (action.disableProtection) await ports.setTerminationProtection(ref, false);
      await ports.deleteStack(ref);
      break;
    case 'create':
    case 'update':
      break;
  }
  await ports.cdkDeploy(names, context);
  return true;
}
