output "private_ip" {
  description = "Private IP of the instance."
  value       = google_sql_database_instance.this.private_ip_address
}

output "instance_name" {
  description = "Instance name."
  value       = google_sql_database_instance.this.name
}

output "catalog_url" {
  description = "SYMPHONY_CATALOG: postgres URL of the catalog database, TLS required."
  value       = "postgres://${google_sql_user.symphony.name}:${random_password.symphony.result}@${google_sql_database_instance.this.private_ip_address}:5432/${google_sql_database.symphony.name}?sslmode=require"
  sensitive   = true
}
