output "network_id" {
  description = "Self link id of the VPC."
  value       = google_compute_network.this.id
}

output "subnet_id" {
  description = "Id of the private subnet."
  value       = google_compute_subnetwork.private.id
}

output "pods_range_name" {
  description = "Name of the pods secondary range."
  value       = google_compute_subnetwork.private.secondary_ip_range[0].range_name
}

output "services_range_name" {
  description = "Name of the services secondary range."
  value       = google_compute_subnetwork.private.secondary_ip_range[1].range_name
}

output "private_services_connection" {
  description = "The private services access peering (depend on it before creating Cloud SQL or Memorystore)."
  value       = google_service_networking_connection.private_services.id
}
