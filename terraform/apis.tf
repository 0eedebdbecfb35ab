# The Google Cloud APIs this configuration uses. Left enabled on destroy: other things in the
# project may use them too.
locals {
  apis = toset(concat(
    [
      "artifactregistry.googleapis.com",
      "cloudbuild.googleapis.com", # `symphony deploy` builds the image with Cloud Build
      "compute.googleapis.com",
      "container.googleapis.com",
      "iam.googleapis.com",
      "servicenetworking.googleapis.com",
      "sqladmin.googleapis.com",
      "storage.googleapis.com",
    ],
    local.pubsub_redis ? ["redis.googleapis.com"] : []
  ))
}

resource "google_project_service" "apis" {
  for_each = local.apis

  service            = each.value
  disable_on_destroy = false
}
