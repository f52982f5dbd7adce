import { z } from "zod";
import type { Channel } from "../../../db/schema/notifications";

/**
 * Every kind of notification the system sends. `mandatory` types (security mail) ignore preferences and
 * cannot be switched off; `urgent` SMS ignore quiet hours. `variables` are what templates may use besides the
 * common ones (recipient.name, app.name, app.url, link).
 */
export type NotificationTypeDef = {
  label: string;
  description: string;
  payload: z.ZodType<Record<string, string>>;
  variables: string[];
  defaults: Record<Channel, boolean>;
  mandatory: boolean;
  urgent: boolean;
  /** Sent to an address not verified yet (the verification mail itself). */
  toUnverifiedEmail?: boolean;
  toUnverifiedPhone?: boolean;
};

const s = z.string().max(2000);

export const catalogue = {
  "auth.verify_email": {
    label: "Email address confirmation",
    description: "The link that confirms your email address.",
    payload: z.object({ link: s }),
    variables: [],
    defaults: { email: true, sms: false, in_app: false },
    mandatory: true,
    urgent: true,
    toUnverifiedEmail: true,
  },
  "auth.password_reset": {
    label: "Password reset",
    description: "The link to choose a new password.",
    payload: z.object({ link: s }),
    variables: [],
    defaults: { email: true, sms: false, in_app: false },
    mandatory: true,
    urgent: true,
    toUnverifiedEmail: true,
  },
  "auth.password_changed": {
    label: "Password changed",
    description: "A security notice when your password changes.",
    payload: z.object({ when: s }),
    variables: ["when"],
    defaults: { email: true, sms: false, in_app: true },
    mandatory: true,
    urgent: true,
  },
  "phone.verification_code": {
    label: "Phone verification code",
    description: "The 6-digit code that confirms your phone number.",
    payload: z.object({ code: z.string().regex(/^\d{6}$/) }),
    variables: ["code"],
    defaults: { email: false, sms: true, in_app: false },
    mandatory: true,
    urgent: true,
    toUnverifiedPhone: true,
  },
  "program.enrolled": {
    label: "Program enrolment",
    description: "You were added to a mentoring program.",
    payload: z.object({ programName: s, role: s }),
    variables: ["programName", "role"],
    defaults: { email: true, sms: false, in_app: true },
    mandatory: false,
    urgent: false,
  },
  "reminder.event": {
    label: "Reminders",
    description: "Reminders before your sessions and other events.",
    payload: z.object({ eventTitle: s, eventStart: s, timeUntil: s }),
    variables: ["eventTitle", "eventStart", "timeUntil"],
    defaults: { email: true, sms: true, in_app: true },
    mandatory: false,
    urgent: false,
  },
  "system.test": {
    label: "Test messages",
    description: "Messages an administrator sends to check a channel or a template.",
    payload: z.object({ note: s }),
    variables: ["note"],
    defaults: { email: true, sms: true, in_app: true },
    // An admin checking a channel: it must arrive whatever the preferences say, and has no unsubscribe link.
    mandatory: true,
    urgent: true,
  },
} satisfies Record<string, NotificationTypeDef>;

export type NotificationType = keyof typeof catalogue;
export const notificationTypes = Object.keys(catalogue) as NotificationType[];
export const commonVariables = ["recipient.name", "app.name", "app.url", "link"];

export function typeDef(type: NotificationType): NotificationTypeDef {
  return catalogue[type];
}

export function isNotificationType(t: string): t is NotificationType {
  return Object.hasOwn(catalogue, t);
}
