import { TRPCClientError } from "@trpc/client";

/** The closed list of codes the server sends in `data.appCode` (and in `{error:{code}}` from plain HTTP routes). */
export type AppCode = "VALIDATION" | "NOT_FOUND" | "FORBIDDEN" | "CONFLICT" | "UNAUTHENTICATED" | "RATE_LIMITED" | "INTERNAL";
export type FieldErrors = Record<string, string[]>;

/** The one place app codes become words. Server messages are preferred when they are specific (see errorMessage). */
const codeMessages: Record<AppCode, string> = {
  VALIDATION: "Some of the information is not valid. Check the highlighted fields.",
  NOT_FOUND: "We could not find what you were looking for. It may have been removed.",
  FORBIDDEN: "You do not have permission to do this.",
  CONFLICT: "This conflicts with a change that was already made. Reload and try again.",
  UNAUTHENTICATED: "Your session has ended. Please sign in again.",
  RATE_LIMITED: "Too many attempts. Wait a moment and try again.",
  INTERNAL: "Something went wrong on our side. Please try again.",
};
const networkMessage = "We cannot reach the server. Check your connection and try again.";

/** Messages for `/sign-in?error=<code>` set by the Google sign-in callback. */
const signInErrorMessages: Record<string, string> = {
  google_unavailable: "Google sign-in is not set up on this server. Use your email and password.",
  google_cancelled: "Google sign-in was cancelled. You can try again or use your email and password.",
  google_state: "The Google sign-in took too long or was started in another tab. Please try again.",
  google_email_unverified: "Your Google account's email address is not verified, so we cannot use it to sign you in.",
  google_wrong_domain: "That Google account is not from an allowed organisation. Use your organisation account.",
  google_link_unverified:
    "An account with this email already exists. Sign in with your password and confirm your email before linking Google.",
  suspended: "This account is suspended. Contact your program administrator.",
  google_token: "Google sent a sign-in we could not verify. Please try again.",
  google_failed: "Google sign-in failed. Please try again in a moment.",
};

export function signInErrorMessage(code: string | undefined): string | null {
  if (!code) return null;
  return signInErrorMessages[code] ?? "Sign-in failed. Please try again.";
}

/** Error thrown by the plain HTTP routes (photo upload), shaped like the tRPC errors. */
export class HttpAppError extends Error {
  constructor(
    public readonly appCode: AppCode,
    message: string,
    public readonly fieldErrors: FieldErrors = {},
  ) {
    super(message);
    this.name = "HttpAppError";
  }
}

type ErrorData = { appCode?: AppCode; fieldErrors?: FieldErrors } | undefined;

function trpcData(err: unknown): ErrorData {
  if (err instanceof TRPCClientError) return (err as TRPCClientError<never>).data as ErrorData;
  return undefined;
}

/** The app code of any error the client sees; null when the server was never reached. */
export function appCodeOf(err: unknown): AppCode | null {
  if (err instanceof HttpAppError) return err.appCode;
  const data = trpcData(err);
  if (data?.appCode) return data.appCode;
  return null;
}

/** Field path -> messages from the server (e.g. "common.name", "mentor.expertise.0"). */
export function fieldErrorsOf(err: unknown): FieldErrors {
  if (err instanceof HttpAppError) return err.fieldErrors;
  return trpcData(err)?.fieldErrors ?? {};
}

/** A sentence to show the user. The server's own message is kept when it was written for people. */
export function errorMessage(err: unknown): string {
  if (!err) return "";
  const code = appCodeOf(err);
  if (!code) return networkMessage;
  if (code === "INTERNAL") return codeMessages.INTERNAL;
  const fieldErrors = fieldErrorsOf(err);
  // Zod messages arrive as "path: message"; the fields show them, the summary stays general.
  if (code === "VALIDATION" && Object.keys(fieldErrors).length > 0) return codeMessages.VALIDATION;
  const message = err instanceof Error ? err.message : "";
  return message.trim() ? message : codeMessages[code];
}

export function isUnauthenticated(err: unknown): boolean {
  return appCodeOf(err) === "UNAUTHENTICATED";
}

/** For places without form fields: the server's field messages themselves, else errorMessage. */
export function errorMessageWithFields(err: unknown): string {
  const messages = Object.values(fieldErrorsOf(err)).flat();
  return messages.length > 0 ? messages.join(" ") : errorMessage(err);
}
