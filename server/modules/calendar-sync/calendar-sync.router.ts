import { router } from "../../trpc";

export const calendarSyncRouter = router({});
