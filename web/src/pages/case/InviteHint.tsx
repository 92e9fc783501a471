import { Link } from '../../router.js';

/**
 * Under an email field refused because the address has no staff account (or
 * a disabled one): where the business manager fixes it, then asks again.
 * Shown only for that refusal (its wording comes from the server).
 */
export function InviteHint({ error, id }: { error: string | undefined; id: string }) {
  if (!/^(Invite|The account for) /.test(error ?? '')) return null;
  return (
    <p className="govuk-body" id={id}>
      <Link className="govuk-link" to="/admin/users/invite">
        Invite them on the Users page
      </Link>
    </p>
  );
}
