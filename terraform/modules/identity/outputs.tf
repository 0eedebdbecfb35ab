output "service_account_email" {
  description = "Email of the app's Google service account (Workload Identity annotation)."
  value       = google_service_account.app.email
}

output "hmac_access_id" {
  description = "HMAC access id for the S3-interoperable API (AWS_ACCESS_KEY_ID)."
  value       = google_storage_hmac_key.app.access_id
  sensitive   = true
}

output "hmac_secret" {
  description = "HMAC secret for the S3-interoperable API (AWS_SECRET_ACCESS_KEY)."
  value       = google_storage_hmac_key.app.secret
  sensitive   = true
}
