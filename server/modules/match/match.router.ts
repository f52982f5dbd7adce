import { router } from "../../trpc";

export const matchRouter = router({});
