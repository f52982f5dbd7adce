// Kept free of drizzle so client code can import the list without pulling the database library into the bundle.
export const channels = ["in_app", "email", "sms"] as const;
export type Channel = (typeof channels)[number];
