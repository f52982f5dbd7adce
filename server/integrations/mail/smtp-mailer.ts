import nodemailer from "nodemailer";
import type { Config } from "../../config";
import { MailError, type Mailer, type MailMessage, type SendResult } from "./mailer";

type SmtpConfig = NonNullable<Config["smtp"]>;

/** Gmail SMTP (app password or OAuth2 refresh token) or any SMTP server, through nodemailer. */
export function createSmtpMailer(smtp: SmtpConfig): Mailer {
  const auth =
    smtp.auth.kind === "password"
      ? { user: smtp.auth.user, pass: smtp.auth.pass }
      : smtp.auth.kind === "oauth2"
        ? {
            type: "OAuth2" as const,
            user: smtp.auth.user,
            clientId: smtp.auth.clientId,
            clientSecret: smtp.auth.clientSecret,
            refreshToken: smtp.auth.refreshToken,
            ...(smtp.auth.tokenUrl ? { accessUrl: smtp.auth.tokenUrl } : {}),
          }
        : undefined;
  const transport = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    ignoreTLS: smtp.ignoreTls,
    requireTLS: !smtp.secure && !smtp.ignoreTls,
    pool: true,
    maxConnections: 3,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
    ...(auth ? { auth } : {}),
  });
  return {
    mode: "real",
    description: `SMTP ${smtp.host}:${smtp.port} (${smtp.auth.kind === "oauth2" ? "OAuth2" : smtp.auth.kind === "password" ? "password" : "no auth"})`,
    async send(message: MailMessage): Promise<SendResult> {
      try {
        const info = await transport.sendMail({
          from: smtp.from,
          to: message.to,
          subject: message.subject,
          text: message.text,
          html: message.html,
          messageId: message.messageId,
          headers: message.headers,
          attachments: message.attachments,
        });
        return { providerMessageId: info.messageId ?? message.messageId };
      } catch (err) {
        const e = err as { responseCode?: number; permanent?: boolean; message?: string; code?: string };
        // SMTP 5xx (except auth problems, which an operator can fix) are permanent; 4xx and network errors retry.
        const permanent = e.code !== "EAUTH" && typeof e.responseCode === "number" && e.responseCode >= 500;
        throw new MailError(`${e.code ?? "SMTP"} ${e.responseCode ?? ""} ${e.message ?? String(err)}`.trim(), permanent);
      }
    },
    async close() {
      transport.close();
    },
  };
}
