// The Dockerfile, checked statically (no Docker engine here to build it): its stages, the build
// command, the non-root user, the port, the health check, the entry point, and that what it copies
// exists and is not excluded by .dockerignore.
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse as parseYaml } from "yaml";
import { repoRoot } from "./lib/terraform.mjs";

/** Instructions of a Dockerfile: [{instruction, args, line}], continuations joined, comments dropped. */
export function parseDockerfile(text) {
  const out = [];
  let buffer = "";
  let start = 0;
  text.split("\n").forEach((raw, i) => {
    const line = raw.trimEnd();
    if (!buffer && (/^\s*#/.test(line) || !line.trim())) return;
    if (buffer && /^\s*#/.test(line)) return; // comment lines inside a continuation
    if (!buffer) start = i + 1;
    if (line.endsWith("\\")) {
      buffer += line.slice(0, -1) + " ";
      return;
    }
    buffer += line;
    const m = /^\s*([A-Za-z]+)\s+([\s\S]*)$/.exec(buffer);
    assert.ok(m, `line ${start}: not an instruction: ${buffer}`);
    out.push({ instruction: m[1].toUpperCase(), args: m[2].trim(), line: start });
    buffer = "";
  });
  assert.equal(buffer, "", "the Dockerfile ends inside a line continuation");
  return out;
}

const text = readFileSync(join(repoRoot, "Dockerfile"), "utf8");
const instructions = parseDockerfile(text);
const known = new Set(["FROM", "ARG", "WORKDIR", "COPY", "RUN", "LABEL", "ENV", "USER", "EXPOSE", "HEALTHCHECK", "ENTRYPOINT", "CMD", "VOLUME", "STOPSIGNAL", "SHELL", "ADD", "ONBUILD"]);

const stages = [];
for (const ins of instructions) {
  if (ins.instruction === "FROM") stages.push({ from: ins.args, name: /\sAS\s+(\S+)$/i.exec(ins.args)?.[1], body: [] });
  else if (stages.length) stages.at(-1).body.push(ins);
}
const final = stages.at(-1);
const all = (stage, instruction) => stage.body.filter((i) => i.instruction === instruction);
const one = (stage, instruction) => {
  const list = all(stage, instruction);
  assert.equal(list.length, 1, `exactly one ${instruction} in stage ${stage.name}`);
  return list[0];
};

describe("Dockerfile", () => {
  test("only known instructions; ARGs before the first FROM", () => {
    for (const i of instructions) assert.ok(known.has(i.instruction), `line ${i.line}: ${i.instruction}`);
    assert.equal(instructions[0].instruction, "ARG");
  });

  test("two stages: build on a Temurin JDK with the Maven wrapper, run on a Temurin JRE", () => {
    assert.equal(stages.length, 2);
    const [build, runtime] = stages;
    assert.match(build.from, /^eclipse-temurin:\$\{JAVA_VERSION\}-jdk AS build$/);
    assert.match(runtime.from, /^eclipse-temurin:\$\{JAVA_VERSION\}-jre AS runtime$/);
    const version = /^ARG JAVA_VERSION=(\d+)$/m.exec(text);
    assert.ok(version && Number(version[1]) >= 21, "Java 21 or newer");
    const run = all(build, "RUN").map((i) => i.args).join("\n");
    assert.match(run, /\.\/mvnw .*-pl cli -am package/, "the launcher's build command");
    assert.match(run, /-DskipTests/);
  });

  test("the runtime stage copies the distribution from the build stage only", () => {
    const copies = all(final, "COPY");
    assert.ok(copies.length >= 2);
    for (const c of copies) assert.match(c.args, /^--from=build \/src\/cli\/target\//);
    const pom = readFileSync(join(repoRoot, "cli/pom.xml"), "utf8");
    assert.match(pom, /<finalName>symphony-cli<\/finalName>/, "cli/target/symphony-cli.jar is the jar's name");
    assert.match(pom, /\$\{project\.build\.directory\}\/lib/, "cli/target/lib holds the dependencies");
  });

  test("non-root numeric USER in the final stage", () => {
    const user = one(final, "USER").args;
    const [uid, gid] = user.split(":");
    assert.match(uid, /^\d+$/, "numeric, so Kubernetes runAsNonRoot can verify it");
    assert.notEqual(uid, "0");
    assert.notEqual(gid, "0");
    assert.match(all(final, "RUN").map((i) => i.args).join("\n"), new RegExp(`useradd .*--uid ${uid}\\b`));
    const tfUid = /uid = (\d+)/.exec(readFileSync(join(repoRoot, "terraform/modules/kubernetes/common.tf"), "utf8"))[1];
    assert.equal(tfUid, uid, "Terraform's pods run as the image's user");
  });

  test("EXPOSE 1234 and a HEALTHCHECK on /healthz", () => {
    assert.equal(one(final, "EXPOSE").args, "1234");
    const hc = one(final, "HEALTHCHECK").args;
    assert.match(hc, /--interval=\S+/);
    const cmd = JSON.parse(/CMD (\[.*\])$/.exec(hc)[1]);
    assert.match(cmd.join(" "), /\/healthz/);
    assert.match(cmd.join(" "), /SYMPHONY_PORT:-1234/);
  });

  test("ENTRYPOINT runs dev.symphony.cli.SymphonyCli from cli/target on java; CMD serve", () => {
    const entry = JSON.parse(one(final, "ENTRYPOINT").args);
    assert.equal(entry[0], "java");
    assert.equal(entry.at(-1), "dev.symphony.cli.SymphonyCli");
    assert.equal(entry[entry.indexOf("-cp") + 1], "cli/target/symphony-cli.jar:cli/target/lib/*");
    assert.ok(existsSync(join(repoRoot, "cli/src/main/java/dev/symphony/cli/SymphonyCli.java")));
    assert.equal(one(final, "WORKDIR").args, "/opt/symphony", "the relative classpath starts here");
    assert.deepEqual(JSON.parse(one(final, "CMD").args), ["serve"]);
    const env = one(final, "ENV").args;
    assert.match(env, /SYMPHONY_HOST=0\.0\.0\.0/, "listen on all interfaces in a container");
    assert.match(env, /SYMPHONY_PORT=1234/);
  });

  test(".dockerignore keeps what the build needs and drops build outputs", () => {
    const ignore = readFileSync(join(repoRoot, ".dockerignore"), "utf8").split("\n").map((l) => l.trim()).filter((l) => l && !l.startsWith("#"));
    for (const needed of ["mvnw", ".mvn", "pom.xml", "cli", "runtime", "backends", "scripts"]) {
      assert.ok(!ignore.includes(needed) && !ignore.includes(`/${needed}`), `${needed} must reach the build`);
      if (needed !== "scripts") assert.ok(existsSync(join(repoRoot, needed)), `${needed} exists`);
    }
    for (const dropped of ["**/target", "**/node_modules", ".git"]) assert.ok(ignore.includes(dropped), `${dropped} is ignored`);
  });

  test("terraform/cloudbuild.yaml builds it on Cloud Build with BuildKit (the cache mount needs it) and pushes _IMAGE", () => {
    assert.match(text, /RUN --mount=/, "the Dockerfile uses a BuildKit mount: this is why cloudbuild.yaml turns BuildKit on");
    const build = parseYaml(readFileSync(join(repoRoot, "terraform/cloudbuild.yaml"), "utf8"));
    assert.equal(build.steps.length, 1);
    const [step] = build.steps;
    assert.equal(step.name, "gcr.io/cloud-builders/docker");
    assert.ok(step.env.includes("DOCKER_BUILDKIT=1"), "BuildKit on");
    assert.deepEqual(step.args, ["build", "--tag", "${_IMAGE}", "."], "the root Dockerfile, tagged with the image symphony deploy passes");
    assert.deepEqual(build.images, ["${_IMAGE}"], "pushed to the registry when built");
  });
});
