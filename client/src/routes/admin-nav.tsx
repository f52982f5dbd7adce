import { A } from "@solidjs/router";
import { For } from "solid-js";

const links = [
  { href: "/admin/users", label: "Users" },
  { href: "/admin/programs", label: "Programs" },
  { href: "/admin/deliveries", label: "Delivery log" },
  { href: "/admin/integrations", label: "Integrations" },
  { href: "/admin/templates", label: "Templates" },
];

/** The tabs between the platform admins' pages. */
export function AdminNav() {
  return (
    <nav aria-label="Administration" class="-mx-4 mb-6 overflow-x-auto border-b border-slate-200 px-4 sm:mx-0 sm:px-0">
      <ul class="flex gap-1">
        <For each={links}>
          {(link) => (
            <li>
              <A
                href={link.href}
                class="-mb-px block border-b-2 border-transparent px-3 py-2 text-sm font-medium whitespace-nowrap text-slate-600 hover:border-slate-300 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
                activeClass="!border-indigo-600 !text-indigo-700"
              >
                {link.label}
              </A>
            </li>
          )}
        </For>
      </ul>
    </nav>
  );
}
