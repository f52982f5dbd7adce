import { renderEmail } from "../notification/email-layout";

export function verificationEmail(p: { name: string; link: string }) {
  return {
    subject: "Confirm your email address",
    ...renderEmail({
      heading: `Welcome, ${p.name}`,
      paragraphs: ["Please confirm your email address to finish setting up your mentoring account.", "The link works for 24 hours."],
      action: { label: "Confirm email address", url: p.link },
      footer: "If you did not create an account, you can ignore this message.",
    }),
  };
}

export function passwordResetEmail(p: { name: string; link: string }) {
  return {
    subject: "Reset your password",
    ...renderEmail({
      heading: `Hello ${p.name}`,
      paragraphs: ["Someone asked to reset the password of your mentoring account.", "The link works once, for 30 minutes."],
      action: { label: "Choose a new password", url: p.link },
      footer: "If this was not you, ignore this message: your password stays the same.",
    }),
  };
}
