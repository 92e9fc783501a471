import { SendEmailCommand, type SESv2Client } from '@aws-sdk/client-sesv2';
import type { Mailer, OutgoingEmail, SentEmail } from '../../ports/mailer.js';
import { TransientError } from '../../domain/errors.js';

/** Mailer on SES v2. Tags carry the reference and kind so delivery events can be matched to the case. */
export class SesMailer implements Mailer {
  constructor(
    private readonly ses: SESv2Client,
    private readonly from: string,
    private readonly replyTo: string | undefined,
    private readonly configurationSet: string | undefined,
  ) {}

  async send(email: OutgoingEmail): Promise<SentEmail> {
    try {
      const out = await this.ses.send(
        new SendEmailCommand({
          FromEmailAddress: this.from,
          ...(this.replyTo ? { ReplyToAddresses: [this.replyTo] } : {}),
          Destination: { ToAddresses: email.to },
          Content: {
            Simple: {
              Subject: { Data: email.subject, Charset: 'UTF-8' },
              Body: { Text: { Data: email.text, Charset: 'UTF-8' }, Html: { Data: email.html, Charset: 'UTF-8' } },
            },
          },
          EmailTags: Object.entries(email.tags).map(([Name, Value]) => ({ Name, Value: sanitiseTag(Value) })),
          ...(this.configurationSet ? { ConfigurationSetName: this.configurationSet } : {}),
        }),
      );
      if (!out.MessageId) throw new TransientError('SES accepted the email but returned no message id');
      return { messageId: out.MessageId };
    } catch (error) {
      const name = (error as { name?: string }).name ?? '';
      if (['ThrottlingException', 'TooManyRequestsException', 'ServiceUnavailable', 'InternalFailure'].includes(name)) {
        throw new TransientError(`SES is unavailable (${name})`, { cause: error });
      }
      throw error;
    }
  }
}

/** SES tag values allow letters, digits, _ - . @ only. */
const sanitiseTag = (v: string) => v.replace(/[^A-Za-z0-9_.@-]/g, '_').slice(0, 256);
