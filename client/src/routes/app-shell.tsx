import { A } from "@solidjs/router";
import { For, type JSX, onCleanup, onMount, Show } from "solid-js";
import { ConnectionStatus } from "../components/layout/connection-status";
import { Logo } from "../components/layout/logo";
import { MainNav } from "../components/layout/main-nav";
import { Avatar } from "../components/ui/avatar";
import { DisclosureMenu, menuItemClass } from "../components/ui/menu";
import { NotificationBell } from "../features/notifications/notification-bell";
import { TimeZoneBanner } from "../features/profile/time-zone-banner";
import { firstName, type Me, useProviders } from "../lib/session";
import { startRealtime, stopRealtime } from "../lib/socket";
import { useSignOut } from "./sign-out";

const adminLinks = [
  { href: "/admin/users", label: "Users" },
  { href: "/admin/programs", label: "Programs" },
  { href: "/admin/deliveries", label: "Delivery log" },
  { href: "/admin/integrations", label: "Integrations" },
  { href: "/admin/templates", label: "Message templates" },
];

/** The frame of every signed-in page: header with navigation, live status, bell and user menu; then <main>. */
export default function AppShell(props: { me: Me; children: JSX.Element }) {
  const providers = useProviders();
  const signOut = useSignOut();
  onMount(startRealtime);
  onCleanup(stopRealtime);

  const links = () => [
    { href: "/", label: "Home", end: true },
    { href: "/profile", label: "Profile", end: false },
    { href: "/calendar", label: "Calendar", end: false },
    // Shown to everyone: the page explains itself to people who mentor nowhere.
    { href: "/availability", label: "Availability", end: false },
    { href: "/notifications", label: "Notifications", end: false },
    ...(props.me.isPlatformAdmin ? [{ href: "/admin/users", label: "Admin", end: false }] : []),
    ...(providers.data?.devMailbox || providers.data?.devSms ? [{ href: "/dev/mailbox", label: "Dev mailbox", end: false }] : []),
  ];

  return (
    <div class="flex min-h-dvh flex-col">
      <header class="sticky top-0 z-30 border-b border-slate-200 bg-white/95 backdrop-blur">
        <div class="mx-auto flex max-w-6xl items-center gap-x-2 px-3 sm:px-6 lg:gap-x-4">
          <div class="flex h-14 items-center">
            <Logo compact />
          </div>
          <MainNav links={links()} />
          <div class="ml-auto flex h-14 items-center gap-1.5 sm:gap-3">
            <ConnectionStatus />
            <NotificationBell />
            <DisclosureMenu
              label={`Account menu for ${props.me.name}`}
              trigger={
                <>
                  <Avatar name={props.me.name} src={props.me.photoUrl} size="sm" />
                  <span class="hidden max-w-32 truncate pr-1 lg:inline">{firstName(props.me.name)}</span>
                </>
              }
            >
              {(close) => (
                <>
                  <div class="border-b border-slate-100 px-3 py-2">
                    <p class="truncate text-sm font-medium text-slate-900">{props.me.name}</p>
                    <p class="truncate text-xs text-slate-500">{props.me.email}</p>
                  </div>
                  <ul class="py-1">
                    <li>
                      <A href="/profile" class={menuItemClass} onClick={close}>
                        Your profile
                      </A>
                    </li>
                    <li>
                      <A href="/settings" class={menuItemClass} onClick={close}>
                        Settings
                      </A>
                    </li>
                    <li>
                      <A href="/settings/notifications" class={menuItemClass} onClick={close}>
                        Notification settings
                      </A>
                    </li>
                  </ul>
                  <Show when={props.me.isPlatformAdmin}>
                    <ul class="border-t border-slate-100 py-1" aria-label="Administration">
                      <For each={adminLinks}>
                        {(link) => (
                          <li>
                            <A href={link.href} class={menuItemClass} onClick={close}>
                              {link.label}
                            </A>
                          </li>
                        )}
                      </For>
                    </ul>
                  </Show>
                  <ul class="border-t border-slate-100 py-1">
                    <li>
                      <button
                        type="button"
                        class={menuItemClass}
                        onClick={() => {
                          close();
                          void signOut();
                        }}
                      >
                        Sign out
                      </button>
                    </li>
                  </ul>
                </>
              )}
            </DisclosureMenu>
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1} class="mx-auto w-full max-w-6xl flex-1 px-4 py-6 focus:outline-none sm:px-6 sm:py-8">
        <TimeZoneBanner profileZone={props.me.timezone} />
        {props.children}
      </main>
      <footer class="border-t border-slate-200 bg-white">
        <p class="mx-auto max-w-6xl px-4 py-4 text-xs text-slate-500 sm:px-6">Mentoring Information System · open source</p>
      </footer>
    </div>
  );
}
