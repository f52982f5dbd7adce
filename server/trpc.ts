import { initTRPC, TRPCError } from "@trpc/server";
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server/rpc";
import superjson from "superjson";
import { ZodError, z } from "zod";
import type { SessionUser } from "./auth/session";
import type { AppDeps } from "./deps";
import { AppError, type AppErrorCode } from "./errors";
import { hasProgramRole, type ProgramRole } from "./modules/program/program-membership.service";

export type RequestInfo = {
  ip: string;
  userAgent: string;
  /** The raw Cookie header, for the known-device cookie at sign-in (the session cookie is read before routing). */
  cookieHeader?: string | undefined;
};

export type Context = AppDeps & {
  request: RequestInfo;
  user: SessionUser | null;
  sessionId: string | null;
  /** Queues a Set-Cookie header on the HTTP response (a no-op collector in direct calls). */
  setCookie(cookie: string): void;
};

const toTrpc: Record<AppErrorCode, TRPC_ERROR_CODE_KEY> = {
  NOT_FOUND: "NOT_FOUND",
  FORBIDDEN: "FORBIDDEN",
  CONFLICT: "CONFLICT",
  VALIDATION: "BAD_REQUEST",
  UNAUTHENTICATED: "UNAUTHORIZED",
  RATE_LIMITED: "TOO_MANY_REQUESTS",
};
const fromTrpc: Partial<Record<TRPC_ERROR_CODE_KEY, AppErrorCode>> = {
  NOT_FOUND: "NOT_FOUND",
  FORBIDDEN: "FORBIDDEN",
  CONFLICT: "CONFLICT",
  BAD_REQUEST: "VALIDATION",
  PARSE_ERROR: "VALIDATION",
  UNAUTHORIZED: "UNAUTHENTICATED",
  TOO_MANY_REQUESTS: "RATE_LIMITED",
  PAYLOAD_TOO_LARGE: "VALIDATION",
  METHOD_NOT_SUPPORTED: "VALIDATION",
  UNSUPPORTED_MEDIA_TYPE: "VALIDATION",
};

function fieldErrorsOf(zerr: ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of zerr.issues) {
    const key = issue.path.join(".") || "_";
    out[key] = [...(out[key] ?? []), issue.message];
  }
  return out;
}

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    let code: AppErrorCode | "INTERNAL" = fromTrpc[error.code] ?? "INTERNAL";
    let message = shape.message;
    let fieldErrors: Record<string, string[]> | undefined;
    if (cause instanceof AppError) {
      code = cause.code;
      message = cause.message;
      fieldErrors = cause.fieldErrors;
    } else if (cause instanceof ZodError) {
      code = "VALIDATION";
      fieldErrors = fieldErrorsOf(cause);
      const first = cause.issues[0];
      message = first ? `${first.path.join(".") || "input"}: ${first.message}` : "Invalid input";
    } else if (code === "INTERNAL") {
      // Unknown errors are logged where they happen (onError in app.ts); the client gets a generic message.
      message = "Something went wrong on our side. Please try again.";
    }
    return {
      message,
      code: shape.code,
      data: { code: shape.data.code, httpStatus: shape.data.httpStatus, path: shape.data.path, appCode: code, fieldErrors },
    };
  },
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Lets services throw AppError and still get the right tRPC status code. */
const appErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof AppError) {
    const cause = result.error.cause;
    throw new TRPCError({ code: toTrpc[cause.code], message: cause.message, cause });
  }
  return result;
});

/** The path ("a.b.0") of the first string in `value` holding a NUL character, which PostgreSQL text cannot store. */
function nulPath(value: unknown, path: string[] = [], depth = 0): string | null {
  if (typeof value === "string") return value.includes("\u0000") ? path.join(".") || "input" : null;
  if (depth > 8 || value === null || typeof value !== "object") return null;
  for (const [key, child] of Object.entries(value)) {
    const found = nulPath(child, [...path, key], depth + 1);
    if (found) return found;
  }
  return null;
}

/**
 * PostgreSQL refuses NUL in text with an error that would surface as a 500; every procedure refuses it first,
 * naming the field, so no single schema can forget to.
 */
const noNulCharacters = t.middleware(async ({ next, getRawInput }) => {
  const field = nulPath(await getRawInput());
  if (field) throw AppError.field(field, "This field contains an invisible control character (NUL); remove it.");
  return next();
});

/** Anyone, signed in or not. */
export const publicProcedure = t.procedure.use(appErrors).use(noNulCharacters);

/** A signed-in, active user. */
export const authedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.user || !ctx.sessionId) throw new AppError("UNAUTHENTICATED", "Please sign in.");
  return next({ ctx: { ...ctx, user: ctx.user, sessionId: ctx.sessionId } });
});

/** A platform administrator (a flag on the user, not a program role). */
export const platformAdminProcedure = authedProcedure.use(({ ctx, next }) => {
  if (!ctx.user.isPlatformAdmin) throw new AppError("FORBIDDEN", "Only platform administrators can do this.");
  return next();
});

export type { ProgramRole };

/** Throws FORBIDDEN unless the user holds one of `roles` (active) in the program; platform admins pass. */
export async function assertProgramRole(ctx: Context & { user: SessionUser }, programId: string, roles: ProgramRole[]) {
  if (ctx.user.isPlatformAdmin) return;
  if (!(await hasProgramRole(ctx.db, ctx.user.id, programId, roles)))
    throw new AppError("FORBIDDEN", "You do not have access to this program.");
}

const programInput = z.object({ programId: z.uuid() });

/** A procedure whose input carries `programId`; the caller must hold one of `roles` in that program. */
export function programRoleProcedure(...roles: ProgramRole[]) {
  return authedProcedure.use(async ({ ctx, next, getRawInput }) => {
    const parsed = programInput.safeParse(await getRawInput());
    if (!parsed.success) throw AppError.field("programId", "A valid program id is required.");
    await assertProgramRole(ctx, parsed.data.programId, roles);
    return next();
  });
}

/** Record ownership: user B can never act on user A's record by id. Admins may when `allowAdmin`. */
export function assertOwner(user: SessionUser, ownerId: string, opts: { allowAdmin?: boolean } = {}): void {
  if (user.id === ownerId) return;
  if (opts.allowAdmin && user.isPlatformAdmin) return;
  // NOT_FOUND rather than FORBIDDEN so ids of other people's records are not confirmed to exist.
  throw new AppError("NOT_FOUND", "Not found.");
}
