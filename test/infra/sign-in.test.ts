import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { staffRoles } from '../../functions/domain/access/roles.js';
import { lambdas } from '../../infra/catalogue.js';
import { STAFF_ADMIN_ACTIONS, STAFF_READ_ACTIONS, TRIGGER_OWN_POOL, type PlatformStack } from '../../infra/stacks/platform-stack.js';
import { contentSecurityPolicy } from '../../infra/web-security.js';
import { synthesise } from './synth.js';
import { STACK_NAMES } from '../../infra/bin/create-app.js';
import { configurationSetNameFor } from '../../infra/stacks/sending-identity-stack.js';

type Resource = { Type: string; Properties: Record<string, unknown>; Metadata?: Record<string, unknown> };
type Statement = { Effect: string; Action: string | string[]; Resource: unknown; Sid?: string };

let template: Template;
let stack: PlatformStack;

beforeAll(() => {
  ({ template, stack } = synthesise());
});

function logicalId(construct: { node: { defaultChild?: unknown } }): string {
  return stack.getLogicalId(construct.node.defaultChild as never);
}

function resources(type: string): Record<string, Resource> {
  return template.findResources(type) as Record<string, Resource>;
}

function resource(construct: { node: { defaultChild?: unknown } }): Resource {
  return (template.toJSON().Resources as Record<string, Resource>)[logicalId(construct)]!;
}

const staffPool = () => resource(stack.userPools.staffPool);
const referrerPool = () => resource(stack.userPools.referrerPool);

function statementsOfRole(roleId: string): Statement[] {
  return Object.values(resources('AWS::IAM::Policy'))
    .filter((p) => JSON.stringify(p.Properties.Roles) === JSON.stringify([{ Ref: roleId }]))
    .flatMap((p) => (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
}

const actionsOf = (s: Statement): string[] => (Array.isArray(s.Action) ? s.Action : [s.Action]);

describe('staff user pool', () => {
  it('requires MFA by authenticator app, never SMS, and not by email (email MFA would bar email recovery)', () => {
    const p = staffPool().Properties;
    expect(p.MfaConfiguration).toBe('ON');
    expect([...(p.EnabledMfas as string[])].sort()).toEqual(['SOFTWARE_TOKEN_MFA']);
    expect(p.SmsConfiguration).toBeUndefined();
  });

  it('account recovery is by email only and cannot bypass MFA (recovery resets the password; MFA stays ON)', () => {
    const p = staffPool().Properties;
    expect(p.AccountRecoverySetting).toEqual({ RecoveryMechanisms: [{ Name: 'verified_email', Priority: 1 }] });
    expect(p.MfaConfiguration).toBe('ON');
  });

  it('has a strong password policy and temporary passwords valid 3 days', () => {
    expect((staffPool().Properties.Policies as { PasswordPolicy: unknown }).PasswordPolicy).toEqual({
      MinimumLength: 12,
      RequireLowercase: true,
      RequireUppercase: true,
      RequireNumbers: true,
      RequireSymbols: true,
      TemporaryPasswordValidityDays: 3,
      PasswordHistorySize: 5,
    });
  });

  it('has no self sign-up, signs in by case-insensitive email, and is protected from deletion', () => {
    const r = staffPool();
    expect(r.Properties).toMatchObject({
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      UsernameAttributes: ['email'],
      UsernameConfiguration: { CaseSensitive: false },
      DeletionProtection: 'ACTIVE',
    });
    expect((r as unknown as { DeletionPolicy: string }).DeletionPolicy).toBe('Retain');
  });

  it('is on the Plus plan with threat protection enforced, and blocks breached passwords', () => {
    expect(staffPool().Properties).toMatchObject({ UserPoolTier: 'PLUS', UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' } });
    template.hasResourceProperties('AWS::Cognito::UserPoolRiskConfigurationAttachment', {
      UserPoolId: { Ref: logicalId(stack.userPools.staffPool) },
      ClientId: 'ALL',
      CompromisedCredentialsRiskConfiguration: { Actions: { EventAction: 'BLOCK' }, EventFilter: Match.arrayWith(['SIGN_IN']) },
    });
  });

  it('sends through the Board SES identity and configuration set', () => {
    for (const pool of [staffPool(), referrerPool()]) {
      expect(pool.Properties.EmailConfiguration).toMatchObject({
        EmailSendingAccount: 'DEVELOPER',
        // Named, not referenced: the configuration set is in the sending-identity stack (stage 1).
        ConfigurationSet: configurationSetNameFor(STACK_NAMES.identity),
      });
      const email = pool.Properties.EmailConfiguration as { From: string; SourceArn: unknown };
      expect(email.From).toContain('<scr-notifications@example.org>');
      expect(JSON.stringify(email.SourceArn)).toContain(':identity/example.org');
    }
  });

  it('invites with the username and temporary password only: no case content', () => {
    const invite = (staffPool().Properties.AdminCreateUserConfig as { InviteMessageTemplate: { EmailMessage: unknown; EmailSubject: string } })
      .InviteMessageTemplate;
    const body = JSON.stringify(invite.EmailMessage);
    expect(body).toContain('{username}');
    expect(body).toContain('{####}');
    // The only placeholders are Cognito's two; nothing about a referral, a child or a case reference.
    expect(body.match(/\{[^}"]*\}/g)?.filter((p) => !p.startsWith('{"')).sort()).toEqual(['{####}', '{username}']);
    expect(`${body} ${invite.EmailSubject}`).not.toMatch(/child(?!ren)|referral|SCR-\d/i);
    // It promises only what the web app does at first sign-in: a new password, then an authenticator app by QR code.
    expect(body).toMatch(/authenticator app/);
    expect(body).toMatch(/QR code/);
    expect(body).not.toMatch(/code sent by email/);
  });

  it('has one group per staff role, named exactly as functions/domain/access/roles.ts', () => {
    const groups = Object.values(resources('AWS::Cognito::UserPoolGroup'));
    expect(groups.map((g) => g.Properties.GroupName).sort()).toEqual([...staffRoles].sort());
    for (const g of groups) expect(g.Properties.UserPoolId).toEqual({ Ref: logicalId(stack.userPools.staffPool) });
  });

  it('carries no cdk-nag acknowledgement: COG1, COG2 and COG8 are met, not waived', () => {
    expect(staffPool().Metadata?.cdk_nag).toBeUndefined();
  });
});

describe('referrer user pool', () => {
  it('is self sign-up, passwordless by email code, MFA off, with the pre sign-up trigger', () => {
    const p = referrerPool().Properties;
    expect(p).toMatchObject({
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: false },
      UsernameAttributes: ['email'],
      UsernameConfiguration: { CaseSensitive: false },
      MfaConfiguration: 'OFF',
      UserPoolTier: 'ESSENTIALS',
      DeletionProtection: 'ACTIVE',
      AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'verified_email', Priority: 1 }] },
      Policies: { SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'EMAIL_OTP'] } },
      LambdaConfig: { PreSignUp: { 'Fn::GetAtt': [logicalId(stack.functions['cognito-pre-sign-up']!.function), 'Arn'] } },
    });
    expect((p.Policies as { PasswordPolicy: { MinimumLength: number } }).PasswordPolicy.MinimumLength).toBe(12);
  });

  it('lets only this pool invoke the trigger', () => {
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      Principal: 'cognito-idp.amazonaws.com',
      FunctionName: { 'Fn::GetAtt': [logicalId(stack.functions['cognito-pre-sign-up']!.function), 'Arn'] },
      SourceArn: { 'Fn::GetAtt': [logicalId(stack.userPools.referrerPool), 'Arn'] },
    });
  });

  it('acknowledges COG2 (no MFA) and COG8 (not Plus) with reasons, and nothing else', () => {
    const rules = (referrerPool().Metadata?.cdk_nag as { rules_to_suppress: { id: string; reason: string }[] }).rules_to_suppress;
    expect(rules.map((r) => r.id).sort()).toEqual(['AwsSolutions-COG2', 'AwsSolutions-COG8']);
    expect(rules.find((r) => r.id === 'AwsSolutions-COG2')!.reason).toMatch(/own referrals.*one-time code/s);
  });
});

describe('app clients', () => {
  it.each([
    ['staff', () => stack.userPools.staffClient, ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']],
    ['referrer', () => stack.userPools.referrerClient, ['ALLOW_USER_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']],
  ] as const)('%s: no secret, exact flows, revocation, no user existence errors, 15 min tokens, 8 h refresh', (_name, client, flows) => {
    const p = resource(client()).Properties;
    expect(p).toMatchObject({
      GenerateSecret: false,
      EnableTokenRevocation: true,
      PreventUserExistenceErrors: 'ENABLED',
      AllowedOAuthFlowsUserPoolClient: false,
      IdTokenValidity: 15,
      AccessTokenValidity: 15,
      RefreshTokenValidity: 480,
      TokenValidityUnits: { IdToken: 'minutes', AccessToken: 'minutes', RefreshToken: 'minutes' },
    });
    expect([...(p.ExplicitAuthFlows as string[])].sort()).toEqual([...flows].sort());
    expect(p.ReadAttributes).toEqual(['email', 'email_verified', 'name']);
    expect(p.WriteAttributes).not.toContain('email_verified');
  });

  it('staff cannot change their own email address (the business manager manages accounts)', () => {
    expect(resource(stack.userPools.staffClient).Properties.WriteAttributes).toEqual(['name']);
  });
});

describe('HTTP API authorizers', () => {
  it.each([
    ['staff', () => stack.userPools.staffPool, () => stack.userPools.staffClient],
    ['referrer', () => stack.userPools.referrerPool, () => stack.userPools.referrerClient],
  ] as const)('%s: JWT, issuer is the pool, audience is its client, token from the Authorization header', (name, pool, client) => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      Name: name,
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Issuer: { 'Fn::Join': ['', ['https://cognito-idp.eu-west-2.amazonaws.com/', { Ref: logicalId(pool()) }]] },
        Audience: [{ Ref: logicalId(client()) }],
      },
    });
  });

  it('every catalogue route has the authorizer its `auth` says; public and any have none, acknowledged', () => {
    const authorizerIds: Record<string, string> = Object.fromEntries(
      Object.entries(resources('AWS::ApiGatewayV2::Authorizer')).map(([id, a]) => [a.Properties.Name as string, id]),
    );
    const routes = Object.values(resources('AWS::ApiGatewayV2::Route'));
    const catalogueRoutes = lambdas.flatMap((l) => l.routes ?? []);
    expect(catalogueRoutes.length).toBe(routes.length);
    for (const route of catalogueRoutes) {
      const r = routes.find((x) => x.Properties.RouteKey === `${route.method} ${route.path}`);
      expect(r, `${route.method} ${route.path}`).toBeDefined();
      const acks = ((r!.Metadata?.cdk_nag as { rules_to_suppress?: { id: string }[] } | undefined)?.rules_to_suppress ?? []).map((x) => x.id);
      if (route.auth === 'staff' || route.auth === 'referrer') {
        expect(r!.Properties, `${route.method} ${route.path}`).toMatchObject({
          AuthorizationType: 'JWT',
          AuthorizerId: { Ref: authorizerIds[route.auth] },
        });
        expect(acks, `${route.method} ${route.path}`).not.toContain('AwsSolutions-APIG4');
      } else {
        expect(r!.Properties.AuthorizationType, `${route.method} ${route.path}`).toBe('NONE');
        expect(acks, `${route.method} ${route.path}`).toContain('AwsSolutions-APIG4');
      }
    }
  });

  it('the referral form is referrer-authorised', () => {
    const route = Object.values(resources('AWS::ApiGatewayV2::Route')).find((r) => r.Properties.RouteKey === 'POST /api/referrals')!;
    expect(route.Properties.AuthorizationType).toBe('JWT');
  });
});

describe('functions and the user pools', () => {
  it('every function knows both pools and clients and the idle timeout; a trigger gets its own pool from the event', () => {
    const ids = {
      STAFF_USER_POOL_ID: { Ref: logicalId(stack.userPools.staffPool) },
      STAFF_CLIENT_ID: { Ref: logicalId(stack.userPools.staffClient) },
      REFERRER_USER_POOL_ID: { Ref: logicalId(stack.userPools.referrerPool) },
      REFERRER_CLIENT_ID: { Ref: logicalId(stack.userPools.referrerClient) },
    };
    for (const spec of lambdas) {
      const vars = (resource(stack.functions[spec.id]!.function).Properties.Environment as { Variables: Record<string, unknown> }).Variables;
      expect(vars.SESSION_IDLE_MINUTES, spec.id).toBe('30');
      expect(vars.COGNITO_ENDPOINT, spec.id).toBeUndefined();
      for (const [name, ref] of Object.entries(ids)) {
        const own = spec.cognitoTrigger && name.startsWith(spec.cognitoTrigger.pool.toUpperCase());
        expect(vars[name], `${spec.id} ${name}`).toEqual(own ? TRIGGER_OWN_POOL : ref);
      }
    }
  });

  it('only managesUsers functions may use the staff admin API, with exactly the admin actions, on the staff pool only; readsUsers functions only list users', () => {
    for (const spec of lambdas) {
      const cognitoStatements = statementsOfRole(logicalId(stack.functions[spec.id]!.role)).filter((s) =>
        actionsOf(s).some((a) => a.startsWith('cognito-idp:')),
      );
      if (spec.managesUsers) {
        expect(cognitoStatements, spec.id).toHaveLength(1);
        expect([...actionsOf(cognitoStatements[0]!)].sort(), spec.id).toEqual([...STAFF_ADMIN_ACTIONS].sort());
        expect(cognitoStatements[0]!.Resource, spec.id).toEqual({ 'Fn::GetAtt': [logicalId(stack.userPools.staffPool), 'Arn'] });
      } else if (spec.readsUsers) {
        // Read only: is there an account for an address (the records request's invite-or-refuse).
        expect(cognitoStatements, spec.id).toHaveLength(1);
        expect([...actionsOf(cognitoStatements[0]!)].sort(), spec.id).toEqual([...STAFF_READ_ACTIONS].sort());
        expect(cognitoStatements[0]!.Resource, spec.id).toEqual({ 'Fn::GetAtt': [logicalId(stack.userPools.staffPool), 'Arn'] });
      } else {
        expect(cognitoStatements, spec.id).toEqual([]);
      }
    }
  });

  it('no policy allows deleting users or any cognito-idp wildcard', () => {
    const all = Object.values(resources('AWS::IAM::Policy')).flatMap(
      (p) => (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement,
    );
    const bad = all.filter(
      (s) =>
        s.Effect === 'Allow' &&
        actionsOf(s).some((a) => a === '*' || /^cognito-idp:.*\*/.test(a) || /^cognito-idp:(Admin)?DeleteUser(Pool)?$/.test(a)),
    );
    expect(bad).toEqual([]);
    expect(STAFF_ADMIN_ACTIONS).not.toContain('cognito-idp:AdminDeleteUser');
  });
});

describe('session idle timeout', () => {
  it('comes from context and is refused outside 5 to 480 minutes', () => {
    const { template: t, stack: s } = synthesise({ sessionIdleMinutes: '60' });
    const fn = (t.toJSON().Resources as Record<string, Resource>)[s.getLogicalId(s.functions['api-session']!.function.node.defaultChild as never)]!;
    expect((fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables.SESSION_IDLE_MINUTES).toBe('60');
    expect(() => synthesise({ sessionIdleMinutes: '2' })).toThrow(/sessionIdleMinutes/);
  });
});

describe('content security policy', () => {
  it('adds only the given Cognito origin to connect-src, and refuses anything wider', () => {
    expect(contentSecurityPolicy({ cognitoOrigin: 'https://cognito-idp.eu-west-2.amazonaws.com/' })).toContain(
      "connect-src 'self' https://cognito-idp.eu-west-2.amazonaws.com;",
    );
    for (const bad of ['https://*.amazonaws.com', 'http://cognito-idp.eu-west-2.amazonaws.com', "https://x.example; script-src 'unsafe-inline'", 'https://x.example/path']) {
      expect(() => contentSecurityPolicy({ cognitoOrigin: bad }), bad).toThrow(/cognitoOrigin/);
    }
  });
});
