# Document snapshots. Symphony's DocumentStore speaks S3 (AWS SDK v2); GCS serves the same protocol
# through its XML API at https://storage.googleapis.com with HMAC keys (see the identity module), so
# no GCS-specific store is needed. Uniform bucket-level access, no public access, versioning as a
# safety net against overwritten snapshots.

resource "random_id" "suffix" {
  byte_length = 4
}

resource "google_storage_bucket" "documents" {
  # Bucket names are global: the project id and a random suffix keep it unique.
  name          = "${var.name}-docs-${random_id.suffix.hex}"
  project       = var.project_id
  location      = var.location
  storage_class = "STANDARD"
  force_destroy = var.force_destroy
  labels        = var.labels

  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"

  versioning {
    enabled = true
  }

  # Old snapshot versions (superseded by newer checkpoints) are removed after 30 days.
  lifecycle_rule {
    condition {
      days_since_noncurrent_time = 30
      with_state                 = "ARCHIVED"
    }
    action {
      type = "Delete"
    }
  }

  lifecycle_rule {
    condition {
      age = 1
    }
    action {
      type = "AbortIncompleteMultipartUpload"
    }
  }
}
