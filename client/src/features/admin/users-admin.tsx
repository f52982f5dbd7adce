import { A } from "@solidjs/router";
import { createMutation, createQuery } from "@tanstack/solid-query";
import { createEffect, createSignal, For, Match, on, onCleanup, Show, Switch } from "solid-js";
import { Alert, RetryAlert } from "../../components/ui/alert";
import { Avatar } from "../../components/ui/avatar";
import { Badge } from "../../components/ui/badge";
import { Button } from "../../components/ui/button";
import { Dialog } from "../../components/ui/dialog";
import { Pagination } from "../../components/ui/pagination";
import { Select } from "../../components/ui/select";
import { LoadingBlock, Spinner } from "../../components/ui/spinner";
import { TextField } from "../../components/ui/text-field";
import { errorMessageWithFields } from "../../lib/errors";
import { formatDateTime, timeAgo } from "../../lib/format";
import { plural } from "../../lib/plural";
import { queryClient } from "../../lib/query-client";
import { queryKeys } from "../../lib/query-keys";
import { trpc } from "../../lib/trpc";
import { type AdminUser, adminQueries, type UserFilters } from "./queries";

type Status = NonNullable<UserFilters["status"]>;
type Role = NonNullable<UserFilters["role"]>;

const statusOptions = [
  { value: "any", label: "Any status" },
  { value: "active", label: "Active" },
  { value: "suspended", label: "Suspended" },
];
const roleOptions = [
  { value: "any", label: "Any role" },
  { value: "platform_admin", label: "Platform admin" },
  { value: "coordinator", label: "Coordinator" },
  { value: "mentor", label: "Mentor" },
  { value: "mentee", label: "Mentee" },
];
const roleLabel: Record<string, string> = { mentor: "Mentor", mentee: "Mentee", coordinator: "Coordinator" };

/** Debounces a signal: the search box queries the server 300 ms after typing stops. */
function createDebounced<T>(source: () => T, ms: number) {
  const [value, setValue] = createSignal(source());
  createEffect(
    on(
      source,
      (v) => {
        const t = setTimeout(() => setValue(() => v), ms);
        onCleanup(() => clearTimeout(t));
      },
      { defer: true },
    ),
  );
  return value;
}

function invalidateUsers() {
  void queryClient.invalidateQueries({ queryKey: queryKeys.adminUsers });
  void queryClient.invalidateQueries({ queryKey: queryKeys.adminOverview });
}

/** The platform admins' user list: search, filters, paging, suspend/reactivate and admin rights. */
export function UsersAdmin(props: { currentUserId: string }) {
  const [search, setSearch] = createSignal("");
  const q = createDebounced(search, 300);
  const [status, setStatus] = createSignal<Status>("any");
  const [role, setRole] = createSignal<Role>("any");
  const [page, setPage] = createSignal(1);
  const [actionError, setActionError] = createSignal<unknown>(null);
  const [notice, setNotice] = createSignal<string | null>(null);
  const [confirming, setConfirming] = createSignal<{ user: AdminUser; to: "active" | "suspended" } | null>(null);
  const [reason, setReason] = createSignal("");

  // A new search or filter starts again at page 1.
  createEffect(on([q, status, role], () => setPage(1), { defer: true }));

  const users = createQuery(() => adminQueries.users({ q: q(), status: status(), role: role(), page: page(), pageSize: 20 }));

  const setStatusMutation = createMutation(() => ({
    mutationFn: (input: { userId: string; status: "active" | "suspended"; reason: string }) => trpc.admin.setUserStatus.mutate(input),
    onSuccess: (_r, input) => {
      const name = confirming()?.user.name ?? "The user";
      setNotice(input.status === "suspended" ? `${name} is suspended and signed out everywhere.` : `${name} is active again.`);
      setConfirming(null);
      invalidateUsers();
    },
  }));

  const setAdmin = createMutation(() => ({
    mutationFn: (input: { userId: string; isPlatformAdmin: boolean; name: string }) =>
      trpc.admin.setPlatformAdmin.mutate({ userId: input.userId, isPlatformAdmin: input.isPlatformAdmin }),
    onSuccess: (_r, input) => {
      setNotice(input.isPlatformAdmin ? `${input.name} is now a platform admin.` : `${input.name} is no longer a platform admin.`);
      invalidateUsers();
    },
    onError: (err) => setActionError(err),
  }));

  function openConfirm(user: AdminUser, to: "active" | "suspended") {
    setActionError(null);
    setNotice(null);
    setReason("");
    setStatusMutation.reset();
    setConfirming({ user, to });
  }

  function confirm(e: SubmitEvent) {
    e.preventDefault();
    const c = confirming();
    if (c) setStatusMutation.mutate({ userId: c.user.id, status: c.to, reason: reason() });
  }

  return (
    <div class="flex flex-col gap-5">
      <search class="grid gap-4 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:grid-cols-[1fr_auto_auto] sm:items-end">
        <TextField label="Search users" type="search" value={search()} onInput={setSearch} placeholder="Name or email" />
        <Select label="Status" value={status()} onChange={(v) => setStatus(v as Status)} options={statusOptions} />
        <Select label="Role" value={role()} onChange={(v) => setRole(v as Role)} options={roleOptions} />
      </search>

      <Show when={notice()}>
        <Alert tone="success">{notice()}</Alert>
      </Show>
      <Show when={actionError()}>
        <Alert tone="error">{errorMessageWithFields(actionError())}</Alert>
      </Show>

      <Switch>
        <Match when={users.isPending}>
          <LoadingBlock label="Loading users…" />
        </Match>
        <Match when={users.isError && !users.data}>
          <RetryAlert message={errorMessageWithFields(users.error)} onRetry={() => users.refetch()} />
        </Match>
        <Match when={users.data}>
          {(data) => (
            <div class="flex flex-col gap-4">
              <div class="flex items-center justify-between gap-3 text-sm text-slate-600">
                <p aria-live="polite">
                  {plural(data().total, "user")}
                  <Show when={q()}> matching “{q()}”</Show>
                </p>
                <Show when={users.isFetching}>
                  <Spinner size="sm" label="Updating…" class="text-indigo-600" />
                </Show>
              </div>
              <section
                class={`relative overflow-x-auto rounded-xl bg-white shadow-sm ring-1 ring-slate-200 ${users.isPlaceholderData ? "opacity-60" : ""}`}
                aria-label="Users"
              >
                <table class="min-w-full divide-y divide-slate-200 text-left text-sm">
                  <thead class="bg-slate-50 text-xs font-semibold tracking-wide text-slate-600 uppercase">
                    <tr>
                      <th scope="col" class="px-4 py-3">
                        Name
                      </th>
                      <th scope="col" class="hidden px-4 py-3 md:table-cell">
                        Email
                      </th>
                      <th scope="col" class="px-4 py-3">
                        Roles
                      </th>
                      <th scope="col" class="px-4 py-3">
                        Status
                      </th>
                      <th scope="col" class="hidden px-4 py-3 lg:table-cell">
                        Verified
                      </th>
                      <th scope="col" class="hidden px-4 py-3 lg:table-cell">
                        Last active
                      </th>
                      <th scope="col" class="px-4 py-3">
                        <span class="sr-only">Actions</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody class="divide-y divide-slate-100">
                    <For
                      each={data().items}
                      fallback={
                        <tr>
                          <td colSpan={7} class="px-4 py-10 text-center text-slate-600">
                            No users match these filters.
                          </td>
                        </tr>
                      }
                    >
                      {(u) => {
                        const self = () => u.id === props.currentUserId;
                        const nameId = `user-${u.id}`;
                        return (
                          <tr class={u.status === "suspended" ? "bg-amber-50/40" : ""}>
                            <td class="px-4 py-3">
                              <div class="flex items-center gap-3">
                                <Avatar name={u.name} src={u.photoUrl} size="sm" />
                                <div class="min-w-44">
                                  <div class="flex items-center gap-2">
                                    <A
                                      href={`/people/${u.id}`}
                                      id={nameId}
                                      class="font-medium whitespace-nowrap text-slate-900 hover:text-indigo-700 hover:underline"
                                    >
                                      {u.name}
                                    </A>
                                    <Show when={self()}>
                                      <Badge>You</Badge>
                                    </Show>
                                  </div>
                                  {/* On narrow screens the hidden columns' facts move under the name. */}
                                  <p class="text-xs break-all text-slate-500 md:hidden">{u.email}</p>
                                  <p class="text-xs whitespace-nowrap text-slate-500 lg:hidden">
                                    {u.emailVerified ? "Verified" : "Not verified"} ·{" "}
                                    {u.lastActiveAt ? `active ${timeAgo(u.lastActiveAt)}` : "never active"}
                                  </p>
                                </div>
                              </div>
                            </td>
                            <td class="hidden px-4 py-3 text-slate-700 md:table-cell">{u.email}</td>
                            <td class="px-4 py-3">
                              <div class="flex flex-wrap gap-1">
                                <Show when={u.isPlatformAdmin}>
                                  <Badge tone="indigo">Admin</Badge>
                                </Show>
                                <For each={u.roles}>{(r) => <Badge>{roleLabel[r] ?? r}</Badge>}</For>
                                <Show when={!u.isPlatformAdmin && u.roles.length === 0}>
                                  <span class="text-slate-500">—</span>
                                </Show>
                              </div>
                            </td>
                            <td class="px-4 py-3">
                              <Badge tone={u.status === "active" ? "green" : "amber"}>
                                {u.status === "active" ? "Active" : "Suspended"}
                              </Badge>
                            </td>
                            <td class="hidden px-4 py-3 text-slate-700 lg:table-cell">{u.emailVerified ? "Yes" : "No"}</td>
                            <td class="hidden px-4 py-3 whitespace-nowrap text-slate-700 lg:table-cell">
                              <Show when={u.lastActiveAt} fallback={<span class="text-slate-500">Never</span>}>
                                {(at) => (
                                  <time datetime={at().toISOString()} title={formatDateTime(at())}>
                                    {timeAgo(at())}
                                  </time>
                                )}
                              </Show>
                            </td>
                            <td class="px-4 py-3">
                              <div class="flex justify-end gap-2">
                                <Show when={!self()}>
                                  <Show
                                    when={u.status === "active"}
                                    fallback={
                                      <Button
                                        size="sm"
                                        variant="secondary"
                                        aria-describedby={nameId}
                                        onClick={() => openConfirm(u, "active")}
                                      >
                                        Reactivate
                                      </Button>
                                    }
                                  >
                                    <Button
                                      size="sm"
                                      variant="secondary"
                                      aria-describedby={nameId}
                                      onClick={() => openConfirm(u, "suspended")}
                                    >
                                      Suspend
                                    </Button>
                                  </Show>
                                  <Button
                                    size="sm"
                                    variant="ghost"
                                    aria-describedby={nameId}
                                    loading={setAdmin.isPending && setAdmin.variables?.userId === u.id}
                                    onClick={() => {
                                      setActionError(null);
                                      setNotice(null);
                                      setAdmin.mutate({ userId: u.id, isPlatformAdmin: !u.isPlatformAdmin, name: u.name });
                                    }}
                                  >
                                    {u.isPlatformAdmin ? "Remove admin" : "Make admin"}
                                  </Button>
                                </Show>
                              </div>
                            </td>
                          </tr>
                        );
                      }}
                    </For>
                  </tbody>
                </table>
              </section>
              <Show when={data().pages > 1}>
                <Pagination page={data().page} pages={data().pages} onChange={setPage} label="Users pages" disabled={users.isFetching} />
              </Show>
            </div>
          )}
        </Match>
      </Switch>

      <Dialog
        open={confirming() !== null}
        onOpenChange={(open) => {
          if (!open) setConfirming(null);
        }}
        title={confirming()?.to === "suspended" ? `Suspend ${confirming()?.user.name}?` : `Reactivate ${confirming()?.user.name}?`}
        description={
          confirming()?.to === "suspended"
            ? "They will be signed out everywhere at once and cannot sign in until reactivated."
            : "They will be able to sign in again."
        }
      >
        <form class="flex flex-col gap-4" onSubmit={confirm}>
          <TextField
            label="Reason"
            rows={3}
            value={reason()}
            onInput={setReason}
            required={false}
            maxLength={500}
            description="Kept in the audit log."
          />
          <Show when={setStatusMutation.isError}>
            <Alert tone="error">{errorMessageWithFields(setStatusMutation.error)}</Alert>
          </Show>
          <div class="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
            <Button variant="secondary" onClick={() => setConfirming(null)}>
              Cancel
            </Button>
            <Button type="submit" variant={confirming()?.to === "suspended" ? "danger" : "primary"} loading={setStatusMutation.isPending}>
              {confirming()?.to === "suspended" ? "Suspend user" : "Reactivate user"}
            </Button>
          </div>
        </form>
      </Dialog>
    </div>
  );
}
