import type { FieldError } from '../../../functions/schemas/errors.js';
import { PASSWORD_RULES } from '../auth/cognito.js';
import { TextInput } from './TextInput.js';

interface NewPasswordFieldsProps {
  password: string;
  confirm: string;
  onPasswordChange: (value: string) => void;
  onConfirmChange: (value: string) => void;
  errors: readonly FieldError[];
}

/** "New password" (with the pool's rules as its hint) and "Confirm new password": first sign-in and password reset. */
export function NewPasswordFields({ password, confirm, onPasswordChange, onConfirmChange, errors }: NewPasswordFieldsProps) {
  return (
    <>
      <TextInput
        name="newPassword"
        label="New password"
        hint={
          <>
            Your password must:
            <ul className="govuk-list govuk-list--bullet govuk-hint govuk-!-margin-bottom-0">
              {PASSWORD_RULES.map((rule) => (
                <li key={rule}>{rule}</li>
              ))}
            </ul>
          </>
        }
        type="password"
        value={password}
        onChange={onPasswordChange}
        error={errors.find((e) => e.name === 'newPassword')?.text}
        autoComplete="new-password"
        spellCheck={false}
      />
      <TextInput
        name="confirmPassword"
        label="Confirm new password"
        type="password"
        value={confirm}
        onChange={onConfirmChange}
        error={errors.find((e) => e.name === 'confirmPassword')?.text}
        autoComplete="new-password"
        spellCheck={false}
      />
    </>
  );
}
