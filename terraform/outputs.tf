output "ws_url" {
  description = "WebSocket endpoint for the y-websocket provider: new WebsocketProvider(ws_url, roomId, doc)."
  value       = "wss://${var.domain}"
}

output "dashboard_url" {
  description = "Symphony's developer dashboard (rooms, connections, live events)."
  value       = "https://${var.domain}/dashboard"
}

output "api_url" {
  description = "Symphony's admin HTTP API (/api/rooms, /api/events)."
  value       = "https://${var.domain}/api/rooms"
}

output "grafana_url" {
  description = "Grafana with the Symphony dashboards; a port-forward command when Grafana is not exposed; empty when monitoring is off."
  value       = !var.monitoring_enabled ? "" : (local.grafana_domain != "" ? "https://${local.grafana_domain}" : "kubectl -n monitoring port-forward svc/grafana 3000:80, then http://localhost:3000")
}

output "grafana_admin_password" {
  description = "Password of Grafana's admin user."
  value       = var.monitoring_enabled ? module.monitoring[0].grafana_admin_password : ""
  sensitive   = true
}

output "ingress_ip" {
  description = "Global address of the Symphony Ingress: create the DNS A record <domain> -> this address."
  value       = module.edge.addresses["symphony"]
}

output "dns_records" {
  description = "The A records to create so that the managed certificates can be issued."
  value       = { for key, domain in module.edge.domains : domain => module.edge.addresses[key] }
}

output "topology" {
  description = "The deployed topology."
  value       = var.topology
}

output "image" {
  description = "The Symphony image the workloads run."
  value       = local.image
}

output "image_repository" {
  description = "Artifact Registry path to push the Symphony image to."
  value       = "${var.region}-docker.pkg.dev/${var.project_id}/${google_artifact_registry_repository.images.repository_id}"
}

output "cluster_name" {
  description = "GKE Autopilot cluster name."
  value       = module.gke.name
}

output "get_credentials_command" {
  description = "Configures kubectl for the cluster."
  value       = "gcloud container clusters get-credentials ${module.gke.name} --region ${var.region} --project ${var.project_id}"
}

output "documents_bucket" {
  description = "GCS bucket of the document snapshots (reached through the S3-interoperable XML API)."
  value       = module.storage.bucket_name
}

output "database_private_ip" {
  description = "Private IP of the Cloud SQL PostgreSQL instance (no public IP)."
  value       = module.cloudsql.private_ip
}

output "redis_host" {
  description = "Memorystore Redis address (pubsub-redis only; empty otherwise)."
  value       = local.pubsub_redis ? module.redis[0].host : ""
}
