import { useNavigate } from "@solidjs/router";
import { createQuery } from "@tanstack/solid-query";
import { Show } from "solid-js";
import { notificationQueries } from "./queries";

/** The header bell: its accessible name carries the unread count, kept live by socket events. */
export function NotificationBell() {
  const navigate = useNavigate();
  const count = createQuery(() => notificationQueries.unreadCount());
  const unread = () => count.data?.unread ?? 0;
  return (
    <button
      type="button"
      aria-label={`Notifications, ${unread()} unread`}
      onClick={() => navigate("/notifications")}
      class="relative inline-flex size-10 items-center justify-center rounded-full text-slate-600 hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
    >
      <svg class="size-6" fill="none" viewBox="0 0 24 24" stroke-width="1.5" stroke="currentColor" aria-hidden="true">
        <path
          stroke-linecap="round"
          stroke-linejoin="round"
          d="M14.857 17.082a23.848 23.848 0 0 0 5.454-1.31A8.967 8.967 0 0 1 18 9.75V9A6 6 0 0 0 6 9v.75a8.967 8.967 0 0 1-2.312 6.022c1.733.64 3.56 1.085 5.455 1.31m5.714 0a24.255 24.255 0 0 1-5.714 0m5.714 0a3 3 0 1 1-5.714 0"
        />
      </svg>
      <Show when={unread() > 0}>
        <span
          aria-hidden="true"
          data-testid="unread-badge"
          class="absolute -top-0.5 -right-0.5 inline-flex min-w-5 items-center justify-center rounded-full bg-indigo-600 px-1.5 py-0.5 text-xs leading-none font-semibold text-white ring-2 ring-white"
        >
          {unread() > 99 ? "99+" : unread()}
        </span>
      </Show>
    </button>
  );
}
