import { keepPreviousData, queryOptions } from "@tanstack/solid-query";
import { queryKeys } from "../../lib/query-keys";
import { type RouterInputs, type RouterOutputs, trpc } from "../../lib/trpc";

export type UserFilters = RouterInputs["admin"]["users"];
export type AdminUser = RouterOutputs["admin"]["users"]["items"][number];
export type DeliveryFilters = RouterInputs["admin"]["deliveries"];
export type Delivery = RouterOutputs["admin"]["deliveries"]["items"][number];
export type DeliveryStatus = Delivery["status"];
export type Integration = RouterOutputs["integrations"]["status"][number];

export const adminQueries = {
  overview: () => queryOptions({ queryKey: queryKeys.adminOverview, queryFn: () => trpc.admin.overview.query() }),
  users: (filters: UserFilters) =>
    queryOptions({
      queryKey: [...queryKeys.adminUsers, filters] as const,
      queryFn: () => trpc.admin.users.query(filters),
      // Keep the current page on screen while the next search or page loads.
      placeholderData: keepPreviousData,
    }),
  deliveries: (filters: DeliveryFilters) =>
    queryOptions({
      queryKey: [...queryKeys.adminDeliveries, filters] as const,
      queryFn: () => trpc.admin.deliveries.query(filters),
      placeholderData: keepPreviousData,
    }),
  integrations: () => queryOptions({ queryKey: queryKeys.integrations, queryFn: () => trpc.integrations.status.query() }),
};

/** The delivery states in the order an admin reads them, with their words. */
export const deliveryStatusLabels: Record<DeliveryStatus, string> = {
  pending: "Pending",
  sending: "Sending",
  sent: "Sent",
  failed: "Failed",
  dead: "Dead",
  cancelled: "Cancelled",
};
export const retryableStatuses: readonly DeliveryStatus[] = ["failed", "dead", "cancelled"];
