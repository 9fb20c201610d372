/**
 * Zod compiles its object parsers with `new Function` where it may, and probes for that the first time
 * it parses. The pages' Content-Security-Policy forbids eval, so the probe alone is reported as a
 * violation. In the browser, zod parses without compiling.
 */
import { z } from "zod";

z.config({ jitless: true });
