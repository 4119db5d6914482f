import type { Transporter } from 'nodemailer';
import type { Logger } from '../../src/logger.js';
import type { OutboundMessage } from '../../src/messages/outbound-message.js';
import type { ChannelAdapter } from '../channel-adapter.js';
import { renderMailHtml, renderMailText } from './mail-html.js';
import { newMessageId } from './message-id.js';
import { withTicketNumber } from './email-reply.js';

export type SmtpSettings = {
  host?: string;
  port: number;
  /** Implicit TLS (465); otherwise STARTTLS when the server offers it. */
  secure: boolean;
  user?: string;
  password?: string;
  /** Our sender, e.g. `Service Desk <service@example.com>`. */
  from?: string;
};

const DEFAULT_SUBJECT: Record<string, string> = { 'zh-Hant': '客服通知', 'zh-Hans': '客服通知', en: 'Customer service' };

function stringMeta(meta: Record<string, unknown>, key: string): string | undefined {
  const value = meta[key];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/**
 * E-mail out over SMTP with nodemailer: a plain-text and a simple HTML part, Message-ID / In-Reply-To /
 * References from the row's meta so mail clients thread, the ticket number in the subject. Our mail says
 * what it is (Auto-Submitted for bot mail, X-Auto-Response-Suppress) so vacation robots do not answer it.
 */
export class SmtpAdapter implements ChannelAdapter {
  readonly kind = 'email' as const;
  readonly configured: boolean;
  private transporter: Promise<Transporter> | undefined;
  private readonly from: string;

  constructor(
    private readonly settings: SmtpSettings,
    private readonly logger: Logger,
  ) {
    this.configured = Boolean(settings.host);
    this.from = settings.from ?? settings.user ?? 'aftercare@localhost';
  }

  /** nodemailer is loaded with the first mail: an instance that sends none does not pay for it at start-up. */
  private transport(): Promise<Transporter> {
    const { settings } = this;
    if (!settings.host) throw new Error('SMTP is not configured (SMTP_HOST is empty)');
    const host = settings.host;
    this.transporter ??= import('nodemailer').then(({ default: nodemailer }) =>
      nodemailer.createTransport({
        host,
        port: settings.port,
        secure: settings.secure,
        auth: settings.user ? { user: settings.user, pass: settings.password ?? '' } : undefined,
        connectionTimeout: 30_000,
        greetingTimeout: 30_000,
        socketTimeout: 60_000,
      }),
    );
    return this.transporter;
  }

  async send(message: OutboundMessage): Promise<{ providerMessageId: string }> {
    const transporter = await this.transport();
    const meta = message.meta;
    const messageId = stringMeta(meta, 'messageId') ?? newMessageId(this.from);
    const inReplyTo = stringMeta(meta, 'inReplyTo');
    const references = Array.isArray(meta.references) ? meta.references.filter((r): r is string => typeof r === 'string') : [];
    const language = message.language ?? 'zh-Hant';
    const subject = withTicketNumber(message.subject ?? DEFAULT_SUBJECT[language] ?? DEFAULT_SUBJECT.en!, stringMeta(meta, 'ticketNumber'));
    const byBot = message.purpose !== 'staff_reply';
    const headers: Record<string, string> = { 'X-Auto-Response-Suppress': 'All', 'X-Aftercare-Outbound': '1', 'Content-Language': language };
    if (byBot) headers['Auto-Submitted'] = message.purpose === 'reply' || message.purpose === 'ack' ? 'auto-replied' : 'auto-generated';

    const info = await transporter.sendMail({
      from: this.from,
      to: message.to,
      subject,
      text: renderMailText({ text: message.text, choices: message.choices }),
      html: renderMailHtml({ text: message.text, choices: message.choices, language }),
      messageId: `<${messageId}>`,
      inReplyTo: inReplyTo ? `<${inReplyTo}>` : undefined,
      references: references.length ? references.map((r) => `<${r}>`) : undefined,
      headers,
    });
    this.logger.info({ to: message.to, messageId, smtpResponse: info.response }, 'e-mail sent');
    return { providerMessageId: messageId };
  }

  async stop(): Promise<void> {
    (await this.transporter)?.close();
  }
}
