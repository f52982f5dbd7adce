import { router } from "../../trpc";

export const requestRouter = router({});
