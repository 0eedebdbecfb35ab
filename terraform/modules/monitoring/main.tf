# Prometheus (prometheus-community/prometheus: the server and kube-state-metrics only; node-exporter
# needs host access that Autopilot does not give) and Grafana (grafana/grafana) in the monitoring
# namespace. Prometheus scrapes every pod annotated prometheus.io/scrape=true: the Symphony nodes, the
# room-per-pod proxy and room pods, the pubsub-redis routers. Grafana gets Prometheus as its default
# data source (uid "prometheus") and one ConfigMap per dashboard file of dashboards_dir, loaded by its
# dashboard sidecar; no file, no dashboard, no error.

locals {
  namespace = "monitoring"

  dashboard_files = fileset(var.dashboards_dir, "*.json")

  prometheus_url = "http://prometheus-server.${local.namespace}.svc.cluster.local"

  expose_grafana = var.grafana_domain != ""
}

resource "kubernetes_namespace_v1" "monitoring" {
  metadata {
    name = local.namespace
    labels = {
      "app.kubernetes.io/part-of"    = "symphony"
      "app.kubernetes.io/managed-by" = "terraform"
    }
  }
}

resource "helm_release" "prometheus" {
  name       = "prometheus"
  repository = "https://prometheus-community.github.io/helm-charts"
  chart      = "prometheus"
  version    = var.prometheus_chart_version
  namespace  = kubernetes_namespace_v1.monitoring.metadata[0].name
  timeout    = 900

  values = [yamlencode({
    alertmanager               = { enabled = false }
    "prometheus-pushgateway"   = { enabled = false }
    "prometheus-node-exporter" = { enabled = false }
    "kube-state-metrics"       = { enabled = true }
    server = {
      retention = var.prometheus_retention
      global    = { scrape_interval = "15s", evaluation_interval = "30s" }
      persistentVolume = {
        enabled      = true
        size         = var.prometheus_disk_size
        storageClass = "standard-rwo"
      }
      resources = {
        requests = { cpu = "500m", memory = "2Gi" }
        limits   = { memory = "2Gi" }
      }
    }
  })]
}

resource "random_password" "grafana_admin" {
  length  = 24
  special = false
}

resource "helm_release" "grafana" {
  name       = "grafana"
  repository = var.grafana_chart_repository
  chart      = "grafana"
  version    = var.grafana_chart_version
  namespace  = kubernetes_namespace_v1.monitoring.metadata[0].name
  timeout    = 900

  values = [yamlencode({
    adminUser     = "admin"
    adminPassword = random_password.grafana_admin.result
    "grafana.ini" = {
      server    = { root_url = local.expose_grafana ? "https://${var.grafana_domain}" : "http://localhost:3000" }
      analytics = { check_for_updates = false, reporting_enabled = false }
      users     = { allow_sign_up = false }
    }
    persistence = { enabled = true, size = "5Gi", storageClassName = "standard-rwo" }
    resources = {
      requests = { cpu = "250m", memory = "512Mi" }
      limits   = { memory = "512Mi" }
    }
    service = {
      type        = "ClusterIP"
      port        = 80
      annotations = { "cloud.google.com/neg" = jsonencode({ ingress = true }) }
    }
    datasources = {
      "datasources.yaml" = {
        apiVersion = 1
        datasources = [{
          name      = "Prometheus"
          uid       = "prometheus"
          type      = "prometheus"
          url       = local.prometheus_url
          access    = "proxy"
          isDefault = true
        }]
      }
    }
    sidecar = {
      dashboards = {
        enabled          = true
        label            = "grafana_dashboard"
        labelValue       = "1"
        searchNamespace  = local.namespace
        folderAnnotation = "grafana_folder"
        provider         = { foldersFromFilesStructure = true }
      }
    }
  })]

  depends_on = [helm_release.prometheus]
}

# One ConfigMap per dashboard JSON (a ConfigMap holds at most 1 MiB; one per file keeps each small).
resource "kubernetes_config_map_v1" "dashboards" {
  for_each = local.dashboard_files

  metadata {
    name      = "dashboard-${trim(replace(lower(trimsuffix(each.value, ".json")), "/[^a-z0-9]+/", "-"), "-")}"
    namespace = kubernetes_namespace_v1.monitoring.metadata[0].name
    labels = {
      grafana_dashboard           = "1"
      "app.kubernetes.io/part-of" = "symphony"
    }
    annotations = {
      grafana_folder = "Symphony"
    }
  }

  data = {
    (each.value) = file("${var.dashboards_dir}/${each.value}")
  }
}

# Grafana's own public entry, when grafana_domain is set: address, managed certificate and HTTPS
# redirect, like Symphony's.
resource "helm_release" "grafana_gke_config" {
  count = local.expose_grafana ? 1 : 0

  name      = "grafana-gke"
  chart     = "${path.module}/../../charts/manifests"
  namespace = kubernetes_namespace_v1.monitoring.metadata[0].name

  values = [yamlencode({
    manifests = [{
      apiVersion = "networking.gke.io/v1beta1"
      kind       = "FrontendConfig"
      metadata   = { name = "grafana", namespace = local.namespace }
      spec = {
        redirectToHttps = { enabled = true, responseCodeName = "MOVED_PERMANENTLY_DEFAULT" }
      }
    }]
  })]
}

resource "kubernetes_ingress_v1" "grafana" {
  count = local.expose_grafana ? 1 : 0

  metadata {
    name      = "grafana"
    namespace = kubernetes_namespace_v1.monitoring.metadata[0].name
    annotations = {
      "kubernetes.io/ingress.class"                 = "gce"
      "kubernetes.io/ingress.global-static-ip-name" = var.ingress_address_name
      "ingress.gcp.kubernetes.io/pre-shared-cert"   = var.ingress_certificate
      "networking.gke.io/v1beta1.FrontendConfig"    = "grafana"
    }
  }

  spec {
    default_backend {
      service {
        name = "grafana"
        port {
          number = 80
        }
      }
    }
  }

  depends_on = [helm_release.grafana, helm_release.grafana_gke_config]
}
