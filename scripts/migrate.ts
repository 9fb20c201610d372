// `npm run db:migrate`: applies prisma/migrations to the database DATABASE_URL names.
import { migrate } from "../server/db/migrate";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("Set DATABASE_URL to the database to migrate (npm start migrates the embedded one itself).");
  process.exit(2);
}
const { applied, via } = await migrate(url);
console.log(applied.length ? `Applied ${applied.join(", ")} (${via}).` : "The database is up to date.");
