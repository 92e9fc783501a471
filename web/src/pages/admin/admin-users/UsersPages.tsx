import { useState, type FormEvent } from 'react';
import type * as z from 'zod';
import { roleLabels, staffRoles, type Role } from '../../../../../functions/domain/access/roles.js';
import { inviteUserSchema, updateUserSchema, userListSchema } from '../../../../../functions/schemas/api.js';
import { toFieldErrors, type FieldError } from '../../../../../functions/schemas/errors.js';
import { apiRequest, useApiGet, type ApiResult, type LoadState } from '../../../api/client.js';
import { SubmitButton, usePending } from '../../../components/Buttons.js';
import { ErrorSummary } from '../../../components/ErrorSummary.js';
import { Main } from '../../../components/Layout.js';
import { LoadProblem } from '../../../components/LoadProblem.js';
import { NotificationBanner, noticeFrom, type Notice } from '../../../components/NotificationBanner.js';
import { useTitle } from '../../../components/Page.js';
import { ProblemSummary } from '../../../components/ProblemSummary.js';
import { Radios } from '../../../components/Radios.js';
import { TextInput } from '../../../components/TextInput.js';
import type { RouteProps } from '../../../App.js';
import { Link, navigate, useLocation } from '../../../router.js';
import { StaffNotFound, StaffOnly } from '../../../staff/StaffOnly.js';

type StaffUser = z.infer<typeof userListSchema>['users'][number];

const USERS_PATH = '/admin/users';
const BUSINESS_MANAGER = ['business-manager'] as const;
const ROLE_ITEMS = staffRoles.map((role) => ({ value: role, label: roleLabels[role] }));
const roleLabel = (role: string | undefined): string => (role ? (roleLabels[role as Role] ?? role) : 'No role');

/** "Invited", "Active" or "Disabled", from Cognito's account status. */
function statusOf(user: StaffUser): { label: string; colour: string } {
  if (!user.enabled) return { label: 'Disabled', colour: 'govuk-tag--grey' };
  if (user.status === 'FORCE_CHANGE_PASSWORD') return { label: 'Invited', colour: 'govuk-tag--blue' };
  if (user.status === 'RESET_REQUIRED') return { label: 'Sign-in reset', colour: 'govuk-tag--yellow' };
  if (user.status === 'CONFIRMED') return { label: 'Active', colour: 'govuk-tag--green' };
  return { label: user.status.toLowerCase().replace(/_/g, ' '), colour: 'govuk-tag--grey' };
}

const SERVICE_PROBLEM = 'Sorry, there is a problem with the service. Try again later';

/** What a failed save says: field errors go in the summary, anything else is one problem. */
function failure(result: Exclude<ApiResult<unknown>, { kind: 'ok' }>): { errors: FieldError[]; problem: string | null } {
  if (result.kind === 'invalid') return { errors: result.errors, problem: null };
  if (result.kind === 'forbidden') return { errors: [], problem: 'Only the business manager can do this' };
  if (result.kind === 'conflict') return { errors: [], problem: result.message ?? SERVICE_PROBLEM };
  if (result.kind === 'not-found') return { errors: [], problem: 'This account no longer exists' };
  if (result.kind === 'unavailable' && result.message) return { errors: [], problem: result.message };
  return { errors: [], problem: SERVICE_PROBLEM };
}

/** "Users": staff accounts, with Invite and a Change link per person. */
export function UsersPage() {
  return <StaffOnly roles={BUSINESS_MANAGER}>{() => <Users />}</StaffOnly>;
}

function Users() {
  const location = useLocation();
  const heading = 'Users';
  useTitle(heading);
  const { state } = useApiGet('staff', '/api/users', userListSchema);
  const notice = noticeFrom(location.state);
  return (
    <Main wide>
      {notice ? <NotificationBanner notice={notice} /> : null}
      <h1 className="govuk-heading-l">{heading}</h1>
      <p className="govuk-body">People who can sign in to see cases. Invite someone to give them an account and a role.</p>
      <Link to={`${USERS_PATH}/invite`} className="govuk-button" draggable={false}>
        Invite someone
      </Link>
      {state.kind === 'loading' ? (
        <p className="govuk-body" role="status">
          Loading users…
        </p>
      ) : state.kind !== 'ok' ? (
        <LoadProblem state={state} what="the users" />
      ) : (
        <div className="app-table-wrapper">
          <table className="govuk-table">
            <caption className="govuk-table__caption govuk-table__caption--m">
              {state.data.users.length === 1 ? '1 user' : `${state.data.users.length} users`}
            </caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">Name</th>
                <th scope="col" className="govuk-table__header">Email address</th>
                <th scope="col" className="govuk-table__header">Role</th>
                <th scope="col" className="govuk-table__header">Status</th>
                <th scope="col" className="govuk-table__header">
                  <span className="govuk-visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {[...state.data.users]
                .sort((a, b) => a.name.localeCompare(b.name))
                .map((user) => {
                  const status = statusOf(user);
                  return (
                    <tr className="govuk-table__row" key={user.userId}>
                      <th scope="row" className="govuk-table__header">{user.name}</th>
                      <td className="govuk-table__cell">{user.email}</td>
                      <td className="govuk-table__cell">{roleLabel(user.role)}</td>
                      <td className="govuk-table__cell">
                        <strong className={`govuk-tag ${status.colour}`}>{status.label}</strong>
                      </td>
                      <td className="govuk-table__cell">
                        <Link className="govuk-link" to={`${USERS_PATH}/${encodeURIComponent(user.userId)}`}>
                          Change<span className="govuk-visually-hidden"> {user.name}’s role or account</span>
                        </Link>
                      </td>
                    </tr>
                  );
                })}
            </tbody>
          </table>
        </div>
      )}
    </Main>
  );
}

/** "Invite someone": POST /api/users with inviteUserSchema. Cognito emails them a temporary password. */
export function InviteUserPage() {
  return <StaffOnly roles={BUSINESS_MANAGER}>{() => <InviteUser />}</StaffOnly>;
}

function InviteUser() {
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [focusKey, setFocusKey] = useState(0);
  const [pending, run] = usePending();
  const heading = 'Invite someone';
  useTitle(heading, errors.length > 0 || problem !== null);

  const show = (next: { errors: FieldError[]; problem: string | null }) => {
    setErrors(next.errors);
    setProblem(next.problem);
    setFocusKey((k) => k + 1);
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const parsed = inviteUserSchema.safeParse({ name, email, role: role || undefined });
    if (!parsed.success) return show({ errors: toFieldErrors(parsed.error), problem: null });
    void run(async () => {
      const result = await apiRequest('staff', '/api/users', { method: 'POST', body: parsed.data });
      if (result.kind === 'ok') {
        const notice: Notice = {
          kind: 'success',
          heading: `We’ve sent an invitation to ${parsed.data.email}`,
          text: 'It has a temporary password. They’ll choose their own password when they first sign in.',
        };
        navigate(USERS_PATH, { state: { notice } });
      } else if (result.kind === 'conflict') {
        show({ errors: [{ name: 'email', href: '#email', text: result.message ?? 'There is already an account with this email address' }], problem: null });
      } else if (result.kind !== 'signed-out') {
        show(failure(result));
      }
    });
  };

  return (
    <Main backTo={USERS_PATH}>
      <ErrorSummary errors={errors} focusKey={focusKey} />
      {problem ? (
        <ProblemSummary title="There is a problem" focusKey={focusKey}>
          <p className="govuk-body">{problem}</p>
        </ProblemSummary>
      ) : null}
      <h1 className="govuk-heading-l">{heading}</h1>
      <p className="govuk-body">We’ll email them a temporary password and a link to sign in.</p>
      <form noValidate onSubmit={onSubmit}>
        <TextInput
          name="name"
          label="Full name"
          value={name}
          onChange={setName}
          error={errors.find((e) => e.name === 'name')?.text}
          autoComplete="off"
          spellCheck={false}
        />
        <TextInput
          name="email"
          label="Work email address"
          type="email"
          value={email}
          onChange={setEmail}
          error={errors.find((e) => e.name === 'email')?.text}
          autoComplete="off"
          spellCheck={false}
        />
        <Radios
          name="role"
          legend="Role"
          legendSize="m"
          hint="What they do in serious case reviews. You can change it later."
          items={ROLE_ITEMS}
          value={role}
          onChange={setRole}
          error={errors.find((e) => e.name === 'role')?.text}
        />
        <SubmitButton pending={pending} pendingText="Sending the invitation">
          Send invitation
        </SubmitButton>
      </form>
    </Main>
  );
}

/** One user: change their role, disable or enable their account (PATCH /api/users/{userId}). */
export function UserPage({ params }: RouteProps) {
  return <StaffOnly roles={BUSINESS_MANAGER}>{(session) => <User userId={params.userId ?? ''} me={session.userId} />}</StaffOnly>;
}

function User({ userId, me }: { userId: string; me: string }) {
  // There is no GET for one user: the list is small, so find them in it.
  const { state } = useApiGet('staff', '/api/users', userListSchema);
  const user = state.kind === 'ok' ? state.data.users.find((u) => u.userId === userId) : undefined;
  if (state.kind === 'ok' && !user) return <StaffNotFound />;
  if (state.kind === 'not-found') return <StaffNotFound />;
  return <UserForm state={state} user={user} isMe={userId === me} />;
}

function UserForm({ state, user, isMe }: { state: LoadState<z.infer<typeof userListSchema>>; user: StaffUser | undefined; isMe: boolean }) {
  const [role, setRole] = useState<string | null>(null);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [focusKey, setFocusKey] = useState(0);
  const [pending, run] = usePending();
  const heading = user ? user.name : 'User';
  useTitle(heading, errors.length > 0 || problem !== null);

  const show = (next: { errors: FieldError[]; problem: string | null }) => {
    setErrors(next.errors);
    setProblem(next.problem);
    setFocusKey((k) => k + 1);
  };

  const save = (change: { role?: string; enabled?: boolean }, done: string) => {
    if (!user) return;
    const parsed = updateUserSchema.safeParse(change);
    if (!parsed.success) return show({ errors: toFieldErrors(parsed.error), problem: null });
    void run(async () => {
      const result = await apiRequest('staff', `/api/users/${encodeURIComponent(user.userId)}`, {
        method: 'PATCH',
        body: parsed.data,
      });
      if (result.kind === 'ok') navigate(USERS_PATH, { state: { notice: { kind: 'success', heading: done } satisfies Notice } });
      else if (result.kind !== 'signed-out') show(failure(result));
    });
  };

  const chosenRole = role ?? user?.role ?? '';
  return (
    <Main backTo={USERS_PATH}>
      <ErrorSummary errors={errors} focusKey={focusKey} />
      {problem ? (
        <ProblemSummary title="There is a problem" focusKey={focusKey}>
          <p className="govuk-body">{problem}</p>
        </ProblemSummary>
      ) : null}
      <span className="govuk-caption-l">Users</span>
      <h1 className="govuk-heading-l">{heading}</h1>
      {!user ? (
        state.kind === 'loading' ? (
          <p className="govuk-body" role="status">
            Loading…
          </p>
        ) : (
          <LoadProblem state={state} what="this user" />
        )
      ) : (
        <>
          <dl className="govuk-summary-list govuk-!-margin-bottom-9">
            <div className="govuk-summary-list__row govuk-summary-list__row--no-actions">
              <dt className="govuk-summary-list__key">Email address</dt>
              <dd className="govuk-summary-list__value">{user.email}</dd>
            </div>
            <div className="govuk-summary-list__row govuk-summary-list__row--no-actions">
              <dt className="govuk-summary-list__key">Role</dt>
              <dd className="govuk-summary-list__value">{roleLabel(user.role)}</dd>
            </div>
            <div className="govuk-summary-list__row govuk-summary-list__row--no-actions">
              <dt className="govuk-summary-list__key">Account</dt>
              <dd className="govuk-summary-list__value">{statusOf(user).label}</dd>
            </div>
          </dl>

          <form
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              save({ role: chosenRole || undefined }, `${user.name}’s role is now ${roleLabel(chosenRole)}`);
            }}
          >
            <Radios
              name="role"
              legend="Change their role"
              legendSize="m"
              items={ROLE_ITEMS}
              value={chosenRole}
              onChange={setRole}
              error={errors.find((e) => e.name === 'role')?.text}
            />
            <SubmitButton pending={pending} pendingText="Saving">
              Save role
            </SubmitButton>
          </form>

          {user.enabled && !isMe ? <ResetSignIn user={user} pending={pending} run={run} show={show} /> : null}

          <h2 className="govuk-heading-m">{user.enabled ? 'Disable their account' : 'Enable their account'}</h2>
          {isMe ? (
            <p className="govuk-body">You cannot disable your own account. Ask another business manager.</p>
          ) : (
            <form
              noValidate
              onSubmit={(event) => {
                event.preventDefault();
                save(
                  { enabled: !user.enabled },
                  user.enabled ? `${user.name}’s account is disabled` : `${user.name}’s account is enabled`,
                );
              }}
            >
              <p className="govuk-body">
                {user.enabled
                  ? 'They will be signed out at once and will not be able to sign in until you enable the account again.'
                  : 'They will be able to sign in again with their password.'}
              </p>
              <SubmitButton
                pending={pending}
                pendingText="Saving"
                className={user.enabled ? 'govuk-button govuk-button--warning' : 'govuk-button govuk-button--secondary'}
              >
                {user.enabled ? 'Disable account' : 'Enable account'}
              </SubmitButton>
            </form>
          )}
        </>
      )}
    </Main>
  );
}

/**
 * "Send the invitation again" for someone who has never signed in, or
 * "Reset sign-in" for anyone else (POST /api/users/{userId}/reset-sign-in;
 * the server decides which from the account's status).
 */
function ResetSignIn({
  user,
  pending,
  run,
  show,
}: {
  user: StaffUser;
  pending: boolean;
  run: ReturnType<typeof usePending>[1];
  show: (next: { errors: FieldError[]; problem: string | null }) => void;
}) {
  const invited = user.status === 'FORCE_CHANGE_PASSWORD';
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    void run(async () => {
      const result = await apiRequest('staff', `/api/users/${encodeURIComponent(user.userId)}/reset-sign-in`, { method: 'POST', body: {} });
      if (result.kind === 'ok') {
        const notice: Notice = invited
          ? { kind: 'success', heading: `We’ve sent ${user.name} a new invitation`, text: 'It has a new temporary password, which lasts 3 days. The old one no longer works.' }
          : {
              kind: 'success',
              heading: `${user.name}’s sign-in has been reset`,
              text: 'We’ve emailed them a code to choose a new password. They will set up an authenticator app again when they next sign in.',
            };
        navigate(USERS_PATH, { state: { notice } });
      } else if (result.kind !== 'signed-out') {
        show(failure(result));
      }
    });
  };
  return (
    <form noValidate onSubmit={onSubmit} className="govuk-!-margin-bottom-9">
      {invited ? (
        <>
          <h2 className="govuk-heading-m">Send the invitation again</h2>
          <p className="govuk-body">
            They have not signed in yet. If their invitation has expired or they cannot find it, send a new one. It has a new temporary password; the
            old one stops working.
          </p>
          <SubmitButton pending={pending} pendingText="Sending" className="govuk-button govuk-button--secondary">
            Send invitation again
          </SubmitButton>
        </>
      ) : (
        <>
          <h2 className="govuk-heading-m">Reset their sign-in</h2>
          <p className="govuk-body">
            Do this if they cannot sign in: they have forgotten their password and cannot reset it themselves, or have lost the phone or computer
            with their authenticator app.
          </p>
          <p className="govuk-body">
            Their password and authenticator app stop working at once and they are signed out. We email them a code to choose a new password, and they
            set up an authenticator app again when they next sign in. You never see their password.
          </p>
          <SubmitButton pending={pending} pendingText="Resetting" className="govuk-button govuk-button--warning">
            Reset sign-in
          </SubmitButton>
        </>
      )}
    </form>
  );
}
