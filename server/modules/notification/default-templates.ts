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
  "auth.sign_in_attempts": {
    email: {
      subject: "Someone is trying to sign in to your account",
      body: "Hello {{recipient.name}},\n\n{{attempts}} wrong passwords were tried on your mentoring account, the latest on {{latest}}. Your account is not locked: you can still sign in, and a device you signed in with before is let straight through.\n\nIf this was you, there is nothing to do. If not, someone may be guessing your password: choose a long one that you use nowhere else here:\n{{link}}",
    },
    in_app: {
      subject: "Someone is trying to sign in to your account",
      body: "{{attempts}} wrong passwords tried, the latest on {{latest}}.",
    },
  },
  "auth.account_exists": {
    email: {
      subject: "You already have an account",
      body: "Hello {{recipient.name}},\n\nSomeone, probably you, tried to create a new mentoring account with this email address. You already have one, so nothing was changed.\n\nSign in: {{signInLink}}\nForgot your password? Choose a new one: {{link}}\n\nIf this was not you, ignore this message.",
    },
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
  "program.join_requested": {
    email: {
      subject: "{{memberName}} asked to join {{programName}}",
      body: "Hello {{recipient.name}},\n\n{{memberName}} asked to join {{programName}} as a {{role}}. Review the request:\n{{link}}",
    },
    in_app: { subject: "{{memberName}} asked to join {{programName}}", body: "As a {{role}}. Approve or decline it on the program page." },
  },
  "program.membership_decided": {
    email: {
      subject: "Your request to join {{programName}} was {{outcome}}",
      body: "Hello {{recipient.name}},\n\nYour request to join {{programName}} as a {{role}} was {{outcome}}.\n{{note}}\n\n{{link}}",
    },
    in_app: { subject: "Your request to join {{programName}} was {{outcome}}", body: "{{note}}" },
  },
  "checklist.submitted": {
    email: {
      subject: '{{mentorName}} completed "{{step}}" in {{programName}}',
      body: 'Hello {{recipient.name}},\n\n{{mentorName}} completed the checklist step "{{step}}" in {{programName}} and is waiting for your review:\n{{link}}',
    },
    in_app: { subject: '{{mentorName}} completed "{{step}}"', body: "Review it in {{programName}}." },
  },
  "checklist.reviewed": {
    email: {
      subject: 'Your checklist step "{{step}}" was {{outcome}}',
      body: 'Hello {{recipient.name}},\n\nA coordinator of {{programName}} reviewed your checklist step "{{step}}": {{outcome}}.\n{{note}}\n\n{{link}}',
    },
    in_app: { subject: '"{{step}}" was {{outcome}}', body: "{{note}}" },
  },
  "request.received": {
    email: {
      subject: "{{menteeName}} asked you to be their mentor",
      body: 'Hello {{recipient.name}},\n\n{{menteeName}} asked you to mentor them in {{programName}}:\n\n"{{message}}"\n\nPlease answer by {{deadline}}:\n{{link}}',
    },
    in_app: { subject: "New request from {{menteeName}}", body: "Answer by {{deadline}}." },
  },
  "request.reminder": {
    email: {
      subject: "Reminder: {{menteeName}} is waiting for your answer",
      body: "Hello {{recipient.name}},\n\n{{menteeName}}'s request in {{programName}} expires on {{deadline}} if you do not answer. Accept, decline or ask a question:\n{{link}}",
    },
    in_app: { subject: "{{menteeName}} is waiting for your answer", body: "The request expires on {{deadline}}." },
  },
  "request.info_requested": {
    email: {
      subject: "{{mentorName}} has a question about your request",
      body: 'Hello {{recipient.name}},\n\n{{mentorName}} would like to know more before answering your request in {{programName}}:\n\n"{{question}}"\n\nReply here:\n{{link}}',
    },
    in_app: { subject: "{{mentorName}} has a question", body: "{{question}}" },
  },
  "request.info_answered": {
    email: {
      subject: "{{menteeName}} answered your question",
      body: 'Hello {{recipient.name}},\n\n{{menteeName}} answered your question in {{programName}}:\n\n"{{answer}}"\n\nThe request is waiting for your decision:\n{{link}}',
    },
    in_app: { subject: "{{menteeName}} answered your question", body: "{{answer}}" },
  },
  "request.accepted": {
    email: {
      subject: "{{mentorName}} accepted your request",
      body: "Hello {{recipient.name}},\n\nGood news: {{mentorName}} accepted your request in {{programName}}. You are now matched.\n\n{{link}}",
    },
    in_app: { subject: "{{mentorName}} accepted your request", body: "You are now matched in {{programName}}." },
  },
  "request.declined": {
    email: {
      subject: "{{mentorName}} could not take your request",
      body: "Hello {{recipient.name}},\n\n{{mentorName}} declined your request in {{programName}}.\n{{reason}}\n\nSee your other suggestions:\n{{link}}",
    },
    in_app: { subject: "{{mentorName}} declined your request", body: "{{reason}}" },
  },
  "request.withdrawn": {
    email: {
      subject: "{{menteeName}}'s request was withdrawn",
      body: "Hello {{recipient.name}},\n\n{{menteeName}}'s request in {{programName}} was withdrawn: {{why}}\n\n{{link}}",
    },
    in_app: { subject: "{{menteeName}}'s request was withdrawn", body: "{{why}}" },
  },
  "request.expired": {
    email: {
      subject: "Your request to {{mentorName}} expired",
      body: "Hello {{recipient.name}},\n\n{{mentorName}} did not answer your request in {{programName}} in time. Here are fresh suggestions: {{suggestions}}\n\n{{link}}",
    },
    in_app: { subject: "Your request to {{mentorName}} expired", body: "Fresh suggestions: {{suggestions}}" },
  },
  "request.expired_alert": {
    email: {
      subject: "A request expired in {{programName}}",
      body: "Hello {{recipient.name}},\n\n{{mentorName}} let {{menteeName}}'s request expire in {{programName}}.\n\n{{link}}",
    },
    in_app: { subject: "{{mentorName}} let a request expire", body: "{{menteeName}} is still unmatched." },
  },
  "match.created": {
    email: {
      subject: "You are matched with {{partnerName}}",
      body: "Hello {{recipient.name}},\n\nYou are now matched with {{partnerName}} ({{partnerRole}}) in {{programName}}.\n\n{{link}}",
    },
    in_app: { subject: "Matched with {{partnerName}}", body: "Your {{partnerRole}} in {{programName}}." },
  },
  "match.status_changed": {
    email: {
      subject: "Your match with {{partnerName}} is {{status}}",
      body: "Hello {{recipient.name}},\n\nYour match with {{partnerName}} in {{programName}} is now {{status}}.\n{{reason}}\n\n{{link}}",
    },
    in_app: { subject: "Match with {{partnerName}}: {{status}}", body: "{{reason}}" },
  },
  "session.requested": {
    email: {
      subject: "{{partnerName}} asked for a session on {{when}}",
      body: "Hello {{recipient.name}},\n\n{{partnerName}} asked for a mentoring session in {{programName}} on {{when}}. Confirm or decline it:\n{{link}}",
    },
    in_app: { subject: "{{partnerName}} asked for a session", body: "{{when}}. Confirm or decline it." },
  },
  "session.confirmed": {
    email: {
      subject: "Session with {{partnerName}} confirmed: {{when}}",
      body: "Hello {{recipient.name}},\n\nYour mentoring session with {{partnerName}} in {{programName}} is confirmed for {{when}}. The attached invite adds it to your calendar.\n\n{{link}}\n\nNeed a change? Reschedule: {{rescheduleLink}}\nCancel: {{cancelLink}}\nThese links work without signing in until the session ends.",
    },
    in_app: { subject: "Session with {{partnerName}} confirmed", body: "{{when}}" },
  },
  "session.declined": {
    email: {
      subject: "{{partnerName}} could not take the session on {{when}}",
      body: "Hello {{recipient.name}},\n\n{{partnerName}} declined the session you asked for in {{programName}} on {{when}}.\n{{reason}}\n\nChoose another time:\n{{link}}",
    },
    in_app: { subject: "{{partnerName}} declined the session on {{when}}", body: "{{reason}}" },
  },
  "session.rescheduled": {
    email: {
      subject: "{{partnerName}} moved your session to {{when}}",
      body: "Hello {{recipient.name}},\n\n{{partnerName}} moved your mentoring session in {{programName}} from {{previousWhen}} to {{when}}.\n{{reason}}\n\nThe attached invite updates your calendar.\n\n{{link}}\n\nNeed a change? Reschedule: {{rescheduleLink}}\nCancel: {{cancelLink}}\nThese links work without signing in until the session ends.",
    },
    in_app: { subject: "{{partnerName}} moved your session", body: "Now {{when}} (was {{previousWhen}}). {{reason}}" },
  },
  "session.moved_by_you": {
    email: {
      subject: "You moved the session with {{partnerName}} to {{when}}",
      body: "Hello {{recipient.name}},\n\nYou moved your mentoring session with {{partnerName}} in {{programName}} from {{previousWhen}} to {{when}}. {{partnerName}} has been told.\n\nThe attached invite updates your calendar.\n\n{{link}}\n\nNeed a change? Reschedule: {{rescheduleLink}}\nCancel: {{cancelLink}}\nThese links work without signing in until the session ends.",
    },
  },
  "session.cancelled": {
    email: {
      subject: "{{partnerName}} cancelled the session on {{when}}",
      body: "Hello {{recipient.name}},\n\n{{partnerName}} cancelled your mentoring session in {{programName}} on {{when}}.\n{{reason}}\n\nThe attached file removes it from your calendar.\n\n{{link}}",
    },
    in_app: { subject: "{{partnerName}} cancelled the session on {{when}}", body: "{{reason}}" },
  },
  "session.cancelled_by_you": {
    email: {
      subject: "You cancelled the session with {{partnerName}} on {{when}}",
      body: "Hello {{recipient.name}},\n\nYou cancelled your mentoring session with {{partnerName}} in {{programName}} on {{when}}. {{partnerName}} has been told.\n{{reason}}\n\nThe attached file removes it from your calendar.\n\n{{link}}",
    },
  },
  "session.proposed": {
    email: {
      subject: "{{partnerName}} proposed other session times",
      body: "Hello {{recipient.name}},\n\n{{partnerName}} proposed these times for your mentoring session in {{programName}}:\n{{times}}\n\n{{message}}\n\nPick one to confirm it: {{link}}",
    },
    in_app: { subject: "{{partnerName}} proposed other session times", body: "{{times}}" },
  },
  "session.no_show_alert": {
    email: {
      subject: "{{personName}} missed {{strikes}} sessions in {{programName}}",
      body: "Hello {{recipient.name}},\n\n{{personName}} has been marked as a no-show {{strikes}} times in {{programName}}. You may want to check in with them.\n\n{{link}}",
    },
    in_app: { subject: "{{personName}} missed {{strikes}} sessions", body: "{{programName}}" },
  },
  "system.test": {
    email: { subject: "Test message from {{app.name}}", body: "Hello {{recipient.name}},\n\nThis is a test message. {{note}}" },
    sms: { subject: "", body: "Test message from {{app.name}}. {{note}}" },
    in_app: { subject: "Test message", body: "{{note}}" },
  },
};
