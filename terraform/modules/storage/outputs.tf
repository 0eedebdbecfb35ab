output "bucket_name" {
  description = "Name of the documents bucket."
  value       = google_storage_bucket.documents.name
}
