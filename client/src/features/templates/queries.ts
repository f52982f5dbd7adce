import { keepPreviousData, queryOptions } from "@tanstack/solid-query";
import { queryKeys } from "../../lib/query-keys";
import { type RouterInputs, type RouterOutputs, trpc } from "../../lib/trpc";

export type TemplateScope = RouterInputs["template"]["list"]["scope"];
export type TemplateRow = RouterOutputs["template"]["list"][number];
export type TemplateChannel = TemplateRow["channel"];
export type TemplateContent = RouterInputs["template"]["preview"];
export type TemplatePreview = RouterOutputs["template"]["preview"];

export const templateQueries = {
  list: (scope: TemplateScope) =>
    queryOptions({
      queryKey: [...queryKeys.templates, scope, "list"] as const,
      queryFn: () => trpc.template.list.query({ scope }),
    }),
  /** Rendered with sample data while editing; the last preview stays on screen while the next one loads. */
  preview: (input: TemplateContent) =>
    queryOptions({
      queryKey: [...queryKeys.templates, input.scope, "preview", input] as const,
      queryFn: () => trpc.template.preview.query(input),
      placeholderData: keepPreviousData,
      staleTime: 60_000,
      retry: false,
    }),
};

export const channelLabels: Record<TemplateChannel, string> = { in_app: "In-app", email: "Email", sms: "SMS" };

export const templateKey = (t: { type: string; channel: TemplateChannel }) => `${t.type}:${t.channel}`;
