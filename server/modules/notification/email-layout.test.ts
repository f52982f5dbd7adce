import { describe, expect, it } from "vitest";
import { linkifyHtml, renderEmail } from "./email-layout";

describe("email HTML", () => {
  it("turns links into clickable anchors and escapes everything else", () => {
    const html = linkifyHtml("Confirm here: https://app.example/verify?token=abc&x=1. <script>alert(1)</script>");
    expect(html).toContain('<a href="https://app.example/verify?token=abc&amp;x=1" style="color:#4338ca">');
    expect(html).toContain("</a>. &lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).not.toContain("<script>");
  });

  it("keeps the same words in the text and HTML parts", () => {
    const mail = renderEmail({ heading: "Hello <Ana>", paragraphs: ["Line one\nline two", "See https://x.example/a"], footer: "Bye" });
    expect(mail.text).toContain("Hello <Ana>");
    expect(mail.html).toContain("Hello &lt;Ana&gt;");
    expect(mail.html).toContain("Line one<br>line two");
    expect(mail.html).toContain('<a href="https://x.example/a"');
  });
});
