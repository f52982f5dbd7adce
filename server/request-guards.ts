import type { IncomingMessage } from "node:http";

/**
 * The checks every request passes before routing, shared by the HTTP handler and the socket.io handshake so
 * both follow one rule.
 */

// Loopback names and addresses: what a browser on the same machine uses (http://localhost:3000, 127.0.0.1,
// [::1], *.localhost), whatever the port.
function isLoopback(hostname: string): boolean {
  const h = hostname.toLowerCase();
  return h === "localhost" || h.endsWith(".localhost") || /^127(\.\d{1,3}){3}$/.test(h) || h === "[::1]";
}

/** Splits a Host header ("example.org:8443", "[::1]:3000") into a lower-case hostname and an optional port. */
function splitHost(host: string): { hostname: string; port: string | undefined } | null {
  const m = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/i.exec(host.trim());
  if (!m?.[1]) return null;
  return { hostname: m[1].toLowerCase(), port: m[2] };
}

/**
 * DNS rebinding: a foreign page that points its own name at our address would otherwise count as same-origin.
 * Known hosts are PUBLIC_URL's host, loopback, and each ALLOWED_HOSTS entry ("name" allows every port of
 * that name, "name:port" only that port).
 */
export function isKnownHost(hostHeader: string | undefined, publicUrl: string, allowedHosts: readonly string[]): boolean {
  if (!hostHeader) return false;
  const got = splitHost(hostHeader);
  if (!got) return false;
  if (isLoopback(got.hostname)) return true;
  const pub = new URL(publicUrl);
  if (got.hostname === pub.hostname.toLowerCase() && (got.port ?? "") === pub.port) return true;
  return allowedHosts.some((entry) => {
    const allowed = splitHost(entry);
    if (!allowed || allowed.hostname !== got.hostname) return false;
    return allowed.port === undefined || allowed.port === got.port;
  });
}

/** The public URL's origin and the origin the request was addressed to (a browser cannot forge Host cross-site). */
export function allowedOrigins(req: IncomingMessage, publicUrl: string): string[] {
  const host = req.headers.host;
  return [new URL(publicUrl).origin, ...(host ? [`http://${host}`, `https://${host}`] : [])];
}

/**
 * CSRF: a state-changing request must come from our own origin. Browsers always send Sec-Fetch-Site or Origin
 * on cross-site POSTs; non-browser clients (tests, scripts) send neither and carry no ambient cookie risk.
 */
export function isCrossSite(req: IncomingMessage, origins: string[]): boolean {
  const site = req.headers["sec-fetch-site"];
  if (typeof site === "string" && site !== "same-origin" && site !== "none") return true;
  const origin = req.headers.origin;
  if (typeof origin === "string" && origin !== "null" && !origins.includes(origin)) return true;
  if (origin === "null") return true;
  return false;
}
