# room-per-pod: the proxy, its RBAC, the PriorityClass and the balloon pods, as written in
# backends/room-per-pod/k8s/ and adjusted in room-per-pod-objects.tf.
resource "helm_release" "room_per_pod" {
  count = local.room_per_pod ? 1 : 0

  name      = "symphony-room-per-pod"
  chart     = "${path.module}/../../charts/manifests"
  namespace = kubernetes_namespace_v1.symphony.metadata[0].name
  wait      = true
  timeout   = 600

  values = [yamlencode({ manifests = local.rpp_manifests })]

  depends_on = [
    kubernetes_namespace_v1.rooms,
    kubernetes_config_map_v1.config,
    kubernetes_secret_v1.env,
    kubernetes_job_v1.migrate,
  ]
}
