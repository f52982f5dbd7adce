/**
 * The one allow-list for email HTML that people write (platform and program templates), applied with
 * sanitize-html when a template is saved, when a message is rendered from it, and by the worker just before any
 * email is sent (so rows written before this existed, such as reminders queued days ahead, are cleaned too).
 *
 * Kept: text formatting, headings, lists, tables, links (http, https and mailto only, always
 * rel="noopener noreferrer") and inline styles whose values cannot fetch anything. Removed: script, style, iframe,
 * object, form and its fields, every event handler, and all images. Remote images are tracking pixels; inline
 * `data:` images are refused as well, because Gmail and Outlook.com do not show them and they would let a template
 * grow past any sensible size. Link to a picture instead.
 */
import sanitizeHtml from "sanitize-html";

// rgb()/hsl() are the only parentheses allowed, so url(), image-set() and expression() cannot appear.
const SAFE_CSS_VALUE = /^(?:[#\w\s.,%'"+\-/!]|(?:rgba?|hsla?)\([\d\s.,%/]*\))*$/i;
const STYLE_PROPERTIES = [
  "color",
  "background-color",
  "background",
  "font-family",
  "font-size",
  "font-weight",
  "font-style",
  "line-height",
  "letter-spacing",
  "text-align",
  "text-decoration",
  "text-transform",
  "vertical-align",
  "white-space",
  "display",
  "width",
  "min-width",
  "max-width",
  "height",
  "margin",
  "margin-top",
  "margin-right",
  "margin-bottom",
  "margin-left",
  "padding",
  "padding-top",
  "padding-right",
  "padding-bottom",
  "padding-left",
  "border",
  "border-top",
  "border-right",
  "border-bottom",
  "border-left",
  "border-color",
  "border-style",
  "border-width",
  "border-radius",
  "border-collapse",
  "border-spacing",
];

const TABLE_CELL = ["width", "height", "colspan", "rowspan", "valign", "bgcolor", "scope", "headers"];

export const emailHtmlPolicy: sanitizeHtml.IOptions = {
  allowedTags: [
    "html",
    "body",
    "p",
    "br",
    "hr",
    "div",
    "span",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "strong",
    "b",
    "em",
    "i",
    "u",
    "s",
    "small",
    "sub",
    "sup",
    "abbr",
    "blockquote",
    "pre",
    "code",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "a",
    "table",
    "caption",
    "colgroup",
    "col",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "th",
    "td",
  ],
  allowedAttributes: {
    "*": ["style", "title", "dir", "lang", "align"],
    a: ["href", "rel"],
    table: ["width", "border", "cellpadding", "cellspacing", "bgcolor", "role"],
    td: TABLE_CELL,
    th: TABLE_CELL,
    col: ["span", "width"],
    colgroup: ["span", "width"],
    ol: ["start", "type"],
    li: ["value"],
  },
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesByTag: {},
  allowProtocolRelative: false,
  allowedStyles: { "*": Object.fromEntries(STYLE_PROPERTIES.map((p) => [p, [SAFE_CSS_VALUE]])) },
  // Their content goes with them: a <title> or <noscript> text should not turn up in the body.
  nonTextTags: ["script", "style", "textarea", "option", "noscript", "title", "head", "template", "iframe", "object", "select"],
  disallowedTagsMode: "discard",
  transformTags: {
    // A link never hands the opening page to the target or says where the reader came from.
    a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: "noopener noreferrer" } }),
  },
};

type Inventory = { tags: Map<string, number>; attributes: Map<string, number>; styles: Map<string, number> };

const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);

/** What the HTML holds: elements, attributes and inline style properties, counted, as sanitize-html parses it. */
function inventory(html: string): Inventory {
  const inv: Inventory = { tags: new Map(), attributes: new Map(), styles: new Map() };
  sanitizeHtml(html, {
    allowedTags: false,
    allowedAttributes: false,
    allowVulnerableTags: true,
    onOpenTag(name, attribs) {
      bump(inv.tags, name);
      for (const [attr, value] of Object.entries(attribs)) {
        bump(inv.attributes, `${name} ${attr}`);
        if (attr === "style") {
          for (const decl of value.split(";")) {
            const prop = decl.split(":")[0]?.trim().toLowerCase();
            if (prop) bump(inv.styles, prop);
          }
        }
      }
    },
  });
  return inv;
}

function lost(before: Map<string, number>, after: Map<string, number>): [string, number][] {
  return [...before].map(([k, n]): [string, number] => [k, n - (after.get(k) ?? 0)]).filter(([, n]) => n > 0);
}

const times = (n: number) => (n === 1 ? "" : ` (${n} times)`);

/** Sentences for the editor naming what the allow-list took out. */
function describeRemoved(before: Inventory, after: Inventory): string[] {
  const out: string[] = [];
  const goneTags = lost(before.tags, after.tags);
  for (const [tag, n] of goneTags) {
    const why = tag === "img" ? ": images are not allowed (remote images track readers; link to the picture instead)" : "";
    out.push(`<${tag}>${times(n)}${why}`);
  }
  const handlers = new Map<string, number>();
  const others = new Map<string, number>();
  let badLinks = 0;
  for (const [key, n] of lost(before.attributes, after.attributes)) {
    const [tag = "", attr = ""] = key.split(" ");
    // An attribute of a removed element went with it; a style is reported by property below.
    if (goneTags.some(([t]) => t === tag) || attr === "style") continue;
    if (attr.startsWith("on")) handlers.set(attr, (handlers.get(attr) ?? 0) + n);
    else if (attr === "href") badLinks += n;
    else others.set(`${attr} attribute on <${tag}>`, n);
  }
  for (const [attr, n] of handlers) out.push(`the ${attr} event handler${times(n)}`);
  if (badLinks)
    out.push(
      badLinks === 1 ? "a link address that is not http, https or mailto" : `${badLinks} link addresses that are not http, https or mailto`,
    );
  for (const [what, n] of others) out.push(`the ${what}${times(n)}`);
  for (const [prop, n] of lost(before.styles, after.styles)) out.push(`the style ${prop}${times(n)}`);
  return out;
}

/** The HTML with only what the allow-list keeps, and what was removed, in words (empty when nothing was). */
export function sanitizeEmailHtml(html: string): { html: string; removed: string[] } {
  if (html.trim() === "") return { html: "", removed: [] };
  const clean = sanitizeHtml(html, emailHtmlPolicy);
  return { html: clean, removed: clean === html ? [] : describeRemoved(inventory(html), inventory(clean)) };
}

/** The last pass before sending: the same allow-list over a whole message, keeping its doctype. */
export function sanitizeEmailDocument(html: string): string {
  const doctype = /^\s*<!doctype html>/i.exec(html)?.[0];
  const clean = sanitizeHtml(doctype ? html.slice(doctype.length) : html, emailHtmlPolicy);
  return doctype ? `<!doctype html>${clean}` : clean;
}
