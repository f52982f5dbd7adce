import { z } from "zod";

// Shared by the tRPC inputs and the client forms.
export const emailField = z
  .string()
  .trim()
  .min(1, "Enter your email address.")
  .max(254, "That email address is too long.")
  .pipe(z.email("Enter a valid email address."));

export const passwordField = z.string().min(10, "Use at least 10 characters.").max(128, "Use at most 128 characters.");

export const signUpInput = z.object({
  name: z.string().trim().min(1, "Enter your name.").max(120, "Use at most 120 characters."),
  email: emailField,
  password: passwordField,
  timezone: z.string().max(64).optional(),
});
export type SignUpInput = z.infer<typeof signUpInput>;

export const signInInput = z.object({
  email: emailField,
  password: z.string().min(1, "Enter your password.").max(128, "Use at most 128 characters."),
});
export type SignInInput = z.infer<typeof signInInput>;

export const tokenInput = z.object({ token: z.string().min(10, "This link is incomplete.").max(200, "This link is invalid.") });

export const requestPasswordResetInput = z.object({ email: emailField });

export const resetPasswordInput = z.object({
  token: z.string().min(10, "This link is incomplete.").max(200, "This link is invalid."),
  password: passwordField,
});

export const changePasswordInput = z.object({
  currentPassword: z.string().max(128).default(""),
  newPassword: passwordField,
});
