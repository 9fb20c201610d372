import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { createRequestContext } from "~/server/api/request-context";
import { SESSION_REQUIRED_MESSAGE } from "~/server/api/trpc";
import type { Db } from "~/server/db/client";

/** Serves something a version holds to the signed-in caller, with the access rules' errors as HTTP statuses. */
export async function versionFileResponse(read: (db: Db, userId: string) => Promise<{ fileName: string; contentType: string; data: Uint8Array }>) {
  const { db, session } = await createRequestContext();
  if (!session) return new Response(SESSION_REQUIRED_MESSAGE, { status: 401 });
  try {
    const file = await read(db, session.user.id);
    return new Response(new Uint8Array(file.data), {
      headers: {
        "Content-Type": file.contentType,
        // The name is the student's; encode it so quotes or non-ASCII characters cannot break the header.
        "Content-Disposition": `inline; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
        "X-Content-Type-Options": "nosniff",
        // A version never changes once handed in.
        "Cache-Control": "private, max-age=86400, immutable",
      },
    });
  } catch (error) {
    if (error instanceof TRPCError) return new Response(error.message, { status: getHTTPStatusCodeFromError(error) });
    throw error;
  }
}
