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
/** A session email's signed one-click link (session-link); empty where a sender has none to give. */
const oneClick = s.default("");

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
  "auth.sign_in_attempts": {
    label: "Sign-in attempts",
    description: "A security notice when someone keeps trying wrong passwords on your account.",
    payload: z.object({ attempts: s, latest: s }),
    variables: ["attempts", "latest"],
    defaults: { email: true, sms: false, in_app: true },
    mandatory: true,
    urgent: false,
    toUnverifiedEmail: true,
  },
  "auth.account_exists": {
    label: "Account already exists",
    description: "Sent when someone signs up with the email address of your existing account.",
    payload: z.object({ signInLink: s }),
    variables: ["signInLink"],
    defaults: { email: true, sms: false, in_app: false },
    mandatory: true,
    urgent: true,
    toUnverifiedEmail: true,
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
  "program.join_requested": {
    label: "Join requests to review",
    description: "Coordinators: someone asked to join your program.",
    payload: z.object({ programName: s, memberName: s, role: s }),
    variables: ["programName", "memberName", "role"],
    defaults: { email: true, sms: false, in_app: true },
    mandatory: false,
    urgent: false,
  },
  "program.membership_decided": {
    label: "Join request decisions",
    description: "A coordinator approved or declined your request to join a program.",
    payload: z.object({ programName: s, role: s, outcome: s, note: s }),
    variables: ["programName", "role", "outcome", "note"],
    defaults: { email: true, sms: false, in_app: true },
    mandatory: false,
    urgent: false,
  },
  "checklist.submitted": {
    label: "Mentor checklist to review",
    description: "Coordinators: a mentor finished a checklist step that needs your review.",
    payload: z.object({ programName: s, mentorName: s, step: s }),
    variables: ["programName", "mentorName", "step"],
    defaults: { email: true, sms: false, in_app: true },
    mandatory: false,
    urgent: false,
  },
  "checklist.reviewed": {
    label: "Mentor checklist reviews",
    description: "A coordinator reviewed a step of your mentor checklist.",
    payload: z.object({ programName: s, step: s, outcome: s, note: s }),
    variables: ["programName", "step", "outcome", "note"],
    defaults: { email: true, sms: false, in_app: true },
    mandatory: false,
    urgent: false,
  },
  "request.received": {
    label: "New mentoring requests",
    description: "Mentors: a mentee asked you to mentor them.",
    payload: z.object({ programName: s, menteeName: s, message: s, deadline: s }),
    variables: ["programName", "menteeName", "message", "deadline"],
    defaults: { email: true, sms: false, in_app: true },
    mandatory: false,
    urgent: false,
  },
  "request.reminder": {
    label: "Requests waiting for your answer",
    description: "Mentors: a reminder before a request expires.",
    payload: z.object({ programName: s, menteeName: s, deadline: s }),
    variables: ["programName", "menteeName", "deadline"],
    defaults: { email: true, sms: false, in_app: true },
    mandatory: false,
    urgent: false,
  },
  "request.info_requested": {
    label: "Questions about your request",
    description: "Mentees: a mentor asked for more information before answering.",
    payload: z.object({ programName: s, mentorName: s, question: s }),
    variables: ["programName", "mentorName", "question"],
    defaults: { email: true, sms: false, in_app: true },
    mandatory: false,
    urgent: false,
  },
  "request.info_answered": {
    label: "Answers to your questions",
    description: "Mentors: a mentee answered your question about their request.",
    payload: z.object({ programName: s, menteeName: s, answer: s }),
    variables: ["programName", "menteeName", "answer"],
    defaults: { email: true, sms: false, in_app: true },
    mandatory: false,
    urgent: false,
  },
  "request.accepted": {
    label: "Accepted requests",
    description: "Mentees: a mentor accepted your request.",
    payload: z.object({ programName: s, mentorName: s }),
    variables: ["programName", "mentorName"],
    defaults: { email: true, sms: false, in_app: true },
    mandatory: false,
    urgent: false,
  },
  "request.declined": {
    label: "Declined requests",
    description: "Mentees: a mentor declined your request.",
    payload: z.object({ programName: s, mentorName: s, reason: s }),
    variables: ["programName", "mentorName", "reason"],
    defaults: { email: true, sms: false, in_app: true },
    mandatory: false,
    urgent: false,
  },
  "request.withdrawn": {
    label: "Withdrawn requests",
    description: "Mentors: a request to you was withdrawn (for example because the mentee was matched).",
    payload: z.object({ programName: s, menteeName: s, why: s }),
    variables: ["programName", "menteeName", "why"],
    defaults: { email: false, sms: false, in_app: true },
    mandatory: false,
    urgent: false,
  },
  "request.expired": {
    label: "Expired requests",
    description: "Mentees: a mentor did not answer in time; fresh suggestions are ready.",
    payload: z.object({ programName: s, mentorName: s, suggestions: s }),
    variables: ["programName", "mentorName", "suggestions"],
    defaults: { email: true, sms: false, in_app: true },
    mandatory: false,
    urgent: false,
  },
  "request.expired_alert": {
    label: "Expired requests in your program",
    description: "Coordinators: a mentor let a request expire.",
    payload: z.object({ programName: s, mentorName: s, menteeName: s }),
    variables: ["programName", "mentorName", "menteeName"],
    defaults: { email: true, sms: false, in_app: true },
    mandatory: false,
    urgent: false,
  },
  "match.created": {
    label: "New matches",
    description: "You were matched with a mentor or mentee.",
    payload: z.object({ programName: s, partnerName: s, partnerRole: s }),
    variables: ["programName", "partnerName", "partnerRole"],
    defaults: { email: true, sms: false, in_app: true },
    mandatory: false,
    urgent: false,
  },
  "match.status_changed": {
    label: "Match changes",
    description: "A match you are part of was paused, resumed, completed or ended.",
    payload: z.object({ programName: s, partnerName: s, status: s, reason: s }),
    variables: ["programName", "partnerName", "status", "reason"],
    defaults: { email: true, sms: false, in_app: true },
    mandatory: false,
    urgent: false,
  },
  "session.requested": {
    label: "Session requests",
    description: "Mentors: a mentee asked for a session at a time that waits for your confirmation.",
    payload: z.object({ programName: s, partnerName: s, when: s }),
    variables: ["programName", "partnerName", "when"],
    defaults: { email: true, sms: false, in_app: true },
    mandatory: false,
    urgent: false,
  },
  "session.confirmed": {
    label: "Confirmed sessions",
    description: "A session is confirmed; the email carries a calendar invite and one-click links to reschedule or cancel it.",
    payload: z.object({ programName: s, partnerName: s, when: s, rescheduleLink: oneClick, cancelLink: oneClick }),
    variables: ["programName", "partnerName", "when", "rescheduleLink", "cancelLink"],
    defaults: { email: true, sms: false, in_app: true },
    mandatory: false,
    urgent: false,
  },
  "session.declined": {
    label: "Declined session requests",
    description: "Mentees: a mentor could not take the session time you asked for.",
    payload: z.object({ programName: s, partnerName: s, when: s, reason: s }),
    variables: ["programName", "partnerName", "when", "reason"],
    defaults: { email: true, sms: false, in_app: true },
    mandatory: false,
    urgent: false,
  },
  "session.rescheduled": {
    label: "Moved sessions",
    description:
      "The other person moved a session; the email carries the updated calendar invite and one-click links to reschedule or cancel it.",
    payload: z.object({
      programName: s,
      partnerName: s,
      when: s,
      previousWhen: s,
      reason: s,
      rescheduleLink: oneClick,
      cancelLink: oneClick,
    }),
    variables: ["programName", "partnerName", "when", "previousWhen", "reason", "rescheduleLink", "cancelLink"],
    defaults: { email: true, sms: false, in_app: true },
    mandatory: false,
    urgent: false,
  },
  "session.moved_by_you": {
    label: "Sessions you moved",
    // The mover's calendar app still shows the old time unless it gets the updated invite too. Email only: the
    // mover knows they moved it, so an in-app item would be noise.
    description:
      "You moved a confirmed session yourself; the email carries the updated calendar invite so your calendar app shows the new time. Email only.",
    payload: z.object({
      programName: s,
      partnerName: s,
      when: s,
      previousWhen: s,
      reason: s,
      rescheduleLink: oneClick,
      cancelLink: oneClick,
    }),
    variables: ["programName", "partnerName", "when", "previousWhen", "reason", "rescheduleLink", "cancelLink"],
    defaults: { email: true, sms: false, in_app: false },
    mandatory: false,
    urgent: false,
  },
  "session.cancelled": {
    label: "Cancelled sessions",
    description: "The other person cancelled a session; the email removes it from your calendar.",
    payload: z.object({ programName: s, partnerName: s, when: s, reason: s }),
    variables: ["programName", "partnerName", "when", "reason"],
    defaults: { email: true, sms: false, in_app: true },
    mandatory: false,
    urgent: false,
  },
  "session.cancelled_by_you": {
    label: "Sessions you cancelled",
    // Without its own CANCEL the canceller's calendar app keeps a session that no longer exists. Email only, as
    // for a move: the canceller knows, so an in-app item would be noise.
    description: "You cancelled a confirmed session yourself; the email removes it from your calendar app. Email only.",
    payload: z.object({ programName: s, partnerName: s, when: s, reason: s }),
    variables: ["programName", "partnerName", "when", "reason"],
    defaults: { email: true, sms: false, in_app: false },
    mandatory: false,
    urgent: false,
  },
  "session.proposed": {
    label: "Proposed session times",
    description: "Mentees: your mentor proposed other times for a session; pick one to confirm it.",
    payload: z.object({ programName: s, partnerName: s, times: s, message: s }),
    variables: ["programName", "partnerName", "times", "message"],
    defaults: { email: true, sms: false, in_app: true },
    mandatory: false,
    urgent: false,
  },
  "session.no_show_alert": {
    label: "Repeated no-shows",
    description: "Coordinators: someone in your program reached the no-show threshold.",
    payload: z.object({ programName: s, personName: s, strikes: s }),
    variables: ["programName", "personName", "strikes"],
    defaults: { email: true, sms: false, in_app: true },
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
