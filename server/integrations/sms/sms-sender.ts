export type SmsMessage = {
  to: string;
  body: string;
  /** Our delivery id; the dev sender uses it as the message id so a retried send is stored once. */
  deliveryId: string;
  /** Where the provider reports delivery status (Twilio StatusCallback); undefined in dev. */
  statusCallbackUrl?: string | undefined;
};

export type SmsResult = { providerMessageId: string; providerStatus: string };

/**
 * Thrown by an SmsSender; `permanent` errors (invalid number, opted out) are not retried. `outcomeUnknown` means
 * the provider may have taken the text even so (no answer, a timeout, a gateway error): the retry asks first.
 */
export class SmsError extends Error {
  constructor(
    message: string,
    public readonly permanent: boolean,
    public readonly providerCode?: number,
    public readonly outcomeUnknown = false,
  ) {
    super(message);
    this.name = "SmsError";
  }
}

export type SmsSender = {
  readonly mode: "real" | "dev";
  readonly description: string;
  send(message: SmsMessage): Promise<SmsResult>;
  /**
   * A text to `to` with this body that the provider took at or after `since` (an earlier attempt whose answer we
   * never recorded), or null. Senders whose `send` is already idempotent per delivery (the dev one) have none.
   */
  findSent?(query: { to: string; body: string; since: Date }): Promise<SmsResult | null>;
};
