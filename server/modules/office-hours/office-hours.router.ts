import { router } from "../../trpc";

export const officeHoursRouter = router({});
