# The public entry: a GKE Ingress (external Application Load Balancer, container-native via NEGs) on
# the reserved global address, with the Google-managed certificate for var.domain. It sends every
# path to the topology's entry Service: the single node, the pubsub-redis router, or the room-per-pod
# proxy.
resource "kubernetes_ingress_v1" "symphony" {
  metadata {
    name      = "symphony"
    namespace = kubernetes_namespace_v1.symphony.metadata[0].name
    labels    = local.labels
    annotations = {
      "kubernetes.io/ingress.class"                 = "gce"
      "kubernetes.io/ingress.global-static-ip-name" = var.ingress_address_name
      "ingress.gcp.kubernetes.io/pre-shared-cert"   = var.ingress_certificate
      "networking.gke.io/v1beta1.FrontendConfig"    = "symphony"
    }
  }

  spec {
    default_backend {
      service {
        name = local.entry_service.name
        port {
          number = local.port
        }
      }
    }
  }

  depends_on = [
    helm_release.gke_config,
    kubernetes_service_v1.single_node,
    kubernetes_service_v1.router,
    helm_release.room_per_pod,
  ]
}
