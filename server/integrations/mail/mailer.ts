export type MailAttachment = { filename: string; content: string; contentType: string };

export type MailMessage = {
  to: string;
  subject: string;
  text: string;
  html?: string | undefined;
  /** Stable per delivery, so a retried send carries the same Message-ID and receivers can drop duplicates. */
  messageId: string;
  headers?: Record<string, string>;
  attachments?: MailAttachment[];
};

export type SendResult = { providerMessageId: string };

/** Thrown by a Mailer; `permanent` errors are not retried (e.g. SMTP 5xx, rejected recipient). */
export class MailError extends Error {
  constructor(
    message: string,
    public readonly permanent: boolean,
  ) {
    super(message);
    this.name = "MailError";
  }
}

export type Mailer = {
  /** "real" when an SMTP server is configured, "dev" when messages are captured in the app. */
  readonly mode: "real" | "dev";
  readonly description: string;
  send(message: MailMessage): Promise<SendResult>;
  close(): Promise<void>;
};
