/**
 * Query key roots shared by the features that own the queries and by lib/socket.ts, which invalidates them
 * when the server pushes a change. Keep every key of a domain under its root so one invalidation covers it.
 */
export const queryKeys = {
  me: ["auth", "me"] as const,
  notifications: ["notification"] as const,
  notificationList: ["notification", "list"] as const,
  unreadCount: ["notification", "unreadCount"] as const,
  notificationPreferences: ["notification", "preferences"] as const,
  adminOverview: ["admin", "overview"] as const,
  adminUsers: ["admin", "users"] as const,
  adminDeliveries: ["admin", "deliveries"] as const,
  integrations: ["integrations"] as const,
  templates: ["template"] as const,
  profiles: ["profile"] as const,
  programs: ["program"] as const,
  devMailbox: ["devMailbox"] as const,
  /** The next step per program on Home and the program page: any request, match or session change can move it. */
  nextSteps: ["nextStep"] as const,
};
