import { cache } from "react";
import { createCaller } from "~/server/api/root";
import { createRequestContext } from "~/server/api/request-context";

/**
 * Server components call procedures through this caller, with the same authorization as the browser.
 * One caller per render, so the render's procedures share their enrollment lookups (see Context).
 */
export const serverApi = cache(async () => createCaller({ ...(await createRequestContext()), renderEnrollments: new Map() }));
