import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { boundedTrpcRequest } from "~/server/api/body-limit";
import { appRouter } from "~/server/api/root";
import { createRequestContext } from "~/server/api/request-context";

const ENDPOINT = "/api/trpc";

async function handler(request: Request) {
  // The body is bounded before tRPC parses it (server/api/body-limit.ts).
  const bounded = await boundedTrpcRequest(appRouter, request, ENDPOINT);
  if (bounded instanceof Response) return bounded;
  return fetchRequestHandler({
    endpoint: ENDPOINT,
    req: bounded,
    router: appRouter,
    createContext: createRequestContext,
    onError({ error, path }) {
      if (error.code === "INTERNAL_SERVER_ERROR") console.error(`tRPC ${path ?? "?"} failed:`, error.cause ?? error);
    },
  });
}

export { handler as GET, handler as POST };
