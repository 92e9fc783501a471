import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { localCredentials } from '../dynamodb.js';
import { LOCAL_REGION } from '../arns.js';

/**
 * The emails the local pools send, through the real SES v2 client to the
 * platform's SES emulator (so they land in the Mailbox like every other
 * email). They carry only the code or temporary password and how long it
 * lasts: never anything about a case.
 */
export interface PoolMailerOptions {
  sesEndpoint: string;
  /** The Board's sending address (Board configuration `board.emailFrom`). */
  from: string;
  boardName: string;
  /** Where invited staff sign in: `<appUrl>/sign-in`. */
  signInUrl: string;
}

export type PoolEmail =
  | { kind: 'sign-in-code'; to: string; code: string; minutes: number }
  | { kind: 'verification-code'; to: string; code: string; minutes: number }
  | { kind: 'password-reset-code'; to: string; code: string; minutes: number }
  | { kind: 'sign-in-reset-code'; to: string; code: string; minutes: number }
  | { kind: 'invitation'; to: string; temporaryPassword: string; days: number };

export class PoolMailer {
  readonly #ses: SESv2Client;
  readonly #opts: PoolMailerOptions;

  constructor(opts: PoolMailerOptions) {
    this.#opts = opts;
    this.#ses = new SESv2Client({ endpoint: opts.sesEndpoint, region: LOCAL_REGION, credentials: localCredentials });
  }

  async send(email: PoolEmail): Promise<void> {
    const { subject, lines } = this.#compose(email);
    const text = lines.join('\n\n');
    const html = lines.map((l) => `<p>${escapeHtml(l)}</p>`).join('\n');
    await this.#ses.send(
      new SendEmailCommand({
        FromEmailAddress: this.#opts.from,
        Destination: { ToAddresses: [email.to] },
        Content: {
          Simple: {
            Subject: { Data: subject, Charset: 'UTF-8' },
            Body: { Text: { Data: text, Charset: 'UTF-8' }, Html: { Data: html, Charset: 'UTF-8' } },
          },
        },
      }),
    );
  }

  #compose(email: PoolEmail): { subject: string; lines: string[] } {
    switch (email.kind) {
      case 'sign-in-code':
        return {
          subject: 'Your sign-in code',
          lines: [
            `Your sign-in code is ${email.code}`,
            `It lasts ${email.minutes} minutes and works once.`,
            'If you did not try to sign in, you can ignore this email.',
          ],
        };
      case 'verification-code':
        return {
          subject: 'Your verification code',
          lines: [
            `Your verification code is ${email.code}`,
            `It lasts ${email.minutes} minutes and works once.`,
            'If you did not ask for an account, you can ignore this email.',
          ],
        };
      case 'password-reset-code':
        return {
          subject: 'Your password reset code',
          lines: [
            `Your password reset code is ${email.code}`,
            `It lasts ${email.minutes} minutes and works once.`,
            'If you did not ask to reset your password, you can ignore this email. Your password has not changed.',
          ],
        };
      case 'sign-in-reset-code':
        return {
          subject: 'Your sign-in has been reset',
          lines: [
            `The business manager has reset your sign-in. Your old password and authenticator app no longer work.`,
            `Go to ${this.#opts.signInUrl}/reset-password and choose a new password with this code: ${email.code}`,
            `The code lasts ${email.minutes} minutes and works once. If it has expired, ask for a new code at ${this.#opts.signInUrl}/forgot-password`,
            'When you next sign in, you will set up an authenticator app again.',
          ],
        };
      case 'invitation':
        // Says only what the web app can do: a new password, then an authenticator app (TOTP) set up with a QR code.
        return {
          subject: `Your account for ${this.#opts.boardName}`,
          lines: [
            `An account has been made for you. Sign in at ${this.#opts.signInUrl}`,
            `Your temporary password is ${email.temporaryPassword}`,
            `It lasts ${email.days} days. When you first sign in you will choose your own password, then set up an authenticator app (such as Microsoft Authenticator or Google Authenticator) on your phone or computer by scanning a QR code. The app gives you a code each time you sign in.`,
            'If you were not expecting this email, do not sign in: tell the business manager.',
          ],
        };
    }
  }

  destroy(): void {
    this.#ses.destroy();
  }
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}
