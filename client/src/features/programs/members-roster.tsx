import { membershipRoles } from "@shared/modules/program/program.schema";
import { A } from "@solidjs/router";
import { createMutation, createQuery } from "@tanstack/solid-query";
import { createMemo, createSignal, For, Match, Show, Switch } from "solid-js";
import { Alert, RetryAlert } from "../../components/ui/alert";
import { Avatar } from "../../components/ui/avatar";
import { Badge, type BadgeTone } from "../../components/ui/badge";
import { Button } from "../../components/ui/button";
import { Card } from "../../components/ui/card";
import { Dialog } from "../../components/ui/dialog";
import { Select } from "../../components/ui/select";
import { LoadingBlock } from "../../components/ui/spinner";
import { TextField } from "../../components/ui/text-field";
import { errorMessage } from "../../lib/errors";
import { queryClient } from "../../lib/query-client";
import { queryKeys } from "../../lib/query-keys";
import { trpc } from "../../lib/trpc";
import { type Member, memberStatusLabels, programQueries, roleLabels } from "./queries";

const statusTones: Record<Member["status"], BadgeTone> = { active: "green", pending: "amber", declined: "red", removed: "neutral" };
const memberStatuses = ["active", "pending", "declined", "removed"] as const;

/**
 * The roster with role and status filters. Coordinators remove and reinstate mentors and mentees; only platform
 * admins revoke a coordinator.
 */
export function MemberRoster(props: { programId: string; isPlatformAdmin: boolean }) {
  const members = createQuery(() => programQueries.members(props.programId));
  const [role, setRole] = createSignal("");
  const [status, setStatus] = createSignal("active");
  const [search, setSearch] = createSignal("");
  const [confirming, setConfirming] = createSignal<Member | null>(null);
  const [message, setMessage] = createSignal<{ tone: "success" | "error"; text: string } | null>(null);

  const shown = createMemo(() => {
    const q = search().trim().toLowerCase();
    return (members.data ?? []).filter(
      (m) =>
        (!role() || m.role === role()) &&
        (!status() || m.status === status()) &&
        (!q || m.name.toLowerCase().includes(q) || m.email.toLowerCase().includes(q)),
    );
  });

  const change = createMutation(() => ({
    mutationFn: (input: { member: Member; status: "active" | "removed" }) =>
      trpc.program.setMemberStatus.mutate({ programId: props.programId, membershipId: input.member.membershipId, status: input.status }),
    onSuccess: (_r, input) => {
      setConfirming(null);
      setMessage({
        tone: "success",
        text:
          input.status === "removed"
            ? `${input.member.name} is no longer a ${roleLabels[input.member.role].toLowerCase()} here.`
            : `${input.member.name} is a ${roleLabels[input.member.role].toLowerCase()} again.`,
      });
      void queryClient.invalidateQueries({ queryKey: queryKeys.programs });
    },
    onError: (err) => {
      setConfirming(null);
      setMessage({ tone: "error", text: errorMessage(err) });
    },
  }));

  const canChange = (m: Member) => m.role !== "coordinator" || props.isPlatformAdmin;

  return (
    <Card title="Members" description={members.data ? `${shown().length} of ${members.data.length} shown` : undefined} padded={false}>
      <div class="grid gap-3 border-b border-slate-100 px-5 py-4 sm:grid-cols-3">
        <TextField label="Search" type="search" value={search()} onInput={setSearch} placeholder="Name or email" />
        <Select
          label="Role"
          value={role()}
          onChange={setRole}
          options={[{ value: "", label: "All roles" }, ...membershipRoles.map((r) => ({ value: r, label: roleLabels[r] }))]}
        />
        <Select
          label="Status"
          value={status()}
          onChange={setStatus}
          options={[{ value: "", label: "Any status" }, ...memberStatuses.map((s) => ({ value: s, label: memberStatusLabels[s] }))]}
        />
      </div>
      <Show when={message()}>
        {(m) => (
          <div class="px-5 pt-4">
            <Alert tone={m().tone}>{m().text}</Alert>
          </div>
        )}
      </Show>
      <Switch>
        <Match when={members.isPending}>
          <LoadingBlock />
        </Match>
        <Match when={members.isError}>
          <div class="px-5 py-4">
            <RetryAlert message={errorMessage(members.error)} onRetry={() => void members.refetch()} />
          </div>
        </Match>
        <Match when={shown().length === 0}>
          <p class="px-5 py-6 text-sm text-slate-600">No one matches these filters.</p>
        </Match>
        <Match when={true}>
          <ul class="divide-y divide-slate-100">
            <For each={shown()}>
              {(m) => (
                <li class="flex flex-wrap items-center gap-3 px-5 py-3">
                  <Avatar name={m.name} src={m.photoUrl} size="sm" />
                  <div class="min-w-0 flex-1">
                    <A href={`/people/${m.userId}`} class="block truncate font-medium text-slate-900 hover:text-indigo-700 hover:underline">
                      {m.name}
                    </A>
                    <p class="truncate text-xs text-slate-500">{m.email}</p>
                  </div>
                  <Badge tone="indigo">{roleLabels[m.role]}</Badge>
                  <Badge tone={statusTones[m.status]}>{memberStatusLabels[m.status]}</Badge>
                  <Show when={m.role === "mentor" && m.status === "active"}>
                    <Badge tone={m.readyAt ? "green" : "neutral"}>{m.readyAt ? "Ready to match" : "Checklist open"}</Badge>
                  </Show>
                  <Show when={canChange(m) && m.status === "active"}>
                    <Button size="sm" variant="secondary" onClick={() => setConfirming(m)}>
                      {m.role === "coordinator" ? "Revoke coordinator" : "Remove"}
                    </Button>
                  </Show>
                  <Show when={canChange(m) && (m.status === "removed" || m.status === "declined")}>
                    <Button
                      size="sm"
                      variant="secondary"
                      loading={change.isPending && change.variables?.member.membershipId === m.membershipId}
                      onClick={() => change.mutate({ member: m, status: "active" })}
                    >
                      Reinstate
                    </Button>
                  </Show>
                </li>
              )}
            </For>
          </ul>
        </Match>
      </Switch>
      <Dialog
        open={confirming() !== null}
        onOpenChange={(open) => !open && setConfirming(null)}
        title={confirming()?.role === "coordinator" ? "Revoke this coordinator?" : "Remove this member?"}
        description={
          confirming()
            ? `${confirming()?.name} will lose access to this program as ${roleLabels[confirming()?.role ?? "mentee"].toLowerCase()}. You can reinstate them later.`
            : undefined
        }
        footer={
          <>
            <Button variant="secondary" onClick={() => setConfirming(null)}>
              Cancel
            </Button>
            <Button
              variant="danger"
              loading={change.isPending}
              onClick={() => {
                const m = confirming();
                if (m) change.mutate({ member: m, status: "removed" });
              }}
            >
              {confirming()?.role === "coordinator" ? "Revoke" : "Remove"}
            </Button>
          </>
        }
      />
    </Card>
  );
}
