import { keepPreviousData, queryOptions } from "@tanstack/solid-query";
import { queryKeys } from "../../lib/query-keys";
import { type RouterInputs, type RouterOutputs, trpc } from "../../lib/trpc";

export type UserFilters = RouterInputs["admin"]["users"];
export type AdminUser = RouterOutputs["admin"]["users"]["items"][number];

export const adminQueries = {
  overview: () => queryOptions({ queryKey: queryKeys.adminOverview, queryFn: () => trpc.admin.overview.query() }),
  users: (filters: UserFilters) =>
    queryOptions({
      queryKey: [...queryKeys.adminUsers, filters] as const,
      queryFn: () => trpc.admin.users.query(filters),
      // Keep the current page on screen while the next search or page loads.
      placeholderData: keepPreviousData,
    }),
};
