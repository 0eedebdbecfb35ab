# Where the Symphony image lives (push it with `gcloud builds submit` or docker push; see README).
resource "google_artifact_registry_repository" "images" {
  repository_id = var.name
  location      = var.region
  format        = "DOCKER"
  description   = "Symphony container images"
  labels        = local.labels

  depends_on = [google_project_service.apis]
}
