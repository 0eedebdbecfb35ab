# `symphony migrate`: brings the catalog schema (Flyway migrations) up to the image's version before
# any Symphony workload starts. The name carries the image, so a new image runs its migrations once;
# Terraform waits for the Job to succeed.
resource "kubernetes_job_v1" "migrate" {
  metadata {
    name      = "symphony-migrate-${substr(sha1(var.image), 0, 10)}"
    namespace = kubernetes_namespace_v1.symphony.metadata[0].name
    labels    = merge(local.labels, { "app.kubernetes.io/component" = "migrate" })
  }

  spec {
    backoff_limit           = 4
    active_deadline_seconds = 600

    template {
      metadata {
        labels = merge(local.labels, { "app.kubernetes.io/component" = "migrate" })
      }

      spec {
        restart_policy                  = "Never"
        service_account_name            = kubernetes_service_account_v1.symphony.metadata[0].name
        automount_service_account_token = false

        security_context {
          run_as_non_root = true
          run_as_user     = local.uid
          run_as_group    = local.uid
          seccomp_profile {
            type = "RuntimeDefault"
          }
        }

        container {
          name  = "migrate"
          image = var.image
          args  = ["migrate"]

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

          resources {
            requests = { cpu = "250m", memory = "512Mi" }
            limits   = { memory = "512Mi" }
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

  wait_for_completion = true

  timeouts {
    create = "10m"
    update = "10m"
  }

  depends_on = [kubernetes_config_map_v1.config, kubernetes_secret_v1.env]
}
