import { describe, expect, it } from 'vitest';
import { contextArgs, deployTarget } from '../../infra/scripts/deploy.js';
import {
  dnsRecords,
  identityVerdict,
  runDeploy,
  stackAction,
  type DeployPorts,
  type DeployTarget,
  type IdentityState,
  type StackRef,
  type StackState,
} from '../../infra/scripts/deploy-plan.js';

const target: DeployTarget = {
  identity: { name: 'ScrSendingIdentity', region: 'eu-west-2' },
  edgeWaf: { name: 'ScrPlatformEdgeWaf', region: 'us-east-1' },
  platform: { name: 'ScrPlatform', region: 'eu-west-2' },
  emailDomain: 'example.org',
};

const pending: IdentityState = { verifiedForSending: false, dkimStatus: 'PENDING', dkimTokens: ['tok1', 'tok2', 'tok3'] };
const verified: IdentityState = { ...pending, verifiedForSending: true, dkimStatus: 'SUCCESS' };

/**
 * A fake account: stacks by name, the SES identity, and a `cdk deploy` that
 * creates or updates stacks (or fails, for the stacks named in `failing`).
 * Records every call in order.
 */
class FakeAccount implements DeployPorts {
  stacks = new Map<string, StackState>();
  identity: IdentityState | undefined;
  production = false;
  failing = new Set<string>();
  calls: string[] = [];
  lines: string[] = [];

  constructor(identityAfterDeploy: IdentityState = pending) {
    this.identityAfterDeploy = identityAfterDeploy;
  }
  private identityAfterDeploy: IdentityState;

  describeStack(ref: StackRef): Promise<StackState | undefined> {
    return Promise.resolve(this.stacks.get(ref.name));
  }
  getEmailIdentity(): Promise<IdentityState | undefined> {
    return Promise.resolve(this.identity);
  }
  productionAccess(): Promise<boolean> {
    return Promise.resolve(this.production);
  }
  cdkDeploy(stacks: string[], context: Record<string, string>): Promise<void> {
    this.calls.push(`deploy ${stacks.join(',')}${Object.keys(context).length ? ` ${JSON.stringify(context)}` : ''}`);
    for (const name of stacks) {
      const before = this.stacks.get(name);
      if (before?.status === 'ROLLBACK_COMPLETE' && before.terminationProtection) {
        return Promise.reject(new Error(`${name} is protected and cannot be replaced`));
      }
      if (this.failing.has(name)) {
        const firstCreate = !before || before.status === 'ROLLBACK_COMPLETE';
        this.stacks.set(name, { status: firstCreate ? 'ROLLBACK_COMPLETE' : 'UPDATE_ROLLBACK_COMPLETE', terminationProtection: false, outputs: {} });
        return Promise.reject(new Error(`cdk deploy ${name} failed`));
      }
      this.stacks.set(name, {
        status: before && before.status !== 'ROLLBACK_COMPLETE' ? 'UPDATE_COMPLETE' : 'CREATE_COMPLETE',
        terminationProtection: before?.terminationProtection ?? false,
        outputs: name === 'ScrPlatform' ? { AppUrl: 'https://d1.cloudfront.net', StaffUserPoolId: 'eu-west-2_abc' } : {},
      });
      if (name === 'ScrSendingIdentity' && !this.identity) this.identity = this.identityAfterDeploy;
    }
    return Promise.resolve();
  }
  deleteStack(ref: StackRef): Promise<void> {
    this.calls.push(`delete ${ref.name}`);
    if (this.stacks.get(ref.name)?.terminationProtection) return Promise.reject(new Error('protected'));
    this.stacks.delete(ref.name);
    return Promise.resolve();
  }
  continueUpdateRollback(ref: StackRef): Promise<void> {
    this.calls.push(`continue-rollback ${ref.name}`);
    return Promise.resolve();
  }
  setTerminationProtection(ref: StackRef, enabled: boolean): Promise<void> {
    this.calls.push(`protection ${ref.name} ${enabled}`);
    const s = this.stacks.get(ref.name);
    if (s) s.terminationProtection = enabled;
    return Promise.resolve();
  }
  print(line: string): void {
    this.lines.push(line);
  }
}

describe('stackAction', () => {
  const state = (status: string, terminationProtection = false): StackState => ({ status, terminationProtection, outputs: {} });

  it.each([
    [undefined, 'create'],
    [state('REVIEW_IN_PROGRESS'), 'create'],
    [state('DELETE_COMPLETE'), 'create'],
    [state('CREATE_COMPLETE'), 'update'],
    [state('UPDATE_COMPLETE'), 'update'],
    [state('UPDATE_ROLLBACK_COMPLETE'), 'update'],
    [state('ROLLBACK_COMPLETE'), 'replace-failed-create'],
    [state('ROLLBACK_FAILED'), 'delete-then-create'],
    [state('DELETE_FAILED'), 'delete-then-create'],
    [state('UPDATE_ROLLBACK_FAILED'), 'continue-rollback'],
    [state('CREATE_IN_PROGRESS'), 'wait'],
    [state('UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS'), 'wait'],
    [state('DELETE_IN_PROGRESS'), 'wait'],
  ] as const)('%j -> %s', (s, kind) => {
    expect(stackAction(s).kind).toBe(kind);
  });

  it('a failed first create of a protected stack turns protection off before it is replaced', () => {
    expect(stackAction(state('ROLLBACK_COMPLETE', true))).toEqual({ kind: 'replace-failed-create', disableProtection: true });
  });
});

describe('identityVerdict and dnsRecords', () => {
  it('is verified only when SES says verified for sending and DKIM succeeded', () => {
    expect(identityVerdict(undefined)).toBe('missing');
    expect(identityVerdict(pending)).toBe('pending');
    expect(identityVerdict({ ...pending, dkimStatus: 'TEMPORARY_FAILURE' })).toBe('pending');
    expect(identityVerdict({ ...pending, verifiedForSending: true })).toBe('pending');
    expect(identityVerdict({ ...pending, dkimStatus: 'FAILED' })).toBe('failed');
    expect(identityVerdict(verified)).toBe('verified');
  });

  it('prints the three DKIM CNAMEs, and the MAIL FROM MX and SPF records when configured', () => {
    expect(dnsRecords('example.org', { ...pending, mailFrom: { domain: 'mail.example.org' } }, 'eu-west-2')).toEqual([
      'tok1._domainkey.example.org  CNAME  tok1.dkim.amazonses.com',
      'tok2._domainkey.example.org  CNAME  tok2.dkim.amazonses.com',
      'tok3._domainkey.example.org  CNAME  tok3.dkim.amazonses.com',
      'mail.example.org  MX  10 feedback-smtp.eu-west-2.amazonses.com',
      'mail.example.org  TXT  "v=spf1 include:amazonses.com ~all"',
    ]);
  });
});

describe('runDeploy', () => {
  it('on an empty account deploys the identity, prints the DKIM records and stops before the platform', async () => {
    const account = new FakeAccount(pending);

    const outcome = await runDeploy(target, account);

    expect(outcome).toBe('come-back-later');
    expect(account.calls).toEqual(['deploy ScrSendingIdentity']);
    expect(account.stacks.has('ScrPlatform')).toBe(false);
    expect(account.lines).toContain('  tok1._domainkey.example.org  CNAME  tok1.dkim.amazonses.com');
    expect(account.lines.join('\n')).toMatch(/Run "npm run deploy" again later/);
  });

  it('once verified, deploys the web ACL, then the platform with the flag, then turns protection on', async () => {
    const account = new FakeAccount(pending);
    await runDeploy(target, account);
    account.identity = verified;

    const outcome = await runDeploy(target, account);

    expect(outcome).toBe('deployed');
    expect(account.calls).toEqual([
      'deploy ScrSendingIdentity',
      'deploy ScrSendingIdentity',
      'deploy ScrPlatformEdgeWaf',
      'deploy ScrPlatform {"sesIdentityVerified":"true"}',
      'protection ScrPlatform true',
    ]);
    expect(account.stacks.get('ScrPlatform')).toMatchObject({ status: 'CREATE_COMPLETE', terminationProtection: true });
    expect(account.lines.join('\n')).toMatch(/SES sandbox/);
    expect(account.lines).toContain('AppUrl: https://d1.cloudfront.net');
  });

  it('never deploys the platform while DKIM has failed, and says what to check', async () => {
    const account = new FakeAccount({ ...pending, dkimStatus: 'FAILED' });

    const outcome = await runDeploy(target, account);

    expect(outcome).toBe('stopped');
    expect(account.calls.some((c) => c.includes('ScrPlatform '))).toBe(false);
    expect(account.lines.join('\n')).toMatch(/DKIM FAILED/);
  });

  it('after a failed first create, a second run replaces the platform with no manual clean-up', async () => {
    const account = new FakeAccount(verified);
    account.failing.add('ScrPlatform');
    await expect(runDeploy(target, account)).rejects.toThrow(/failed/);
    // Protection was never turned on, so the rolled-back stack can be replaced.
    expect(account.stacks.get('ScrPlatform')).toMatchObject({ status: 'ROLLBACK_COMPLETE', terminationProtection: false });

    account.failing.clear();
    const outcome = await runDeploy(target, account);

    expect(outcome).toBe('deployed');
    expect(account.stacks.get('ScrPlatform')).toMatchObject({ status: 'CREATE_COMPLETE', terminationProtection: true });
  });

  it('a rolled-back stack someone protected by hand is unprotected before it is replaced', async () => {
    const account = new FakeAccount(verified);
    account.stacks.set('ScrPlatform', { status: 'ROLLBACK_COMPLETE', terminationProtection: true, outputs: {} });

    const outcome = await runDeploy(target, account);

    expect(outcome).toBe('deployed');
    expect(account.calls.indexOf('protection ScrPlatform false')).toBeLessThan(account.calls.indexOf('deploy ScrPlatform {"sesIdentityVerified":"true"}'));
  });

  it('a stack stuck in ROLLBACK_FAILED is deleted and created again', async () => {
    const account = new FakeAccount(verified);
    account.stacks.set('ScrPlatformEdgeWaf', { status: 'ROLLBACK_FAILED', terminationProtection: false, outputs: {} });

    expect(await runDeploy(target, account)).toBe('deployed');
    expect(account.calls).toContain('delete ScrPlatformEdgeWaf');
  });

  it('stops without touching a stack another operation is changing', async () => {
    const account = new FakeAccount(verified);
    account.stacks.set('ScrPlatform', { status: 'UPDATE_IN_PROGRESS', terminationProtection: true, outputs: {} });

    expect(await runDeploy(target, account)).toBe('stopped');
    expect(account.calls.filter((c) => c.includes('ScrPlatform ') || c.endsWith('ScrPlatform'))).toEqual([]);
  });

  it('run again after success: updates in place and changes nothing else', async () => {
    const account = new FakeAccount(verified);
    account.production = true;
    await runDeploy(target, account);
    account.calls = [];
    account.lines = [];

    expect(await runDeploy(target, account)).toBe('deployed');
    expect(account.calls).toEqual(['deploy ScrSendingIdentity', 'deploy ScrPlatformEdgeWaf', 'deploy ScrPlatform {"sesIdentityVerified":"true"}']);
    expect(account.lines.join('\n')).not.toMatch(/SES sandbox/);
  });

  it('without the edge stack (-c edgeWaf=false or an existing web ACL) deploys only identity and platform', async () => {
    const account = new FakeAccount(verified);
    const { edgeWaf: _none, ...withoutWaf } = target;

    expect(await runDeploy(withoutWaf, account)).toBe('deployed');
    expect(account.calls.filter((c) => c.startsWith('deploy'))).toEqual(['deploy ScrSendingIdentity', 'deploy ScrPlatform {"sesIdentityVerified":"true"}']);
  });
});

describe('command line', () => {
  it('reads -c, --context and --context= pairs', () => {
    expect(contextArgs(['-c', 'alarmEmail=a@b.org', '--context', 'edgeWaf=false', '--context=region=eu-west-1', '--profile', 'x'])).toEqual({
      alarmEmail: 'a@b.org',
      edgeWaf: 'false',
      region: 'eu-west-1',
    });
  });

  it('targets the same stacks the CDK app creates', () => {
    expect(deployTarget({}, 'example.org')).toEqual(target);
    expect(deployTarget({ edgeWaf: 'false', region: 'eu-west-1' }, 'example.org')).toEqual({
      identity: { name: 'ScrSendingIdentity', region: 'eu-west-1' },
      platform: { name: 'ScrPlatform', region: 'eu-west-1' },
      emailDomain: 'example.org',
    });
    expect(deployTarget({ webAclArn: 'arn:aws:wafv2:us-east-1:1:global/webacl/x/y' }, 'example.org').edgeWaf).toBeUndefined();
  });
});
