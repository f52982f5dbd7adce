import pino from "pino";

export type Logger = pino.Logger;

// Redaction is a safety net: code never logs tokens or passwords on purpose.
export function createLogger(level: string, name = "mis"): Logger {
  return pino({
    name,
    level,
    redact: {
      paths: ["password", "*.password", "token", "*.token", "cookie", "*.cookie", "headers.cookie", "secret", "*.secret"],
      censor: "[redacted]",
    },
  });
}

export const silentLogger: Logger = pino({ level: "silent" });
