output "namespace" {
  description = "Namespace of Symphony."
  value       = kubernetes_namespace_v1.symphony.metadata[0].name
}

output "ingress_service" {
  description = "The Service the Ingress sends clients to."
  value       = local.entry_service
}
