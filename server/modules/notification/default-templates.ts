import type { Channel } from "../../../db/schema/notifications";
import type { NotificationType } from "./catalogue";

export type TemplateText = { subject: string; body: string; html?: string };

/** Built-in wording; platform admins and program coordinators can override each (type, channel). */
export const defaultTemplates: Record<NotificationType, Partial<Record<Channel, TemplateText>>> = {
  "auth.verify_email": {
    email: {
      subject: "Confirm your email address",
      body: "Welcome, {{recipient.name}}.\n\nPlease confirm your email address to finish setting up your mentoring account:\n{{link}}\n\nThe link works for 24 hours. If you did not create an account, ignore this message.",
    },
  },
  "auth.password_reset": {
    email: {
      subject: "Reset your password",
      body: "Hello {{recipient.name}},\n\nSomeone asked to reset the password of your mentoring account. Choose a new password here:\n{{link}}\n\nThe link works once, for 30 minutes. If this was not you, ignore this message: your password stays the same.",
    },
  },
  "auth.password_changed": {
    email: {
      subject: "Your password was changed",
      body: "Hello {{recipient.name}},\n\nThe password of your mentoring account was changed on {{when}}. Every other device was signed out.\n\nIf this was not you, reset your password now: {{link}}",
    },
    in_app: { subject: "Your password was changed", body: "Every other device was signed out." },
  },
  "phone.verification_code": {
    sms: { subject: "", body: "{{code}} is your {{app.name}} verification code. It expires in 10 minutes." },
  },
  "program.enrolled": {
    email: {
      subject: "You joined {{programName}}",
      body: "Hello {{recipient.name}},\n\nYou are now a {{role}} in {{programName}}. Sign in to complete your profile and get started:\n{{link}}",
    },
    in_app: { subject: "You joined {{programName}} as {{role}}", body: "Complete your profile to get started." },
  },
  "reminder.event": {
    email: {
      subject: "Reminder: {{eventTitle}} {{timeUntil}}",
      body: "Hello {{recipient.name}},\n\n{{eventTitle}} starts {{timeUntil}}, on {{eventStart}}.\n\nDetails: {{link}}",
    },
    sms: { subject: "", body: "Reminder: {{eventTitle}} starts {{timeUntil}} ({{eventStart}}). {{link}}" },
    in_app: { subject: "{{eventTitle}} starts {{timeUntil}}", body: "{{eventStart}}" },
  },
  "system.test": {
    email: { subject: "Test message from {{app.name}}", body: "Hello {{recipient.name}},\n\nThis is a test message. {{note}}" },
    sms: { subject: "", body: "Test message from {{app.name}}. {{note}}" },
    in_app: { subject: "Test message", body: "{{note}}" },
  },
};
