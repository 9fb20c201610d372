import { db } from "~/server/db";

export const dynamic = "force-dynamic";

/** For load balancers and the start script: the app answers and reaches its database. */
export async function GET() {
  try {
    await db().$queryRaw`SELECT 1`;
    return Response.json({ ok: true });
  } catch (error) {
    return Response.json({ ok: false, error: "database unreachable" }, { status: 503 });
  }
}
