import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminGetUserCommand,
  AdminListGroupsForUserCommand,
  AdminRemoveUserFromGroupCommand,
  AdminResetUserPasswordCommand,
  AdminSetUserMFAPreferenceCommand,
  AdminUserGlobalSignOutCommand,
  ListUsersCommand,
  ListUsersInGroupCommand,
  UsernameExistsException,
  type AttributeType,
  type CognitoIdentityProviderClient,
  type UserType,
} from '@aws-sdk/client-cognito-identity-provider';
import type { StaffUser, UserDirectory } from '../../ports/identity.js';
import { isStaffRole, staffRoles, type StaffRole } from '../../domain/access/roles.js';
import { ConflictError, NotFoundError } from '../../domain/errors.js';

const attr = (attrs: AttributeType[] | undefined, name: string) => attrs?.find((a) => a.Name === name)?.Value;

/** Staff accounts in the staff user pool; a user's role is their one role group. */
export class CognitoUserDirectory implements UserDirectory {
  constructor(
    private readonly cognito: CognitoIdentityProviderClient,
    private readonly userPoolId: string,
  ) {}

  async invite(input: { email: string; name: string; role: StaffRole }): Promise<StaffUser> {
    let user: UserType | undefined;
    try {
      ({ User: user } = await this.cognito.send(
        new AdminCreateUserCommand({
          UserPoolId: this.userPoolId,
          Username: input.email,
          UserAttributes: [
            { Name: 'email', Value: input.email },
            { Name: 'email_verified', Value: 'true' },
            { Name: 'name', Value: input.name },
          ],
          DesiredDeliveryMediums: ['EMAIL'],
        }),
      ));
    } catch (error) {
      if (error instanceof UsernameExistsException) throw new ConflictError('There is already an account for this email address');
      throw error;
    }
    await this.cognito.send(
      new AdminAddUserToGroupCommand({ UserPoolId: this.userPoolId, Username: user?.Username ?? input.email, GroupName: input.role }),
    );
    return this.#toStaffUser(user, input.role);
  }

  async list(): Promise<StaffUser[]> {
    const roleOf = new Map<string, StaffRole>();
    for (const role of staffRoles) {
      let NextToken: string | undefined;
      do {
        const out = await this.cognito.send(new ListUsersInGroupCommand({ UserPoolId: this.userPoolId, GroupName: role, NextToken }));
        for (const u of out.Users ?? []) if (u.Username) roleOf.set(u.Username, role);
        NextToken = out.NextToken;
      } while (NextToken);
    }
    const users: StaffUser[] = [];
    let PaginationToken: string | undefined;
    do {
      const out = await this.cognito.send(new ListUsersCommand({ UserPoolId: this.userPoolId, PaginationToken }));
      for (const u of out.Users ?? []) users.push(this.#toStaffUser(u, u.Username ? roleOf.get(u.Username) : undefined));
      PaginationToken = out.PaginationToken;
    } while (PaginationToken);
    return users.sort((a, b) => a.email.localeCompare(b.email));
  }

  async get(userId: string): Promise<StaffUser | undefined> {
    const username = await this.#usernameOf(userId);
    if (!username) return undefined;
    const out = await this.cognito.send(new AdminGetUserCommand({ UserPoolId: this.userPoolId, Username: username }));
    const groups = await this.cognito.send(new AdminListGroupsForUserCommand({ UserPoolId: this.userPoolId, Username: username }));
    const role = groups.Groups?.map((g) => g.GroupName ?? '').find(isStaffRole);
    return this.#toStaffUser(
      { Username: out.Username, Attributes: out.UserAttributes, Enabled: out.Enabled, UserStatus: out.UserStatus, UserCreateDate: out.UserCreateDate },
      role,
    );
  }

  async setRole(userId: string, role: StaffRole): Promise<void> {
    const username = await this.#requireUsername(userId);
    const groups = await this.cognito.send(new AdminListGroupsForUserCommand({ UserPoolId: this.userPoolId, Username: username }));
    for (const g of groups.Groups ?? []) {
      if (g.GroupName && isStaffRole(g.GroupName) && g.GroupName !== role) {
        await this.cognito.send(new AdminRemoveUserFromGroupCommand({ UserPoolId: this.userPoolId, Username: username, GroupName: g.GroupName }));
      }
    }
    await this.cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: this.userPoolId, Username: username, GroupName: role }));
    // Tokens carry groups: end current sessions so the new role applies at once.
    await this.cognito.send(new AdminUserGlobalSignOutCommand({ UserPoolId: this.userPoolId, Username: username }));
  }

  async setEnabled(userId: string, enabled: boolean): Promise<void> {
    const username = await this.#requireUsername(userId);
    await this.cognito.send(
      enabled
        ? new AdminEnableUserCommand({ UserPoolId: this.userPoolId, Username: username })
        : new AdminDisableUserCommand({ UserPoolId: this.userPoolId, Username: username }),
    );
    if (!enabled) await this.cognito.send(new AdminUserGlobalSignOutCommand({ UserPoolId: this.userPoolId, Username: username }));
  }

  async signOutEverywhere(userId: string): Promise<void> {
    const username = await this.#usernameOf(userId);
    if (username) await this.cognito.send(new AdminUserGlobalSignOutCommand({ UserPoolId: this.userPoolId, Username: username }));
  }

  async resetSignIn(userId: string): Promise<void> {
    const username = await this.#requireUsername(userId);
    // 1. Forget the second factors: a lost phone must not sign in again, and email MFA
    //    would make Cognito refuse email recovery. The next sign-in answers MFA_SETUP.
    await this.cognito.send(
      new AdminSetUserMFAPreferenceCommand({
        UserPoolId: this.userPoolId,
        Username: username,
        SoftwareTokenMfaSettings: { Enabled: false, PreferredMfa: false },
        EmailMfaSettings: { Enabled: false, PreferredMfa: false },
      }),
    );
    // 2. RESET_REQUIRED: the old password stops working and Cognito emails a code to choose a new one.
    await this.cognito.send(new AdminResetUserPasswordCommand({ UserPoolId: this.userPoolId, Username: username }));
    // 3. Whoever holds the current tokens is signed out.
    await this.cognito.send(new AdminUserGlobalSignOutCommand({ UserPoolId: this.userPoolId, Username: username }));
  }

  async reinvite(userId: string): Promise<void> {
    const username = await this.#requireUsername(userId);
    await this.cognito.send(
      new AdminCreateUserCommand({ UserPoolId: this.userPoolId, Username: username, MessageAction: 'RESEND', DesiredDeliveryMediums: ['EMAIL'] }),
    );
  }

  async #usernameOf(userId: string): Promise<string | undefined> {
    if (!/^[A-Za-z0-9-]{1,128}$/.test(userId)) return undefined;
    const out = await this.cognito.send(new ListUsersCommand({ UserPoolId: this.userPoolId, Filter: `sub = "${userId}"`, Limit: 1 }));
    return out.Users?.[0]?.Username;
  }

  async #requireUsername(userId: string): Promise<string> {
    const username = await this.#usernameOf(userId);
    if (!username) throw new NotFoundError('No such user');
    return username;
  }

  #toStaffUser(u: UserType | undefined, role: StaffRole | undefined): StaffUser {
    return {
      userId: attr(u?.Attributes, 'sub') ?? u?.Username ?? '',
      email: (attr(u?.Attributes, 'email') ?? u?.Username ?? '').toLowerCase(),
      name: attr(u?.Attributes, 'name') ?? '',
      role,
      enabled: u?.Enabled ?? true,
      status: u?.UserStatus ?? 'UNKNOWN',
      createdAt: (u?.UserCreateDate ?? new Date(0)).toISOString(),
    };
  }
}
