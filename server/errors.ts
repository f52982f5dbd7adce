/**
 * The one error type services throw. The tRPC error formatter and the plain HTTP routes map these codes;
 * the client maps them to messages in one place (client/src/lib/errors.ts).
 */
export const appErrorCodes = ["NOT_FOUND", "FORBIDDEN", "CONFLICT", "VALIDATION", "UNAUTHENTICATED", "RATE_LIMITED"] as const;
export type AppErrorCode = (typeof appErrorCodes)[number];

export class AppError extends Error {
  constructor(
    public readonly code: AppErrorCode,
    message: string,
    /** Field path -> messages, for VALIDATION errors that belong to a form field. */
    public readonly fieldErrors?: Record<string, string[]>,
  ) {
    super(message);
    this.name = "AppError";
  }

  static field(field: string, message: string): AppError {
    return new AppError("VALIDATION", message, { [field]: [message] });
  }
}

export const httpStatusOf: Record<AppErrorCode, number> = {
  NOT_FOUND: 404,
  FORBIDDEN: 403,
  CONFLICT: 409,
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  RATE_LIMITED: 429,
};
