export type SmsMessage = {
  to: string;
  body: string;
  /** Our delivery id; the dev sender uses it as the message id so a retried send is stored once. */
  deliveryId: string;
  /** Where the provider reports delivery status (Twilio StatusCallback); undefined in dev. */
  statusCallbackUrl?: string | undefined;
};

export type SmsResult = { providerMessageId: string; providerStatus: string };

/** Thrown by an SmsSender; `permanent` errors (invalid number, opted out) are not retried. */
export class SmsError extends Error {
  constructor(
    message: string,
    public readonly permanent: boolean,
    public readonly providerCode?: number,
  ) {
    super(message);
    this.name = "SmsError";
  }
}

export type SmsSender = {
  readonly mode: "real" | "dev";
  readonly description: string;
  send(message: SmsMessage): Promise<SmsResult>;
};
