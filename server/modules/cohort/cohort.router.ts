import { router } from "../../trpc";

export const cohortRouter = router({});
