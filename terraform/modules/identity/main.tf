# The one Google identity Symphony's pods use, with the least it needs: read and write objects in
# the documents bucket (roles/storage.objectUser on that bucket only; no project-wide role, no bucket
# administration). Two ways to act as it:
# - Workload Identity: the Kubernetes service accounts listed in kubernetes_identities (the app's
#   and, for room-per-pod, the room pods') may impersonate it, for any native Google API use;
# - an HMAC key of it, for the S3-interoperable XML API that Symphony's S3 DocumentStore uses.
# The proxy, Prometheus and Grafana get no Google identity at all. Cloud SQL is reached by private IP
# with a database password, so no Cloud SQL role is granted.

resource "google_service_account" "app" {
  account_id   = "${var.name}-app"
  display_name = "Symphony application"
  description  = "Symphony pods: documents bucket objects only."
}

resource "google_storage_bucket_iam_member" "app_objects" {
  bucket = var.bucket_name
  role   = "roles/storage.objectUser"
  member = "serviceAccount:${google_service_account.app.email}"
}

resource "google_service_account_iam_member" "workload_identity" {
  for_each = toset(var.kubernetes_identities)

  service_account_id = google_service_account.app.name
  role               = "roles/iam.workloadIdentityUser"
  member             = "serviceAccount:${var.workload_pool}[${each.value}]"
}

resource "google_storage_hmac_key" "app" {
  service_account_email = google_service_account.app.email
  project               = var.project_id
}
