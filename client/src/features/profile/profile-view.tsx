import { For, type JSX, Show } from "solid-js";
import { Avatar } from "../../components/ui/avatar";
import { Badge } from "../../components/ui/badge";
import { Card } from "../../components/ui/card";
import { formatCalendarDate, timeAgo } from "../../lib/format";
import { plural } from "../../lib/plural";
import { levelLabels, priorityLabels, styleLabels } from "./drafts";
import type { Profile } from "./queries";

function Detail(props: { label: string; children: JSX.Element }) {
  return (
    <div class="flex flex-col gap-0.5 sm:flex-row sm:gap-4">
      <dt class="text-sm font-medium text-slate-500 sm:w-40 sm:shrink-0">{props.label}</dt>
      <dd class="text-sm break-words text-slate-900">{props.children}</dd>
    </div>
  );
}

function Tags(props: { items: string[]; empty?: string }) {
  return (
    <Show when={props.items.length > 0} fallback={<span class="text-slate-500">{props.empty ?? "None yet"}</span>}>
      <ul class="flex flex-wrap gap-1.5">
        <For each={props.items}>
          {(t) => (
            <li>
              <Badge tone="indigo">{t}</Badge>
            </li>
          )}
        </For>
      </ul>
    </Show>
  );
}

/** Someone's profile, read-only. Email and phone are present only for the owner and platform admins. */
export function ProfileView(props: { profile: Profile; headingLevel?: 2 | 3 }) {
  const p = () => props.profile;
  return (
    <div class="flex flex-col gap-6">
      <Card>
        <div class="flex flex-col items-start gap-4 sm:flex-row sm:items-center">
          <Avatar name={p().name} src={p().photoUrl} size="lg" />
          <div class="min-w-0">
            <p class="text-xl font-semibold text-slate-900">{p().name}</p>
            <Show when={p().mentor?.headline}>
              <p class="text-sm text-slate-600">{p().mentor?.headline}</p>
            </Show>
            <div class="mt-2 flex flex-wrap gap-1.5">
              <Show when={p().mentor}>
                <Badge tone="indigo">Mentor</Badge>
              </Show>
              <Show when={p().mentee}>
                <Badge tone="green">Mentee</Badge>
              </Show>
            </div>
          </div>
        </div>
        <Show when={p().bio}>
          <p class="mt-4 text-sm leading-6 whitespace-pre-line text-slate-700">{p().bio}</p>
        </Show>
        <dl class="mt-5 flex flex-col gap-3 border-t border-slate-100 pt-4">
          <Detail label="Time zone">{p().timezone.replaceAll("_", " ")}</Detail>
          <Detail label="Languages">
            <Tags items={p().languages} />
          </Detail>
          <Show when={p().email}>
            <Detail label="Email">{p().email}</Detail>
          </Show>
          <Show when={p().phone}>
            <Detail label="Phone">{p().phone}</Detail>
          </Show>
          <Show when={p().lastActiveAt}>{(at) => <Detail label="Last active">{timeAgo(at())}</Detail>}</Show>
        </dl>
      </Card>

      <Show when={p().mentor}>
        {(m) => (
          <Card title="As a mentor" headingLevel={props.headingLevel}>
            <dl class="flex flex-col gap-3">
              <Detail label="Expertise">
                <Tags items={m().expertise} />
              </Detail>
              <Detail label="Experience">{plural(m().yearsExperience, "year")}</Detail>
              <Detail label="Mentoring styles">
                <Tags items={m().mentoringStyles.map((s) => styleLabels[s])} />
              </Detail>
              <Detail label="Capacity">
                Up to {m().defaultCapacity} {m().defaultCapacity === 1 ? "mentee" : "mentees"} at a time
              </Detail>
            </dl>
          </Card>
        )}
      </Show>

      <Show when={p().mentee}>
        {(m) => (
          <Card title="As a mentee" headingLevel={props.headingLevel}>
            <dl class="flex flex-col gap-3">
              <Show when={m().background}>
                <Detail label="Background">{m().background}</Detail>
              </Show>
              <Detail label="Level">{levelLabels[m().level]}</Detail>
              <Detail label="Interests">
                <Tags items={m().interests} />
              </Detail>
              <Detail label="Goals">
                <Show when={m().goals.length > 0} fallback={<span class="text-slate-500">No goals yet</span>}>
                  <ul class="flex flex-col gap-2">
                    <For each={m().goals}>
                      {(g) => (
                        <li class="flex flex-wrap items-center gap-2">
                          <span>{g.text}</span>
                          <Badge tone={g.priority === "high" ? "red" : g.priority === "medium" ? "amber" : "neutral"}>
                            {priorityLabels[g.priority]} priority
                          </Badge>
                          <Show when={g.targetDate}>{(d) => <span class="text-xs text-slate-500">by {formatCalendarDate(d())}</span>}</Show>
                        </li>
                      )}
                    </For>
                  </ul>
                </Show>
              </Detail>
            </dl>
          </Card>
        )}
      </Show>
    </div>
  );
}
