// Offline checks of terraform/: every .tf file parses with HashiCorp's HCL parser, the modules are
// wired consistently (what `terraform validate` would catch without providers), and each topology
// gets the resources, variables and outputs it needs. No cloud account, no provider download.
import { test, describe, before } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { block, evaluate, existsSync, join, loadModule, parseFile, presentIn, references, repoRoot, resources, terraformBinary, terraformDir, tfFiles, topologies } from "./lib/terraform.mjs";

const moduleDirs = [".", ...tfFiles().map((f) => f.split("/").slice(0, -1).join("/")).filter((d) => d !== "")]
  .filter((d, i, all) => all.indexOf(d) === i)
  .sort();

const mods = {};
let root;
before(async () => {
  for (const dir of moduleDirs) mods[dir] = await loadModule(dir);
  root = mods["."];
});

const k8s = () => mods["modules/kubernetes"];

describe("HCL", () => {
  test("every .tf file parses", async () => {
    const files = tfFiles();
    assert.ok(files.length >= 20, `expected the root module and its modules, found ${files.length} files`);
    for (const file of files) {
      await assert.doesNotReject(parseFile(file), `${file} does not parse`);
    }
  });

  test("terraform fmt -check (when terraform is installed)", (t) => {
    if (!terraformBinary()) return t.skip("terraform not installed");
    execFileSync("terraform", ["fmt", "-check", "-recursive", "-diff", terraformDir], {
      env: { ...process.env, TF_CLI_CONFIG_FILE: "/dev/null" },
      stdio: ["ignore", "pipe", "pipe"],
    });
  });
});

describe("modules are wired consistently", () => {
  test("every variable has a description and a type, every output a description", () => {
    for (const mod of Object.values(mods)) {
      for (const [name, v] of Object.entries(mod.variable)) {
        assert.ok(typeof v.description === "string" && v.description.length >= 10, `${mod.dir}: variable ${name} needs a description`);
        assert.ok(v.type, `${mod.dir}: variable ${name} needs a type`);
      }
      for (const [name, o] of Object.entries(mod.output)) {
        assert.ok(typeof o.description === "string" && o.description.length >= 5, `${mod.dir}: output ${name} needs a description`);
      }
    }
  });

  test("every var.X / local.X / module.X used is declared", () => {
    for (const mod of Object.values(mods)) {
      for (const name of references(mod.text, "var")) assert.ok(mod.variable[name], `${mod.dir}: var.${name} is not declared`);
      for (const name of references(mod.text, "local")) assert.ok(name in mod.locals, `${mod.dir}: local.${name} is not defined`);
      for (const name of references(mod.text, "module")) assert.ok(mod.module[name], `${mod.dir}: module.${name} is not declared`);
    }
  });

  test("every resource and data source referenced exists in its module", () => {
    for (const mod of Object.values(mods)) {
      const text = mod.text.replace(/^\s*#.*$/gm, "");
      for (const [, type, name] of text.matchAll(/(?<![\w./-])((?:google|kubernetes|helm|random)_[a-z0-9_]+)\.([a-z_][a-z0-9_]*)/g)) {
        if (/^\s*$/.test(name)) continue;
        const isData = /data\.$/.test(text.slice(0, text.indexOf(`${type}.${name}`)).slice(-5));
        const found = mod.resource[type]?.[name] || mod.data[type]?.[name];
        assert.ok(found || isData, `${mod.dir}: ${type}.${name} is referenced but not declared`);
      }
    }
  });

  test("module calls pass exactly the module's variables", () => {
    const meta = new Set(["source", "count", "for_each", "depends_on", "providers"]);
    for (const [name, call] of Object.entries(root.module)) {
      const dir = call.source.replace(/^\.\//, "");
      const callee = mods[dir];
      assert.ok(callee, `module ${name}: ${call.source} has no .tf files`);
      for (const input of Object.keys(call).filter((k) => !meta.has(k))) {
        assert.ok(callee.variable[input], `module ${name} passes ${input}, which ${dir} does not declare`);
      }
      for (const [variable, def] of Object.entries(callee.variable)) {
        if (!("default" in def)) assert.ok(variable in call, `module ${name} does not pass required variable ${variable}`);
      }
    }
  });

  test("module outputs used by the root module exist", () => {
    for (const [, name, attr] of root.text.matchAll(/module\.(\w+)(?:\[0\])?\.(\w+)/g)) {
      const dir = root.module[name].source.replace(/^\.\//, "");
      assert.ok(mods[dir].output[attr], `module.${name}.${attr} is not an output of ${dir}`);
    }
  });

  test("providers: google, kubernetes, helm, random pinned in the root module", () => {
    const required = Object.assign({}, ...root.terraform.flatMap((t) => t.required_providers ?? []));
    for (const p of ["google", "kubernetes", "helm", "random"]) {
      assert.equal(required[p]?.source, `hashicorp/${p}`, `provider ${p}`);
      assert.ok(required[p]?.version, `provider ${p} needs a version constraint`);
    }
    assert.ok(root.terraform.some((t) => t.required_version), "required_version");
  });

  test("no kubernetes_manifest (it needs the cluster at plan time, breaking a single apply)", () => {
    for (const mod of Object.values(mods)) assert.ok(!mod.resource.kubernetes_manifest, `${mod.dir} uses kubernetes_manifest`);
  });

  test("root variables: topology validated, only project_id and domain required, validations carry messages", () => {
    const topology = root.variable.topology;
    assert.equal(topology.default, "single-node");
    const condition = block(topology, "validation").condition;
    for (const t of topologies) assert.ok(condition.includes(`"${t}"`), `topology validation lists ${t}`);
    const required = Object.entries(root.variable).filter(([, v]) => !("default" in v)).map(([n]) => n).sort();
    assert.deepEqual(required, ["domain", "project_id"]);
    for (const [name, v] of Object.entries(root.variable)) {
      for (const validation of v.validation ?? []) assert.ok(validation.error_message, `variable ${name}: validation without error_message`);
    }
  });

  test("root variable validations accept good values and refuse bad ones (when terraform is installed)", (t) => {
    if (!terraformBinary()) return t.skip("terraform not installed");
    const cases = {
      topology: [["single-node", true], ["pubsub-redis", true], ["room-per-pod", true], ["kubernetes", false]],
      domain: [["collab.example.com", true], ["a.b.io", true], ["Collab.Example.com", false], ["localhost", false], ["https://x.com", false]],
      project_id: [["my-project-123", true], ["1project", false], ["ab", false]],
      hpa_cpu_utilization: [[50, true], [95, false]],
    };
    for (const [name, samples] of Object.entries(cases)) {
      const condition = block(root.variable[name], "validation").condition.replace(/^\$\{|\}$/g, "");
      const expressions = samples.map(([value]) => condition.replaceAll(`var.${name}`, JSON.stringify(value)));
      const results = evaluate({ expressions });
      samples.forEach(([value, expected], i) => assert.equal(results[i], expected, `${name} = ${JSON.stringify(value)}`));
    }
  });
});

describe("per topology", () => {
  const has = (mod, type, name, topology) => {
    const body = mod.resource[type]?.[name];
    return body !== undefined && presentIn(mod, body, topology, root);
  };

  for (const topology of topologies) {
    test(`${topology}: the shared infrastructure`, () => {
      for (const name of ["network", "gke", "cloudsql", "storage", "identity", "edge", "kubernetes", "monitoring"]) {
        assert.ok(root.module[name] && presentIn(root, root.module[name], topology), `module ${name}`);
      }
      const kube = k8s();
      for (const [type, name] of [
        ["kubernetes_namespace_v1", "symphony"],
        ["kubernetes_service_account_v1", "symphony"],
        ["kubernetes_config_map_v1", "config"],
        ["kubernetes_secret_v1", "env"],
        ["kubernetes_job_v1", "migrate"],
        ["kubernetes_ingress_v1", "symphony"],
        ["helm_release", "gke_config"],
      ]) {
        assert.ok(has(kube, type, name, topology), `${type}.${name}`);
      }
      for (const output of ["ws_url", "dashboard_url", "grafana_url", "ingress_ip"]) assert.ok(root.output[output], `output ${output}`);
    });

    test(`${topology}: Memorystore only for pubsub-redis`, () => {
      assert.equal(presentIn(root, root.module.redis, topology), topology === "pubsub-redis");
      const apis = root.locals.apis;
      assert.match(apis, /local\.pubsub_redis \? \["redis\.googleapis\.com"\]/, "the Redis API is enabled only for pubsub-redis");
      for (const api of ["artifactregistry", "cloudbuild", "container", "sqladmin", "servicenetworking"]) {
        assert.match(apis, new RegExp(`"${api}\\.googleapis\\.com"`), `${api} API enabled (symphony deploy builds the image with Cloud Build)`);
      }
      const redisUrl = root.module.kubernetes.redis_url;
      assert.match(redisUrl, /^\$\{local\.pubsub_redis \? module\.redis\[0\]\.url : ""\}$/);
    });

    test(`${topology}: its workloads and nothing of the others`, () => {
      const kube = k8s();
      const expected = {
        "single-node": [
          ["kubernetes_stateful_set_v1", "single_node"],
          ["kubernetes_service_v1", "single_node_headless"],
          ["kubernetes_service_v1", "single_node"],
        ],
        "pubsub-redis": [
          ["kubernetes_deployment_v1", "nodes"],
          ["kubernetes_horizontal_pod_autoscaler_v2", "nodes"],
          ["kubernetes_service_v1", "nodes_headless"],
          ["kubernetes_config_map_v1", "router"],
          ["kubernetes_deployment_v1", "router"],
          ["kubernetes_service_v1", "router"],
        ],
        "room-per-pod": [
          ["kubernetes_namespace_v1", "rooms"],
          ["helm_release", "room_per_pod"],
        ],
      };
      for (const [owner, list] of Object.entries(expected)) {
        for (const [type, name] of list) {
          assert.equal(has(kube, type, name, topology), owner === topology, `${type}.${name} in ${topology}`);
        }
      }
    });
  }

  test("the entry Service of each topology is one that topology creates", () => {
    const entry = k8s().locals.entry_service;
    assert.match(entry, /local\.single_node \? \{ name = "symphony",/);
    assert.match(entry, /local\.pubsub_redis \? \{ name = "symphony-router",/);
    assert.match(entry, /\{ name = "symphony-proxy",/);
  });
});

describe("infrastructure settings", () => {
  test("GKE: Autopilot, private nodes, own node service account, no basic roles", () => {
    const gke = mods["modules/gke"];
    const cluster = gke.resource.google_container_cluster.this;
    assert.equal(cluster.enable_autopilot, true);
    assert.equal(block(cluster, "private_cluster_config").enable_private_nodes, true);
    assert.ok(block(cluster, "ip_allocation_policy").cluster_secondary_range_name, "VPC-native");
    assert.match(block(cluster, "cluster_autoscaling", "auto_provisioning_defaults").service_account, /google_service_account\.nodes\.email/);
    for (const [type, , body] of resources(gke)) {
      if (type.endsWith("_iam_member")) assert.doesNotMatch(body.role, /roles\/(owner|editor|viewer)$/);
    }
  });

  test("network: private subnet with pod/service ranges, NAT, private services access", () => {
    const net = mods["modules/network"];
    const subnet = net.resource.google_compute_subnetwork.private;
    assert.equal(subnet.private_ip_google_access, true);
    assert.equal(subnet.secondary_ip_range.length, 2);
    assert.equal(net.resource.google_compute_network.this.auto_create_subnetworks, false);
    assert.ok(net.resource.google_compute_router_nat.this);
    assert.equal(net.resource.google_compute_global_address.private_services.purpose, "VPC_PEERING");
    assert.equal(net.resource.google_service_networking_connection.private_services.service, "servicenetworking.googleapis.com");
  });

  test("Cloud SQL: PostgreSQL on a private IP only, no public IP, TLS, backups", () => {
    const sql = mods["modules/cloudsql"];
    const instance = sql.resource.google_sql_database_instance.this;
    const ip = block(instance, "settings", "ip_configuration");
    assert.equal(ip.ipv4_enabled, false, "no public IP");
    assert.match(ip.private_network, /var\.network_id/);
    assert.equal(ip.authorized_networks, undefined, "no authorised networks");
    assert.equal(ip.ssl_mode, "ENCRYPTED_ONLY");
    assert.equal(block(instance, "settings", "backup_configuration").enabled, true);
    assert.match(root.variable.db_version.default, /^POSTGRES_/);
    assert.match(sql.output.catalog_url.value, /^postgres:\/\//);
    assert.equal(sql.output.catalog_url.sensitive, true);
  });

  test("documents bucket: private, uniform access, reached through the S3 XML API with an HMAC key", () => {
    const bucket = mods["modules/storage"].resource.google_storage_bucket.documents;
    assert.equal(bucket.uniform_bucket_level_access, true);
    assert.equal(bucket.public_access_prevention, "enforced");
    assert.equal(root.module.kubernetes.s3_endpoint, "https://storage.googleapis.com");
    assert.match(root.module.kubernetes.store_url, /^s3:\/\//);
    assert.ok(mods["modules/identity"].resource.google_storage_hmac_key.app);
  });

  test("Workload Identity: least privilege (bucket objects only, no project roles, no keys)", () => {
    const id = mods["modules/identity"];
    const iam = resources(id).filter(([type]) => type.includes("iam"));
    assert.deepEqual(iam.map(([type]) => type).sort(), ["google_service_account_iam_member", "google_storage_bucket_iam_member"]);
    assert.equal(id.resource.google_storage_bucket_iam_member.app_objects.role, "roles/storage.objectUser");
    assert.equal(id.resource.google_service_account_iam_member.workload_identity.role, "roles/iam.workloadIdentityUser");
    assert.ok(!id.resource.google_service_account_key, "no service account keys");
    for (const mod of Object.values(mods)) {
      assert.ok(!mod.resource.google_project_iam_binding && !mod.resource.google_project_iam_policy, `${mod.dir}: authoritative project IAM`);
      for (const [, name, body] of resources(mod).filter(([type]) => type === "google_project_iam_member")) {
        assert.doesNotMatch(body.role, /roles\/(owner|editor|viewer|storage\.admin|iam\.)/, `${mod.dir}: ${name} grants ${body.role}`);
      }
    }
    const ksa = k8s().resource.kubernetes_service_account_v1.symphony;
    assert.match(block(ksa, "metadata").annotations["iam.gke.io/gcp-service-account"], /var\.app_service_account_email/);
  });

  test("Memorystore: private services access, AUTH on", () => {
    const redis = mods["modules/redis"].resource.google_redis_instance.this;
    assert.equal(redis.connect_mode, "PRIVATE_SERVICE_ACCESS");
    assert.equal(redis.auth_enabled, true);
    assert.equal(root.variable.redis_tier.default, "BASIC");
  });

  test("edge: global address and Google-managed certificate for the domain", () => {
    const edge = mods["modules/edge"];
    assert.deepEqual(block(edge.resource.google_compute_managed_ssl_certificate.this, "managed").domains, ["${each.value}"]);
    assert.match(root.module.edge.domains, /symphony = var\.domain/);
    const annotations = block(k8s().resource.kubernetes_ingress_v1.symphony, "metadata").annotations;
    assert.equal(annotations["kubernetes.io/ingress.class"], "gce");
    assert.match(annotations["ingress.gcp.kubernetes.io/pre-shared-cert"], /var\.ingress_certificate/);
    assert.match(annotations["kubernetes.io/ingress.global-static-ip-name"], /var\.ingress_address_name/);
  });
});

describe("Kubernetes workloads", () => {
  test("migration Job runs `symphony migrate` and the workloads wait for it", () => {
    const kube = k8s();
    const job = kube.resource.kubernetes_job_v1.migrate;
    const container = block(job, "spec", "template", "spec", "container");
    assert.deepEqual(container.args, ["migrate"]);
    assert.equal(job.wait_for_completion, true);
    for (const [type, name] of [["kubernetes_stateful_set_v1", "single_node"], ["kubernetes_deployment_v1", "nodes"], ["helm_release", "room_per_pod"]]) {
      assert.ok(kube.resource[type][name].depends_on.includes("${kubernetes_job_v1.migrate}"), `${type}.${name} depends on the migration`);
    }
  });

  test("single-node: one replica with a persistent update-log disk", () => {
    const sts = k8s().resource.kubernetes_stateful_set_v1.single_node;
    assert.equal(block(sts, "spec").replicas, 1);
    assert.ok(block(sts, "spec", "volume_claim_template"));
  });

  test("pubsub-redis: HPA on CPU at 50% by default, room-affinity router hashing the path", (t) => {
    const kube = k8s();
    const hpa = kube.resource.kubernetes_horizontal_pod_autoscaler_v2.nodes;
    const metric = block(hpa, "spec", "metric");
    assert.equal(metric.type, "Resource");
    assert.equal(block(metric, "resource").name, "cpu");
    const target = block(metric, "resource", "target");
    assert.equal(target.type, "Utilization");
    assert.equal(target.average_utilization, "${var.hpa_cpu_utilization}");
    assert.equal(root.module.kubernetes.hpa_cpu_utilization, "${var.hpa_cpu_utilization}");
    assert.equal(root.variable.hpa_cpu_utilization.default, 50);
    assert.deepEqual(kube.resource.kubernetes_deployment_v1.nodes.lifecycle[0].ignore_changes, ["${spec[0].replicas}"]);

    const template = join(terraformDir, "modules/kubernetes/haproxy.cfg.tftpl");
    assert.ok(existsSync(template));
    if (!terraformBinary()) return t.skip("terraform not installed: template not rendered");
    const [config] = evaluate({
      expressions: [`templatefile("${template}", { slots = 10, nodes_fqdn = "symphony-nodes.symphony.svc.cluster.local", node_port = 1234, listen_port = 8080, metrics_port = 8405, health_path = "/router-healthz", balance_factor = 150, max_connections = 1000, tunnel_timeout = 3600 })`],
    });
    assert.match(config, /^\s*balance uri path-only$/m, "hash on the request path (the room id), not the query");
    assert.match(config, /^\s*hash-type consistent$/m);
    assert.match(config, /^\s*server-template node 10 symphony-nodes\.symphony\.svc\.cluster\.local:1234$/m);
    assert.match(config, /^\s*option httpchk GET \/readyz$/m);
    assert.match(config, /^\s*timeout tunnel 3600s$/m);
    assert.doesNotMatch(config, /\$\{/, "every template variable is filled");
  });

  test("monitoring: Prometheus and Grafana charts, dashboards from dashboards/generated, empty set tolerated", (t) => {
    const mon = mods["modules/monitoring"];
    assert.equal(mon.resource.helm_release.prometheus.chart, "prometheus");
    assert.equal(mon.resource.helm_release.grafana.chart, "grafana");
    assert.match(mon.locals.dashboard_files, /^\$\{fileset\(var\.dashboards_dir, "\*\.json"\)\}$/);
    assert.equal(mon.resource.kubernetes_config_map_v1.dashboards.for_each, "${local.dashboard_files}");
    assert.match(root.module.monitoring.dashboards_dir, /\$\{path\.root\}\/\.\.\/dashboards\/generated/);
    if (!terraformBinary()) return t.skip("terraform not installed: fileset not evaluated");
    const [missing] = evaluate({ expressions: [`fileset("${join(repoRoot, "dashboards/no-such-folder")}", "*.json")`] });
    assert.deepEqual(missing, [], "a missing dashboards folder yields no dashboards, not an error");
  });

  test("Symphony containers read SYMPHONY_* settings and listen on 1234 with /healthz and /readyz", () => {
    const kube = k8s();
    const config = kube.locals.config;
    for (const key of ["SYMPHONY_TOPOLOGY", "SYMPHONY_HOST", "SYMPHONY_PORT", "SYMPHONY_STORE", "SYMPHONY_S3_ENDPOINT"]) assert.ok(key in config, key);
    for (const key of ["SYMPHONY_CATALOG", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"]) assert.match(kube.locals.secret_env, new RegExp(key));
    assert.equal(kube.locals.port, 1234);
    for (const [type, name] of [["kubernetes_stateful_set_v1", "single_node"], ["kubernetes_deployment_v1", "nodes"]]) {
      const container = block(kube.resource[type][name], "spec", "template", "spec", "container");
      assert.equal(block(container, "readiness_probe", "http_get").path, "/readyz");
      assert.equal(block(container, "liveness_probe", "http_get").path, "/healthz");
      assert.equal(block(container, "security_context").allow_privilege_escalation, false);
    }
  });
});

describe("README", () => {
  test("documents every root variable and output", async () => {
    const { readFileSync } = await import("node:fs");
    const readme = readFileSync(join(terraformDir, "README.md"), "utf8");
    for (const name of Object.keys(root.variable)) assert.match(readme, new RegExp(`\\| \`${name}\` \\|`), `variable ${name} in README.md`);
    for (const name of Object.keys(root.output)) assert.match(readme, new RegExp(`\\| \`${name}\` \\|`), `output ${name} in README.md`);
  });
});
