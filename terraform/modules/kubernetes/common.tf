locals {
  single_node  = var.topology == "single-node"
  pubsub_redis = var.topology == "pubsub-redis"
  room_per_pod = var.topology == "room-per-pod"

  # WebSocket, /healthz, /readyz and /metrics share this port in every Symphony process.
  port = 1234

  # The non-root user of the image (Dockerfile).
  uid = 10001

  labels = {
    "app.kubernetes.io/name"       = "symphony"
    "app.kubernetes.io/part-of"    = "symphony"
    "app.kubernetes.io/managed-by" = "terraform"
  }

  # Pods annotated so are scraped by Prometheus (the prometheus chart's kubernetes-pods job).
  scrape_annotations = {
    "prometheus.io/scrape" = "true"
    "prometheus.io/port"   = tostring(local.port)
    "prometheus.io/path"   = "/metrics"
  }

  # Settings every Symphony pod reads through envFrom: ConfigMap symphony-config (plain) and Secret
  # symphony-env (credentials), in each namespace that runs Symphony pods.
  config_name = "symphony-config"
  secret_name = "symphony-env"

  config = {
    SYMPHONY_TOPOLOGY    = var.topology
    SYMPHONY_HOST        = "0.0.0.0"
    SYMPHONY_PORT        = tostring(local.port)
    SYMPHONY_PUBLIC_URL  = "https://${var.domain}"
    SYMPHONY_STORE       = var.store_url
    SYMPHONY_S3_ENDPOINT = var.s3_endpoint
    SYMPHONY_S3_REGION   = "auto"
    AWS_REGION           = "auto"
  }

  secret_env = merge(
    {
      SYMPHONY_CATALOG      = var.catalog_url
      AWS_ACCESS_KEY_ID     = var.s3_access_key_id
      AWS_SECRET_ACCESS_KEY = var.s3_secret_access_key
    },
    local.pubsub_redis ? { SYMPHONY_REDIS = var.redis_url } : {}
  )

  config_namespaces = local.room_per_pod ? [var.namespace, var.rooms_namespace] : [var.namespace]

  # The Service the Ingress sends clients to, and how the load balancer checks its pods.
  entry_service = (
    local.single_node ? { name = "symphony", container_port = local.port, health_path = "/readyz" } :
    local.pubsub_redis ? { name = "symphony-router", container_port = local.router_port, health_path = local.router_health_path } :
    { name = "symphony-proxy", container_port = local.port, health_path = "/readyz" }
  )

  # Google Cloud load balancers close a connection when the backend timeout ends, WebSockets
  # included: y-websocket then reconnects and resynchronises. One hour keeps that rare.
  websocket_timeout_seconds = 3600

  entry_service_annotations = {
    "cloud.google.com/neg"            = jsonencode({ ingress = true })
    "cloud.google.com/backend-config" = jsonencode({ default = "symphony" })
  }
}

resource "kubernetes_namespace_v1" "symphony" {
  metadata {
    name   = var.namespace
    labels = merge(local.rpp_by_id["Namespace/${var.namespace}"].metadata.labels, { "app.kubernetes.io/managed-by" = "terraform" })
  }
}

resource "kubernetes_namespace_v1" "rooms" {
  count = local.room_per_pod ? 1 : 0

  metadata {
    name   = var.rooms_namespace
    labels = merge(local.rpp_by_id["Namespace/${var.rooms_namespace}"].metadata.labels, { "app.kubernetes.io/managed-by" = "terraform" })
  }
}

# The identity of the Symphony nodes and of the migration Job: Workload Identity maps it to the app's
# Google service account (documents bucket only). No Kubernetes API permissions.
resource "kubernetes_service_account_v1" "symphony" {
  metadata {
    name      = "symphony"
    namespace = kubernetes_namespace_v1.symphony.metadata[0].name
    labels    = local.labels
    annotations = {
      "iam.gke.io/gcp-service-account" = var.app_service_account_email
    }
  }
  automount_service_account_token = false
}

resource "kubernetes_config_map_v1" "config" {
  for_each = toset(local.config_namespaces)

  metadata {
    name      = local.config_name
    namespace = each.value
    labels    = local.labels
  }
  data = local.config

  depends_on = [kubernetes_namespace_v1.symphony, kubernetes_namespace_v1.rooms]
}

resource "kubernetes_secret_v1" "env" {
  for_each = toset(local.config_namespaces)

  metadata {
    name      = local.secret_name
    namespace = each.value
    labels    = local.labels
  }
  type = "Opaque"
  data = local.secret_env

  depends_on = [kubernetes_namespace_v1.symphony, kubernetes_namespace_v1.rooms]
}

# GKE load-balancer settings for the entry Service (custom resources, so applied through the
# manifests chart): long backend timeout for WebSockets, draining on scale-down, the health check on
# the pods' readiness path, and HTTP -> HTTPS redirect on the Ingress.
resource "helm_release" "gke_config" {
  name      = "symphony-gke"
  chart     = "${path.module}/../../charts/manifests"
  namespace = kubernetes_namespace_v1.symphony.metadata[0].name

  values = [yamlencode({
    manifests = [
      {
        apiVersion = "cloud.google.com/v1"
        kind       = "BackendConfig"
        metadata   = { name = "symphony", namespace = var.namespace, labels = local.labels }
        spec = {
          timeoutSec         = local.websocket_timeout_seconds
          connectionDraining = { drainingTimeoutSec = 60 }
          healthCheck = {
            type               = "HTTP"
            requestPath        = local.entry_service.health_path
            port               = local.entry_service.container_port
            checkIntervalSec   = 5
            timeoutSec         = 3
            healthyThreshold   = 1
            unhealthyThreshold = 3
          }
        }
      },
      {
        apiVersion = "networking.gke.io/v1beta1"
        kind       = "FrontendConfig"
        metadata   = { name = "symphony", namespace = var.namespace, labels = local.labels }
        spec = {
          redirectToHttps = { enabled = true, responseCodeName = "MOVED_PERMANENTLY_DEFAULT" }
        }
      },
    ]
  })]
}
