import { cache } from "react";
import { createCaller } from "~/server/api/root";
import { createRequestContext } from "~/server/api/request-context";

/** Server components call procedures through this caller, with the same authorization as the browser. */
export const serverApi = cache(async () => createCaller(await createRequestContext()));
