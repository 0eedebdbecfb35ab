# Symphony on Google Cloud: one root module, three topologies (var.topology).
#
#   network  ─ VPC, private subnet, Cloud NAT, private services access (Cloud SQL, Memorystore)
#   gke      ─ GKE Autopilot cluster with private nodes and a least-privilege node service account
#   cloudsql ─ PostgreSQL on a private IP only: the room catalog
#   storage  ─ GCS bucket for document snapshots (S3-interoperable XML API)
#   identity ─ the app's Google service account: Workload Identity + HMAC key, bucket access only
#   redis    ─ Memorystore Redis, pubsub-redis only
#   edge     ─ global addresses and Google-managed certificates for the Ingresses
#   kubernetes ─ namespaces, config, migration Job, the topology's workloads, Ingress
#   monitoring ─ Prometheus and Grafana (Helm) with the dashboards of dashboards/generated

locals {
  pubsub_redis = var.topology == "pubsub-redis"
  room_per_pod = var.topology == "room-per-pod"

  image = var.image != "" ? var.image : "${var.region}-docker.pkg.dev/${var.project_id}/${google_artifact_registry_repository.images.repository_id}/symphony:${var.image_tag}"

  grafana_domain = var.monitoring_enabled ? (var.grafana_domain == null ? "grafana.${var.domain}" : var.grafana_domain) : ""

  # Namespaces are fixed names shared with backends/room-per-pod/k8s/*.yaml.
  namespace       = "symphony"
  rooms_namespace = "symphony-rooms"

  # Kubernetes service accounts whose pods act as the app's Google service account.
  workload_identity_ksas = concat(
    ["${local.namespace}/symphony"],
    local.room_per_pod ? ["${local.rooms_namespace}/symphony-room"] : []
  )

  labels = merge({ app = "symphony", topology = var.topology }, var.labels)
}

module "network" {
  source = "./modules/network"

  name          = var.name
  region        = var.region
  subnet_cidr   = var.subnet_cidr
  pods_cidr     = var.pods_cidr
  services_cidr = var.services_cidr

  depends_on = [google_project_service.apis]
}

module "gke" {
  source = "./modules/gke"

  name                       = var.name
  project_id                 = var.project_id
  region                     = var.region
  network_id                 = module.network.network_id
  subnet_id                  = module.network.subnet_id
  pods_range_name            = module.network.pods_range_name
  services_range_name        = module.network.services_range_name
  release_channel            = var.release_channel
  master_authorized_networks = var.master_authorized_networks
  deletion_protection        = var.deletion_protection
  image_repository_id        = google_artifact_registry_repository.images.id
  labels                     = local.labels

  depends_on = [google_project_service.apis]
}

module "cloudsql" {
  source = "./modules/cloudsql"

  name                  = var.name
  region                = var.region
  network_id            = module.network.network_id
  private_services_peer = module.network.private_services_connection
  tier                  = var.db_tier
  database_version      = var.db_version
  high_availability     = var.db_high_availability
  disk_size_gb          = var.db_disk_size_gb
  deletion_protection   = var.deletion_protection
  labels                = local.labels

  depends_on = [google_project_service.apis]
}

module "storage" {
  source = "./modules/storage"

  name          = var.name
  project_id    = var.project_id
  location      = var.bucket_location != "" ? var.bucket_location : var.region
  force_destroy = !var.deletion_protection
  labels        = local.labels

  depends_on = [google_project_service.apis]
}

module "identity" {
  source = "./modules/identity"

  name                  = var.name
  project_id            = var.project_id
  bucket_name           = module.storage.bucket_name
  workload_pool         = module.gke.workload_pool
  kubernetes_identities = local.workload_identity_ksas

  depends_on = [google_project_service.apis]
}

module "redis" {
  source = "./modules/redis"
  count  = local.pubsub_redis ? 1 : 0

  name                  = var.name
  region                = var.region
  network_id            = module.network.network_id
  private_services_peer = module.network.private_services_connection
  tier                  = var.redis_tier
  memory_size_gb        = var.redis_memory_size_gb
  redis_version         = var.redis_version
  labels                = local.labels

  depends_on = [google_project_service.apis]
}

module "edge" {
  source = "./modules/edge"

  name    = var.name
  domains = merge({ symphony = var.domain }, local.grafana_domain != "" ? { grafana = local.grafana_domain } : {})

  depends_on = [google_project_service.apis]
}

module "kubernetes" {
  source = "./modules/kubernetes"

  topology        = var.topology
  namespace       = local.namespace
  rooms_namespace = local.rooms_namespace
  image           = local.image
  domain          = var.domain

  app_service_account_email = module.identity.service_account_email
  catalog_url               = module.cloudsql.catalog_url
  store_url                 = "s3://${module.storage.bucket_name}/${var.documents_prefix}"
  s3_endpoint               = "https://storage.googleapis.com"
  s3_access_key_id          = module.identity.hmac_access_id
  s3_secret_access_key      = module.identity.hmac_secret
  redis_url                 = local.pubsub_redis ? module.redis[0].url : ""

  ingress_address_name = module.edge.address_names["symphony"]
  ingress_certificate  = module.edge.certificate_names["symphony"]

  node_cpu            = var.node_cpu
  node_memory         = var.node_memory
  data_disk_size      = var.data_disk_size
  pubsub_min_replicas = var.pubsub_min_replicas
  pubsub_max_replicas = var.pubsub_max_replicas
  hpa_cpu_utilization = var.hpa_cpu_utilization
  router_replicas     = var.router_replicas
  haproxy_image       = var.haproxy_image

  room_per_pod_manifests_dir = "${path.root}/../backends/room-per-pod/k8s"
  proxy_replicas             = var.proxy_replicas
  balloon_replicas           = var.balloon_replicas
  room_cpu                   = var.room_cpu
  room_memory                = var.room_memory
}

module "monitoring" {
  source = "./modules/monitoring"
  count  = var.monitoring_enabled ? 1 : 0

  dashboards_dir           = coalesce(var.dashboards_dir, "${path.root}/../dashboards/generated")
  prometheus_chart_version = var.prometheus_chart_version
  grafana_chart_version    = var.grafana_chart_version
  grafana_chart_repository = var.grafana_chart_repository
  prometheus_retention     = var.prometheus_retention
  grafana_domain           = local.grafana_domain
  ingress_address_name     = local.grafana_domain != "" ? module.edge.address_names["grafana"] : ""
  ingress_certificate      = local.grafana_domain != "" ? module.edge.certificate_names["grafana"] : ""

  # Prometheus scrapes the Symphony pods once they exist.
  depends_on = [module.kubernetes]
}
