// GSM 03.38 basic set (1 septet) and extension set (2 septets: escape + char). Anything else forces UCS-2.
const GSM_BASIC = new Set(
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà",
);
const GSM_EXT = new Set("^{}\\[~]|€");

export type SmsEncoding = "GSM-7" | "UCS-2";

export function smsEncoding(text: string): SmsEncoding {
  for (const ch of text) if (!GSM_BASIC.has(ch) && !GSM_EXT.has(ch)) return "UCS-2";
  return "GSM-7";
}

/** Length in the units segments are counted in (septets for GSM-7, UTF-16 code units for UCS-2). */
export function smsUnits(text: string, enc = smsEncoding(text)): number {
  if (enc === "UCS-2") return text.length;
  let n = 0;
  for (const ch of text) n += GSM_EXT.has(ch) ? 2 : 1;
  return n;
}

export function smsSegments(text: string): number {
  const enc = smsEncoding(text);
  const units = smsUnits(text, enc);
  const single = enc === "GSM-7" ? 160 : 70;
  const multi = enc === "GSM-7" ? 153 : 67;
  return units <= single ? 1 : Math.ceil(units / multi);
}

export const MAX_SMS_SEGMENTS = 2;

/**
 * Cuts a text to at most two segments. When it has to cut, it ends with an ellipsis and the link (if any), so
 * the reader can open the full message in the app. "…" is not in the GSM-7 alphabet: a GSM-7 text gets "..."
 * so that the cut text stays GSM-7 (306 characters in two segments, not 134).
 */
export function fitSms(text: string, link?: string): string {
  const clean = text.replace(/\s+/g, " ").trim();
  if (smsSegments(clean) <= MAX_SMS_SEGMENTS) return clean;
  const ellipsis = smsEncoding(clean + (link ?? "")) === "GSM-7" ? "..." : "…";
  const tail = link ? `${ellipsis} ${link}` : ellipsis;
  const enc = smsEncoding(clean + tail);
  const budget = (enc === "GSM-7" ? 153 : 67) * MAX_SMS_SEGMENTS - smsUnits(tail, enc);
  let out = "";
  for (const ch of clean) {
    if (smsUnits(out + ch, enc) > budget) break;
    out += ch;
  }
  // Prefer cutting at a word boundary when one is close.
  const space = out.lastIndexOf(" ");
  if (space > out.length - 20 && space > 0) out = out.slice(0, space);
  return `${out.trimEnd()}${tail}`;
}
