import { router } from "../../trpc";

export const sessionLinkRouter = router({});
