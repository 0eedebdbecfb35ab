provider "google" {
  project = var.project_id
  region  = var.region
}

# The Kubernetes and Helm providers talk to the cluster this configuration creates, with the caller's
# own Google credentials (gcloud auth application-default login). Only typed Kubernetes resources and
# helm_release are used (no kubernetes_manifest), so one `terraform apply` creates the cluster and
# everything in it: nothing needs the cluster at plan time.
data "google_client_config" "current" {}

provider "kubernetes" {
  host                   = "https://${module.gke.endpoint}"
  token                  = data.google_client_config.current.access_token
  cluster_ca_certificate = base64decode(module.gke.ca_certificate)
}

provider "helm" {
  kubernetes = {
    host                   = "https://${module.gke.endpoint}"
    token                  = data.google_client_config.current.access_token
    cluster_ca_certificate = base64decode(module.gke.ca_certificate)
  }
}
