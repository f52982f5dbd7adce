import { router } from "../../trpc";

export const programSessionsRouter = router({});
