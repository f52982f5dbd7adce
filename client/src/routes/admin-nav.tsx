import { A } from "@solidjs/router";
import { For } from "solid-js";
import { ScrollNav } from "../components/ui/scroll-nav";

const links = [
  { href: "/admin/users", label: "Users" },
  { href: "/admin/programs", label: "Programs" },
  { href: "/admin/deliveries", label: "Delivery log" },
  { href: "/admin/integrations", label: "Integrations" },
  { href: "/admin/templates", label: "Message templates" },
];

/** The tabs between the platform admins' pages. */
export function AdminNav() {
  return (
    <ScrollNav label="Administration" class="mb-6 border-b border-slate-200">
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
    </ScrollNav>
  );
}
