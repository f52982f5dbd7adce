import { describe, expect, it } from "vitest";
import { renderEmail } from "./email-layout";
import { sanitizeEmailDocument, sanitizeEmailHtml } from "./email-sanitizer";

describe("the email HTML allow-list", () => {
  it("keeps formatting, headings, lists, tables, safe inline styles and template variables", () => {
    const html =
      '<h2 style="color:#4338ca;font-size:18px">Hi {{recipient.name}}</h2><p><strong>Bold</strong> <em>and</em> <u>more</u></p>' +
      '<ul><li>One</li></ul><ol start="2"><li>Two</li></ol><table width="100%" cellpadding="4"><tr><th scope="col">A</th>' +
      '<td colspan="2" style="background-color:rgb(240, 240, 255)">{{programName}}</td></tr></table><blockquote>Quote</blockquote>';
    const out = sanitizeEmailHtml(html);
    expect(out).toEqual({ html, removed: [] });
  });

  it("every link keeps only http, https or mailto addresses and gets rel=noopener noreferrer", () => {
    const out = sanitizeEmailHtml(
      '<a href="{{link}}">Open</a> <a href="https://example.org/x" target="_blank">Site</a> <a href="mailto:help@example.org">Mail</a>' +
        ' <a href="JaVaScRiPt:alert(1)">A</a> <a href="java&#x09;script:alert(1)">B</a> <a href="javascript&#58;alert(1)">C</a>' +
        ' <a href="//evil.example/p">D</a> <a href="data:text/html,<script>alert(1)</script>">E</a> <a href="vbscript:x">F</a>',
    );
    expect(out.html).toBe(
      '<a href="{{link}}" rel="noopener noreferrer">Open</a> <a href="https://example.org/x" rel="noopener noreferrer">Site</a>' +
        ' <a href="mailto:help@example.org" rel="noopener noreferrer">Mail</a> <a rel="noopener noreferrer">A</a>' +
        ' <a rel="noopener noreferrer">B</a> <a rel="noopener noreferrer">C</a> <a rel="noopener noreferrer">D</a>' +
        ' <a rel="noopener noreferrer">E</a> <a rel="noopener noreferrer">F</a>',
    );
    expect(out.removed).toEqual(["6 link addresses that are not http, https or mailto", "the target attribute on <a>"]);
  });

  it("removes scripts, styles, frames, forms, event handlers and every image, and says so", () => {
    const out = sanitizeEmailHtml(
      '<p onclick="steal()">Hello</p><script>alert(1)</script><style>p{background:url(https://t.example/p)}</style>' +
        '<img src="https://tracker.example/pixel.gif?u={{recipient.name}}" width="1" height="1">' +
        '<img src="data:image/png;base64,iVBORw0KGgo=" onerror="alert(2)"><svg onload="alert(3)"><circle/></svg>' +
        '<iframe src="https://evil.example">frame text</iframe><form action="https://evil.example/login"><label>Password</label>' +
        '<input type="password" name="pw"><button>Sign in</button></form><object data="x.swf">obj</object><noscript>ns</noscript>',
    );
    expect(out.html).toBe("<p>Hello</p>PasswordSign in");
    expect(out.removed).toEqual([
      "<script>",
      "<style>",
      "<img> (2 times): images are not allowed (remote images track readers; link to the picture instead)",
      "<svg>",
      "<circle>",
      "<iframe>",
      "<form>",
      "<label>",
      "<input>",
      "<button>",
      "<object>",
      "<noscript>",
      "the onclick event handler",
    ]);
  });

  it("styles that could fetch something are dropped, harmless ones stay", () => {
    const out = sanitizeEmailHtml(
      '<div style="color:red;background-image:url(https://t.example/p.gif);background:url(https://t.example/q);width:expression(alert(1));padding:8px">x</div>' +
        '<p style="position:fixed;top:0">y</p>',
    );
    expect(out.html).toBe('<div style="color:red;padding:8px">x</div><p>y</p>');
    expect(out.removed).toEqual([
      "the style background-image",
      "the style background",
      "the style width",
      "the style position",
      "the style top",
    ]);
  });

  it("the built-in layout passes the last check before sending unchanged in what it shows", () => {
    const mail = renderEmail({
      heading: "Hi Ana",
      paragraphs: ["See https://x.example/a"],
      action: { label: "Open", url: "https://x.example/o" },
    });
    const out = sanitizeEmailDocument(mail.html);
    expect(
      out.startsWith(
        '<!doctype html><html lang="en"><body style="font-family:system-ui,sans-serif;color:#1f2937;max-width:560px;margin:auto;padding:24px">',
      ),
    ).toBe(true);
    expect(out).toContain(
      '<a href="https://x.example/o" style="display:inline-block;background:#4338ca;color:#fff;padding:10px 16px;border-radius:6px;text-decoration:none" rel="noopener noreferrer">Open</a>',
    );
    expect(sanitizeEmailDocument(`<!doctype html><p>ok</p><script>alert(1)</script>`)).toBe("<!doctype html><p>ok</p>");
  });
});
