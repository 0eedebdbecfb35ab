# pubsub-redis: a Deployment of Symphony nodes that share rooms over Memorystore Redis, scaled by an
# HPA on CPU, behind an HAProxy router that sends each room to one node (room-affinity routing, see
# haproxy.cfg.tftpl). Any node can serve any room; affinity only avoids holding a room on many nodes.

locals {
  router_port        = 8080
  router_metrics     = 8405
  router_health_path = "/router-healthz"

  router_config = templatefile("${path.module}/haproxy.cfg.tftpl", {
    slots           = var.pubsub_max_replicas
    nodes_fqdn      = "symphony-nodes.${var.namespace}.svc.cluster.local"
    node_port       = local.port
    listen_port     = local.router_port
    metrics_port    = local.router_metrics
    health_path     = local.router_health_path
    balance_factor  = 150
    max_connections = 100000
    tunnel_timeout  = local.websocket_timeout_seconds
  })

  node_selector   = { "app.kubernetes.io/name" = "symphony", "app.kubernetes.io/component" = "node" }
  router_selector = { "app.kubernetes.io/name" = "symphony", "app.kubernetes.io/component" = "router" }
}

resource "kubernetes_deployment_v1" "nodes" {
  count = local.pubsub_redis ? 1 : 0

  metadata {
    name      = "symphony-node"
    namespace = kubernetes_namespace_v1.symphony.metadata[0].name
    labels    = merge(local.labels, { "app.kubernetes.io/component" = "node" })
  }

  spec {
    replicas = var.pubsub_min_replicas

    selector {
      match_labels = local.node_selector
    }

    strategy {
      type = "RollingUpdate"
      rolling_update {
        max_unavailable = "0"
        max_surge       = "1"
      }
    }

    template {
      metadata {
        labels      = merge(local.labels, { "app.kubernetes.io/component" = "node" })
        annotations = local.scrape_annotations
      }

      spec {
        service_account_name             = kubernetes_service_account_v1.symphony.metadata[0].name
        automount_service_account_token  = false
        termination_grace_period_seconds = 60

        security_context {
          run_as_non_root = true
          run_as_user     = local.uid
          run_as_group    = local.uid
          fs_group        = local.uid
          seccomp_profile {
            type = "RuntimeDefault"
          }
        }

        topology_spread_constraint {
          max_skew           = 1
          topology_key       = "topology.kubernetes.io/zone"
          when_unsatisfiable = "ScheduleAnyway"
          label_selector {
            match_labels = local.node_selector
          }
        }

        container {
          name  = "symphony"
          image = var.image
          args  = ["serve", "--topology", "pubsub-redis"]

          # Each node's identity in the Redis room directory, and the address other nodes use to
          # ask it for a room's live state.
          env {
            name = "SYMPHONY_NODE_ID"
            value_from {
              field_ref {
                field_path = "metadata.name"
              }
            }
          }
          env {
            name = "SYMPHONY_NODE_ADDRESS"
            value_from {
              field_ref {
                field_path = "status.podIP"
              }
            }
          }

          env_from {
            config_map_ref {
              name = local.config_name
            }
          }
          env_from {
            secret_ref {
              name = local.secret_name
            }
          }

          port {
            name           = "ws"
            container_port = local.port
          }

          readiness_probe {
            http_get {
              path = "/readyz"
              port = "ws"
            }
            period_seconds    = 5
            failure_threshold = 3
          }

          liveness_probe {
            http_get {
              path = "/healthz"
              port = "ws"
            }
            initial_delay_seconds = 30
            period_seconds        = 10
            failure_threshold     = 6
          }

          resources {
            requests = { cpu = var.node_cpu, memory = var.node_memory }
            limits   = { memory = var.node_memory }
          }

          security_context {
            allow_privilege_escalation = false
            read_only_root_filesystem  = true
            capabilities {
              drop = ["ALL"]
            }
          }

          volume_mount {
            name       = "tmp"
            mount_path = "/tmp"
          }
        }

        volume {
          name = "tmp"
          empty_dir {}
        }
      }
    }
  }

  # The HPA owns the replica count after creation.
  lifecycle {
    ignore_changes = [spec[0].replicas]
  }

  depends_on = [kubernetes_job_v1.migrate]
}

resource "kubernetes_horizontal_pod_autoscaler_v2" "nodes" {
  count = local.pubsub_redis ? 1 : 0

  metadata {
    name      = "symphony-node"
    namespace = kubernetes_namespace_v1.symphony.metadata[0].name
    labels    = local.labels
  }

  spec {
    min_replicas = var.pubsub_min_replicas
    max_replicas = var.pubsub_max_replicas

    scale_target_ref {
      api_version = "apps/v1"
      kind        = "Deployment"
      name        = kubernetes_deployment_v1.nodes[0].metadata[0].name
    }

    metric {
      type = "Resource"
      resource {
        name = "cpu"
        target {
          type                = "Utilization"
          average_utilization = var.hpa_cpu_utilization
        }
      }
    }

    # Grow fast; shrink one node at a time, slowly: a removed node's clients reconnect elsewhere.
    behavior {
      scale_up {
        stabilization_window_seconds = 0
        select_policy                = "Max"
        policy {
          type           = "Percent"
          value          = 100
          period_seconds = 60
        }
      }
      scale_down {
        stabilization_window_seconds = 300
        select_policy                = "Min"
        policy {
          type           = "Pods"
          value          = 1
          period_seconds = 120
        }
      }
    }
  }
}

resource "kubernetes_pod_disruption_budget_v1" "nodes" {
  count = local.pubsub_redis ? 1 : 0

  metadata {
    name      = "symphony-node"
    namespace = kubernetes_namespace_v1.symphony.metadata[0].name
    labels    = local.labels
  }

  spec {
    max_unavailable = "1"
    selector {
      match_labels = local.node_selector
    }
  }
}

# One DNS A record per ready node: the router's server-template resolves it.
resource "kubernetes_service_v1" "nodes_headless" {
  count = local.pubsub_redis ? 1 : 0

  metadata {
    name      = "symphony-nodes"
    namespace = kubernetes_namespace_v1.symphony.metadata[0].name
    labels    = local.labels
  }

  spec {
    cluster_ip                  = "None"
    publish_not_ready_addresses = false
    selector                    = local.node_selector
    port {
      name        = "ws"
      port        = local.port
      target_port = "ws"
    }
  }
}

resource "kubernetes_config_map_v1" "router" {
  count = local.pubsub_redis ? 1 : 0

  metadata {
    name      = "symphony-router"
    namespace = kubernetes_namespace_v1.symphony.metadata[0].name
    labels    = merge(local.labels, { "app.kubernetes.io/component" = "router" })
  }

  data = {
    "haproxy.cfg" = local.router_config
  }
}

resource "kubernetes_deployment_v1" "router" {
  count = local.pubsub_redis ? 1 : 0

  metadata {
    name      = "symphony-router"
    namespace = kubernetes_namespace_v1.symphony.metadata[0].name
    labels    = merge(local.labels, { "app.kubernetes.io/component" = "router" })
  }

  spec {
    replicas = var.router_replicas

    selector {
      match_labels = local.router_selector
    }

    template {
      metadata {
        labels = merge(local.labels, { "app.kubernetes.io/component" = "router" })
        annotations = {
          # Roll the routers when their configuration changes.
          "checksum/config"      = sha256(local.router_config)
          "prometheus.io/scrape" = "true"
          "prometheus.io/port"   = tostring(local.router_metrics)
          "prometheus.io/path"   = "/metrics"
        }
      }

      spec {
        automount_service_account_token  = false
        termination_grace_period_seconds = 30

        security_context {
          run_as_non_root = true
          run_as_user     = 99
          run_as_group    = 99
          seccomp_profile {
            type = "RuntimeDefault"
          }
        }

        container {
          name  = "haproxy"
          image = var.haproxy_image

          port {
            name           = "http"
            container_port = local.router_port
          }
          port {
            name           = "metrics"
            container_port = local.router_metrics
          }

          readiness_probe {
            http_get {
              path = local.router_health_path
              port = "http"
            }
            period_seconds = 5
          }

          liveness_probe {
            http_get {
              path = local.router_health_path
              port = "http"
            }
            initial_delay_seconds = 10
            period_seconds        = 10
          }

          resources {
            requests = { cpu = "250m", memory = "256Mi" }
            limits   = { memory = "256Mi" }
          }

          security_context {
            allow_privilege_escalation = false
            read_only_root_filesystem  = true
            capabilities {
              drop = ["ALL"]
            }
          }

          volume_mount {
            name       = "config"
            mount_path = "/usr/local/etc/haproxy"
            read_only  = true
          }
          volume_mount {
            name       = "tmp"
            mount_path = "/tmp"
          }
        }

        volume {
          name = "config"
          config_map {
            name = kubernetes_config_map_v1.router[0].metadata[0].name
          }
        }
        volume {
          name = "tmp"
          empty_dir {}
        }
      }
    }
  }
}

resource "kubernetes_pod_disruption_budget_v1" "router" {
  count = local.pubsub_redis ? 1 : 0

  metadata {
    name      = "symphony-router"
    namespace = kubernetes_namespace_v1.symphony.metadata[0].name
    labels    = local.labels
  }

  spec {
    max_unavailable = "1"
    selector {
      match_labels = local.router_selector
    }
  }
}

# What the Ingress points at.
resource "kubernetes_service_v1" "router" {
  count = local.pubsub_redis ? 1 : 0

  metadata {
    name        = "symphony-router"
    namespace   = kubernetes_namespace_v1.symphony.metadata[0].name
    labels      = local.labels
    annotations = local.entry_service_annotations
  }

  spec {
    type     = "ClusterIP"
    selector = local.router_selector
    port {
      name        = "ws"
      port        = local.port
      target_port = "http"
    }
  }
}
