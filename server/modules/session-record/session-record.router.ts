import { router } from "../../trpc";

export const sessionRecordRouter = router({});
