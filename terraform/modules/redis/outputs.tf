output "host" {
  description = "Private IP of the instance."
  value       = google_redis_instance.this.host
}

output "url" {
  description = "SYMPHONY_REDIS: redis URL with the AUTH string."
  value       = "redis://:${google_redis_instance.this.auth_string}@${google_redis_instance.this.host}:${google_redis_instance.this.port}"
  sensitive   = true
}
