/**
 * The GPU worker: one process per GPU, on any machine that reaches the platform's PostgreSQL.
 * It claims jobs from the pg-boss queues; the Job rows in Postgres are the source of truth.
 * It never imports the web app's code.
 */
import { hostname } from "node:os";
import { PgBoss } from "pg-boss";
import { JOB_QUEUES } from "./contracts/queues";

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  console.error("worker: set DATABASE_URL to the platform's PostgreSQL (npm start does this for you).");
  process.exit(2);
}

const workerId = `${hostname()}:${process.pid}`;
const boss = new PgBoss({ connectionString: databaseUrl, application_name: `diffusion-lab-worker ${workerId}` });
let stopping = false;
// While stopping, the database may go away first (npm start stops both); that is not worth a report.
boss.on("error", (error) => {
  if (!stopping) console.error(`worker: queue error: ${error.message}`);
});

await boss.start();
for (const queue of JOB_QUEUES) await boss.createQueue(queue);
console.log(`worker ${workerId}: ready, listening on queues ${JOB_QUEUES.join(", ")}`);

async function stop() {
  stopping = true;
  await boss.stop({ graceful: true, timeout: 10_000 });
  process.exit(0);
}
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
