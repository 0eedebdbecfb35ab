// The room-per-pod Kubernetes objects (backends/room-per-pod/k8s/*.yaml), as written and as Terraform
// renders them: every object validates against the Kubernetes API schema, offline; the set is
// complete and consistent; and (when terraform / kubectl are installed) the Terraform rendering and
// `kubectl kustomize` agree.
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { basename, join } from "node:path";
import { evaluate, repoRoot, terraformBinary } from "./lib/terraform.mjs";
import { readYaml, validateObject, yamlFiles } from "./lib/kubernetes.mjs";

const dir = join(repoRoot, "backends/room-per-pod/k8s");
const kustomization = readYaml(join(dir, "kustomization.yaml"))[0];
const objects = kustomization.resources.map((file) => {
  const docs = readYaml(join(dir, file));
  assert.equal(docs.length, 1, `${file}: one object per file (Terraform reads each with yamldecode)`);
  return { file, ...docs[0] };
});
const byId = Object.fromEntries(objects.map((o) => [`${o.kind}/${o.metadata.name}`, o]));

function roomPodSize(proxy) {
  const env = Object.fromEntries(proxy.spec.template.spec.containers[0].env.map((e) => [e.name, e.value]));
  return { cpu: env.SYMPHONY_ROOM_CPU, memory: env.SYMPHONY_ROOM_MEMORY, env };
}

function checkInvariants(list, label) {
  const ids = Object.fromEntries(list.map((o) => [`${o.kind}/${o.metadata.name}`, o]));
  const priority = ids["PriorityClass/symphony-balloon"];
  assert.ok(priority.value < 0, `${label}: balloon priority ${priority.value} must be below the default 0`);
  const balloon = ids["Deployment/symphony-balloon"];
  const proxy = ids["Deployment/symphony-proxy"];
  assert.equal(balloon.spec.template.spec.priorityClassName, "symphony-balloon");
  const size = roomPodSize(proxy);
  const requests = balloon.spec.template.spec.containers[0].resources.requests;
  assert.deepEqual({ cpu: requests.cpu, memory: requests.memory }, { cpu: size.cpu, memory: size.memory }, `${label}: balloon pods are the size of a room pod`);
  const role = ids["Role/symphony-proxy"];
  for (const rule of role.rules) {
    for (const list of [rule.verbs, rule.resources, rule.apiGroups]) assert.ok(!list.includes("*"), `${label}: no wildcard in ${JSON.stringify(rule)}`);
    assert.ok(!rule.resources.includes("secrets"), `${label}: the proxy never reads secrets`);
  }
}

describe("backends/room-per-pod/k8s", () => {
  test("kustomization lists every YAML file of the folder, each once", () => {
    const files = yamlFiles(dir).map((p) => basename(p)).filter((f) => f !== "kustomization.yaml");
    assert.deepEqual([...kustomization.resources].sort(), files);
  });

  test("every object validates against the Kubernetes API schema", async () => {
    for (const o of objects) {
      const { file, ...object } = o;
      await assert.doesNotReject(validateObject(object), `${file} (${o.kind} ${o.metadata.name})`);
    }
  });

  test("the schema check does catch mistakes", async () => {
    const proxy = structuredClone(byId["Deployment/symphony-proxy"]);
    delete proxy.file;
    proxy.spec.replicas = "two";
    await assert.rejects(validateObject(proxy), /replicas/);
    const role = structuredClone(byId["Role/symphony-proxy"]);
    delete role.file;
    delete role.rules[0].verbs;
    await assert.rejects(validateObject(role), /verbs/);
  });

  test("the objects the issue names are all there", () => {
    for (const id of [
      "Namespace/symphony",
      "Namespace/symphony-rooms",
      "ServiceAccount/symphony-proxy",
      "ServiceAccount/symphony-room",
      "Role/symphony-proxy",
      "RoleBinding/symphony-proxy",
      "PriorityClass/symphony-balloon",
      "Deployment/symphony-balloon",
      "Deployment/symphony-proxy",
      "Service/symphony-proxy",
    ]) {
      assert.ok(byId[id], id);
    }
  });

  test("namespaced objects name an existing namespace; cluster-scoped ones none", () => {
    const namespaces = new Set(objects.filter((o) => o.kind === "Namespace").map((o) => o.metadata.name));
    for (const o of objects) {
      if (o.kind === "Namespace" || o.kind === "PriorityClass") assert.equal(o.metadata.namespace, undefined, o.file);
      else assert.ok(namespaces.has(o.metadata.namespace), `${o.file}: namespace ${o.metadata.namespace}`);
    }
  });

  test("RBAC: exactly what the proxy does, in the rooms namespace only", () => {
    const role = byId["Role/symphony-proxy"];
    assert.equal(role.metadata.namespace, "symphony-rooms");
    const granted = {};
    for (const rule of role.rules) {
      for (const group of rule.apiGroups) for (const resource of rule.resources) granted[`${group || "core"}/${resource}`] = [...rule.verbs].sort();
    }
    assert.deepEqual(granted, {
      "apps/deployments": ["create", "delete", "get", "list"],
      "core/services": ["create", "delete", "get"],
      "core/endpoints": ["get"],
      "core/pods": ["list", "watch"],
      "discovery.k8s.io/endpointslices": ["list"],
    });
    assert.ok(!objects.some((o) => o.kind === "ClusterRole" || o.kind === "ClusterRoleBinding"), "no cluster-wide grants");
    const binding = byId["RoleBinding/symphony-proxy"];
    assert.deepEqual(binding.roleRef, { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "symphony-proxy" });
    assert.deepEqual(binding.subjects, [{ kind: "ServiceAccount", name: "symphony-proxy", namespace: "symphony" }]);
    assert.equal(byId["Deployment/symphony-proxy"].spec.template.spec.serviceAccountName, "symphony-proxy");
  });

  test("balloon: low priority that never preempts, 3 pods the size of a room pod", () => {
    const priority = byId["PriorityClass/symphony-balloon"];
    assert.equal(priority.value, -10);
    assert.equal(priority.globalDefault, false);
    assert.equal(priority.preemptionPolicy, "Never");
    assert.equal(byId["Deployment/symphony-balloon"].spec.replicas, 3);
    assert.equal(byId["Deployment/symphony-balloon"].metadata.namespace, "symphony-rooms");
    checkInvariants(objects, "YAML");
  });

  test("proxy: probes on /readyz and /healthz, port 1234, non-root, Prometheus annotations", () => {
    const proxy = byId["Deployment/symphony-proxy"];
    const pod = proxy.spec.template.spec;
    const c = pod.containers[0];
    assert.equal(c.ports[0].containerPort, 1234);
    assert.equal(c.readinessProbe.httpGet.path, "/readyz");
    assert.equal(c.livenessProbe.httpGet.path, "/healthz");
    assert.equal(pod.securityContext.runAsNonRoot, true);
    assert.equal(c.securityContext.allowPrivilegeEscalation, false);
    assert.equal(proxy.spec.template.metadata.annotations["prometheus.io/scrape"], "true");
    assert.ok(proxy.spec.replicas >= 2, "several proxies: single-flight lives in the Kubernetes API");
    assert.deepEqual(c.args.slice(0, 3), ["serve", "--topology", "room-per-pod"]);
    for (const e of c.env) assert.deepEqual(Object.keys(e).sort(), ["name", "value"], `${e.name}: plain values only (Terraform rewrites them)`);
    const service = byId["Service/symphony-proxy"];
    assert.deepEqual(service.spec.selector, proxy.spec.selector.matchLabels);
  });

  test("room pods' identity: no API token", () => {
    assert.equal(byId["ServiceAccount/symphony-room"].automountServiceAccountToken, false);
    assert.equal(roomPodSize(byId["Deployment/symphony-proxy"]).env.SYMPHONY_ROOM_SERVICE_ACCOUNT, "symphony-room");
  });

  test("kubectl kustomize renders the set offline (when kubectl is installed)", (t) => {
    let out;
    try {
      out = execFileSync("kubectl", ["kustomize", dir], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    } catch (e) {
      if (e.code === "ENOENT") return t.skip("kubectl not installed");
      throw e;
    }
    const kinds = [...out.matchAll(/^kind: (\w+)$/gm)].map((m) => m[1]);
    assert.equal(kinds.length, objects.length);
  });

  test("Terraform's rendering (room-per-pod-objects.tf) validates and keeps the invariants (when terraform is installed)", async (t) => {
    if (!terraformBinary()) return t.skip("terraform not installed");
    const extra = `
variable "room_per_pod_manifests_dir" { type = string }
variable "image" { type = string }
variable "proxy_replicas" { type = number }
variable "balloon_replicas" { type = number }
variable "room_cpu" {
  type    = string
  default = null
}
variable "room_memory" {
  type    = string
  default = null
}
variable "app_service_account_email" { type = string }
locals {
  entry_service_annotations = { "cloud.google.com/neg" = jsonencode({ ingress = true }) }
}
`;
    const base = { room_per_pod_manifests_dir: dir, image: "europe-docker.pkg.dev/p/symphony/symphony:1.2.3", proxy_replicas: 3, balloon_replicas: 5, app_service_account_email: "symphony-app@p.iam.gserviceaccount.com" };
    for (const vars of [base, { ...base, room_cpu: "500m", room_memory: "1Gi" }]) {
      const [rendered] = evaluate({ files: ["modules/kubernetes/room-per-pod-objects.tf"], extra, vars, expressions: ["local.rpp_manifests"] });
      assert.equal(rendered.length, objects.length - 2, "everything but the two namespaces (Terraform resources)");
      for (const o of rendered) await assert.doesNotReject(validateObject(o), `${o.kind} ${o.metadata.name}`);
      checkInvariants(rendered, `rendered ${JSON.stringify(vars.room_cpu ?? "default")}`);
      const ids = Object.fromEntries(rendered.map((o) => [`${o.kind}/${o.metadata.name}`, o]));
      const proxy = ids["Deployment/symphony-proxy"];
      const size = roomPodSize(proxy);
      assert.equal(proxy.spec.template.spec.containers[0].image, vars.image);
      assert.equal(size.env.SYMPHONY_ROOM_IMAGE, vars.image);
      assert.equal(size.cpu, vars.room_cpu ?? roomPodSize(byId["Deployment/symphony-proxy"]).cpu);
      assert.equal(proxy.spec.replicas, 3);
      assert.equal(ids["Deployment/symphony-balloon"].spec.replicas, 5);
      assert.deepEqual(ids["Role/symphony-proxy"].rules, byId["Role/symphony-proxy"].rules, "RBAC exactly as written");
      assert.equal(ids["Service/symphony-proxy"].metadata.annotations["cloud.google.com/neg"], '{"ingress":true}', "load-balancer annotations added");
      assert.equal(ids["ServiceAccount/symphony-room"].metadata.annotations["iam.gke.io/gcp-service-account"], vars.app_service_account_email);
      assert.equal(ids["ServiceAccount/symphony-proxy"].metadata.annotations, undefined, "the proxy gets no Google identity");
    }
  });
});
