/**
 * No Docker engine runs on the development machines, so the department install is checked by reading
 * the files: the services, what they run, how they reach the database and the worker's GPU reservation.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

const compose = parse(readFileSync("docker-compose.yml", "utf8"));
const scripts: Record<string, string> = JSON.parse(readFileSync("package.json", "utf8")).scripts;

describe("docker-compose.yml", () => {
  it("has postgres, web and worker", () => {
    expect(Object.keys(compose.services).sort()).toEqual(["postgres", "web", "worker"]);
  });

  it("builds web and worker from their targets of the project's Dockerfile", () => {
    const dockerfile = readFileSync("Dockerfile", "utf8");
    for (const service of ["web", "worker"]) {
      expect(compose.services[service].build).toEqual({ context: ".", target: service });
      expect(dockerfile).toMatch(new RegExp(`^FROM \\S+ AS ${service}$`, "m"));
    }
  });

  it("runs npm scripts that exist", () => {
    const commands = [compose.services.web.command.join(" "), compose.services.worker.command.join(" ")];
    const used = commands.flatMap((command) => [...command.matchAll(/npm run ([\w:-]+)/g)].map((match) => match[1]));
    expect(used.length).toBeGreaterThan(0);
    for (const script of used) expect(scripts, `npm script ${script}`).toHaveProperty(script);
  });

  it("points web and worker at the postgres service", () => {
    for (const service of ["web", "worker"]) {
      expect(compose.services[service].environment.DATABASE_URL).toMatch(/^postgresql:\/\/[^@]+@postgres:5432\/diffusion_lab$/);
    }
    expect(compose.services.web.depends_on.postgres.condition).toBe("service_healthy");
  });

  it("requires a session secret instead of shipping one", () => {
    expect(compose.services.web.environment.NEXTAUTH_SECRET).toMatch(/^\$\{NEXTAUTH_SECRET:\?/);
  });

  it("requires a database password instead of shipping one", () => {
    expect(compose.services.postgres.environment.POSTGRES_PASSWORD).toMatch(/^\$\{POSTGRES_PASSWORD:\?/);
    expect(readFileSync("docker-compose.yml", "utf8")).not.toContain("POSTGRES_PASSWORD:-");
  });

  it("opens the web app to the container's network only inside the container (HOST=0.0.0.0)", () => {
    expect(compose.services.web.environment.HOST).toBe("0.0.0.0");
    expect(readFileSync("Dockerfile", "utf8")).toMatch(/^ENV HOST=0\.0\.0\.0$/m);
    // Everywhere else the app binds to the loopback interface unless HOST says otherwise.
    expect(scripts.serve).toBe("next start --hostname ${HOST:-127.0.0.1}");
  });

  it("reserves an NVIDIA GPU for the worker, with the driver's graphics (Vulkan) libraries", () => {
    const devices = compose.services.worker.deploy.resources.reservations.devices;
    expect(devices).toEqual([expect.objectContaining({ driver: "nvidia", count: 1 })]);
    // Docker sets NVIDIA_DRIVER_CAPABILITIES from the driver capabilities listed here, replacing the image's.
    expect(devices[0].capabilities).toEqual(expect.arrayContaining(["gpu", "compute", "utility", "graphics"]));
    expect(compose.services.worker.environment.NVIDIA_DRIVER_CAPABILITIES.split(",")).toEqual(expect.arrayContaining(["graphics"]));
  });

  it("runs the worker on its GPU provider, not the CPU default", () => {
    expect(compose.services.worker.environment.WORKER_PROVIDER).toBe("webgpu");
  });
});

describe("docker-compose.cpu.yml (a host without an NVIDIA GPU)", () => {
  const resetTag = { tag: "!reset", collection: "map" as const, resolve: () => "reset" };
  const cpu = parse(readFileSync("docker-compose.cpu.yml", "utf8"), { customTags: [resetTag] });

  it("drops the GPU reservation and runs the worker on the CPU", () => {
    expect(Object.keys(cpu.services)).toEqual(["worker"]);
    expect(cpu.services.worker.deploy).toBe("reset");
    expect(cpu.services.worker.environment).toEqual({ WORKER_PROVIDER: "cpu" });
  });
});

describe("docker-compose.scale.yml (several web processes behind nginx)", () => {
  // Compose's `!reset` drops the base file's value (the web containers publish no port of their own).
  const resetTag = { tag: "!reset", collection: "seq" as const, resolve: () => "reset" };
  const scaled = parse(readFileSync("docker-compose.scale.yml", "utf8"), { customTags: [resetTag] });
  const nginx = readFileSync("deploy/nginx.conf", "utf8");

  it("publishes the proxy's port instead of the web containers'", () => {
    expect(scaled.services.web.ports).toBe("reset");
    expect(scaled.services.proxy.ports).toEqual(["3000:3000"]);
    expect(scaled.services.proxy.volumes).toContain("./deploy/nginx.conf:/etc/nginx/conf.d/default.conf:ro");
  });

  it("trusts X-Forwarded-For only from its own network", () => {
    expect(scaled.services.web.environment.TRUSTED_PROXIES).toBe(scaled.networks.default.ipam.config[0].subnet);
  });

  it("re-resolves the scaled web service and passes live views through unbuffered", () => {
    expect(nginx).toMatch(/server web:3000 resolve;/);
    expect(nginx).toMatch(/resolver 127\.0\.0\.11/);
    expect(nginx).toMatch(/proxy_buffering off;/);
    expect(nginx).toMatch(/proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;/);
  });
});
