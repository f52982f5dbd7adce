export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);
}

/** Escapes text for HTML and turns http(s) URLs into links; line breaks are kept. */
export function linkifyHtml(text: string): string {
  return text
    .split(/(https?:\/\/[^\s<>"']+)/g)
    .map((part, i) => {
      if (i % 2 === 0) return escapeHtml(part);
      // A trailing full stop or comma belongs to the sentence, not the URL.
      const m = /^(.*?)([.,;:!?)]*)$/.exec(part);
      const url = m?.[1] ?? part;
      const tail = m?.[2] ?? "";
      return `<a href="${escapeHtml(url)}" style="color:#4338ca">${escapeHtml(url)}</a>${escapeHtml(tail)}`;
    })
    .join("")
    .replace(/\n/g, "<br>");
}

/** One plain, accessible HTML layout; the text part carries the same words. */
export function renderEmail(opts: { heading: string; paragraphs: string[]; action?: { label: string; url: string }; footer?: string }) {
  const text = [
    opts.heading,
    "",
    ...opts.paragraphs.flatMap((p) => [p, ""]),
    ...(opts.action ? [`${opts.action.label}: ${opts.action.url}`, ""] : []),
    opts.footer ?? "You receive this because you have an account on our mentoring platform.",
  ].join("\n");
  const html = `<!doctype html><html lang="en"><body style="font-family:system-ui,sans-serif;color:#1f2937;max-width:560px;margin:auto;padding:24px">
<h1 style="font-size:20px">${escapeHtml(opts.heading)}</h1>
${opts.paragraphs.map((p) => `<p>${linkifyHtml(p)}</p>`).join("\n")}
${opts.action ? `<p><a href="${escapeHtml(opts.action.url)}" style="display:inline-block;background:#4338ca;color:#fff;padding:10px 16px;border-radius:6px;text-decoration:none">${escapeHtml(opts.action.label)}</a></p><p style="font-size:12px;color:#6b7280">Or paste this link into your browser: ${escapeHtml(opts.action.url)}</p>` : ""}
<p style="font-size:12px;color:#6b7280">${linkifyHtml(opts.footer ?? "You receive this because you have an account on our mentoring platform.")}</p>
</body></html>`;
  return { text, html };
}
