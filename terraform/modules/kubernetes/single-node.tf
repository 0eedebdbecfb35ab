# single-node: one Symphony process holds every room. A StatefulSet of one pod, so the update log
# (local segment files, the crash-safety window between checkpoints) lives on a persistent disk that
# follows the pod; snapshots go to the bucket and the catalog to Cloud SQL.

resource "kubernetes_stateful_set_v1" "single_node" {
  count = local.single_node ? 1 : 0

  metadata {
    name      = "symphony"
    namespace = kubernetes_namespace_v1.symphony.metadata[0].name
    labels    = merge(local.labels, { "app.kubernetes.io/component" = "node" })
  }

  spec {
    replicas     = 1
    service_name = kubernetes_service_v1.single_node_headless[0].metadata[0].name

    selector {
      match_labels = {
        "app.kubernetes.io/name"      = "symphony"
        "app.kubernetes.io/component" = "node"
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

        container {
          name  = "symphony"
          image = var.image
          args  = ["serve", "--topology", "single-node"]

          env {
            name  = "SYMPHONY_DATA_DIR"
            value = "/data"
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
            name       = "data"
            mount_path = "/data"
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

    volume_claim_template {
      metadata {
        name = "data"
      }
      spec {
        access_modes       = ["ReadWriteOnce"]
        storage_class_name = "standard-rwo"
        resources {
          requests = { storage = var.data_disk_size }
        }
      }
    }
  }

  depends_on = [kubernetes_job_v1.migrate]
}

# Stable network identity of the StatefulSet pod.
resource "kubernetes_service_v1" "single_node_headless" {
  count = local.single_node ? 1 : 0

  metadata {
    name      = "symphony-headless"
    namespace = kubernetes_namespace_v1.symphony.metadata[0].name
    labels    = local.labels
  }

  spec {
    cluster_ip = "None"
    selector = {
      "app.kubernetes.io/name"      = "symphony"
      "app.kubernetes.io/component" = "node"
    }
    port {
      name        = "ws"
      port        = local.port
      target_port = "ws"
    }
  }
}

# What the Ingress points at.
resource "kubernetes_service_v1" "single_node" {
  count = local.single_node ? 1 : 0

  metadata {
    name        = "symphony"
    namespace   = kubernetes_namespace_v1.symphony.metadata[0].name
    labels      = local.labels
    annotations = local.entry_service_annotations
  }

  spec {
    type = "ClusterIP"
    selector = {
      "app.kubernetes.io/name"      = "symphony"
      "app.kubernetes.io/component" = "node"
    }
    port {
      name        = "ws"
      port        = local.port
      target_port = "ws"
    }
  }
}
