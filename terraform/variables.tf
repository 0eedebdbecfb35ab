# Every input of the root module. Only project_id and domain have no default:
#   terraform apply -var project_id=my-project -var domain=collab.example.com -var topology=pubsub-redis

# --- what to deploy -------------------------------------------------------------------------------

variable "topology" {
  description = "How rooms are spread over processes: single-node (one StatefulSet pod), pubsub-redis (a Deployment of nodes scaled by an HPA, sharing rooms over Memorystore Redis, behind a room-affinity router) or room-per-pod (a proxy that starts one pod per room)."
  type        = string
  default     = "single-node"

  validation {
    condition     = contains(["single-node", "pubsub-redis", "room-per-pod"], var.topology)
    error_message = "topology must be one of single-node, pubsub-redis, room-per-pod."
  }
}

variable "project_id" {
  description = "Google Cloud project to deploy into (it must exist and have billing enabled)."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{4,28}[a-z0-9]$", var.project_id))
    error_message = "project_id must be a Google Cloud project id: 6-30 lowercase letters, digits or hyphens, starting with a letter."
  }
}

variable "region" {
  description = "Region for the cluster, Cloud SQL, Memorystore, the bucket (unless bucket_location is set) and the image registry."
  type        = string
  default     = "us-central1"

  validation {
    condition     = can(regex("^[a-z]+-[a-z]+[0-9]$", var.region))
    error_message = "region must be a Google Cloud region such as us-central1 or europe-west1."
  }
}

variable "domain" {
  description = "Public DNS name clients connect to (wss://<domain>/<room>). Point an A record at the ingress_ip output; the Google-managed certificate becomes active once it resolves."
  type        = string

  validation {
    condition     = can(regex("^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$", var.domain))
    error_message = "domain must be a fully qualified lowercase DNS name such as collab.example.com."
  }
}

variable "name" {
  description = "Prefix of every Google Cloud resource name (cluster, network, database, bucket, service accounts)."
  type        = string
  default     = "symphony"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{2,14}$", var.name))
    error_message = "name must be 3-15 lowercase letters, digits or hyphens, starting with a letter."
  }
}

variable "labels" {
  description = "Labels added to every Google Cloud resource that takes labels."
  type        = map(string)
  default     = {}
}

# --- the Symphony image -----------------------------------------------------------------------------

variable "image" {
  description = "Full Symphony container image reference. Empty: <region>-docker.pkg.dev/<project_id>/<name>/symphony:<image_tag>, in the Artifact Registry repository this configuration creates (push the image there first; see README)."
  type        = string
  default     = ""
}

variable "image_tag" {
  description = "Tag of the Symphony image in the created Artifact Registry repository (used when image is empty)."
  type        = string
  default     = "0.1.0"

  validation {
    condition     = can(regex("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$", var.image_tag))
    error_message = "image_tag must be a valid container image tag."
  }
}

# --- network and cluster --------------------------------------------------------------------------

variable "subnet_cidr" {
  description = "Primary range of the private subnet (nodes and internal load balancers)."
  type        = string
  default     = "10.10.0.0/20"

  validation {
    condition     = can(cidrhost(var.subnet_cidr, 0))
    error_message = "subnet_cidr must be a CIDR block."
  }
}

variable "pods_cidr" {
  description = "Secondary range of the subnet for pod IPs (VPC-native cluster)."
  type        = string
  default     = "10.20.0.0/16"

  validation {
    condition     = can(cidrhost(var.pods_cidr, 0))
    error_message = "pods_cidr must be a CIDR block."
  }
}

variable "services_cidr" {
  description = "Secondary range of the subnet for Kubernetes Service IPs."
  type        = string
  default     = "10.30.0.0/20"

  validation {
    condition     = can(cidrhost(var.services_cidr, 0))
    error_message = "services_cidr must be a CIDR block."
  }
}

variable "master_authorized_networks" {
  description = "CIDR blocks allowed to reach the cluster's control plane (where terraform and kubectl run). Empty: reachable from anywhere, still behind Google authentication."
  type = list(object({
    cidr_block   = string
    display_name = string
  }))
  default = []

  validation {
    condition     = alltrue([for n in var.master_authorized_networks : can(cidrhost(n.cidr_block, 0))])
    error_message = "every master_authorized_networks entry needs a valid cidr_block."
  }
}

variable "release_channel" {
  description = "GKE release channel of the Autopilot cluster."
  type        = string
  default     = "REGULAR"

  validation {
    condition     = contains(["RAPID", "REGULAR", "STABLE"], var.release_channel)
    error_message = "release_channel must be RAPID, REGULAR or STABLE."
  }
}

variable "deletion_protection" {
  description = "Protect the cluster, the database and the bucket from `terraform destroy` (set false to tear a test deployment down; the bucket is then emptied on destroy)."
  type        = bool
  default     = true
}

# --- Cloud SQL (room catalog) ---------------------------------------------------------------------

variable "db_tier" {
  description = "Cloud SQL machine tier of the PostgreSQL instance that holds the room catalog (small: the catalog is metadata, documents live in the bucket)."
  type        = string
  default     = "db-custom-1-3840"
}

variable "db_version" {
  description = "Cloud SQL PostgreSQL major version."
  type        = string
  default     = "POSTGRES_16"

  validation {
    condition     = can(regex("^POSTGRES_[0-9]+$", var.db_version))
    error_message = "db_version must be a Cloud SQL PostgreSQL version such as POSTGRES_16."
  }
}

variable "db_high_availability" {
  description = "Run Cloud SQL as a regional (high-availability, about twice the price) instance instead of a zonal one."
  type        = bool
  default     = false
}

variable "db_disk_size_gb" {
  description = "Initial Cloud SQL disk size in GB (it grows automatically)."
  type        = number
  default     = 10

  validation {
    condition     = var.db_disk_size_gb >= 10
    error_message = "db_disk_size_gb must be at least 10."
  }
}

# --- documents bucket -----------------------------------------------------------------------------

variable "bucket_location" {
  description = "Location of the documents bucket. Empty: the region."
  type        = string
  default     = ""
}

variable "documents_prefix" {
  description = "Object name prefix of the document snapshots inside the bucket (SYMPHONY_STORE=s3://<bucket>/<prefix>)."
  type        = string
  default     = "documents"

  validation {
    condition     = can(regex("^[A-Za-z0-9][A-Za-z0-9._/-]*[A-Za-z0-9]$", var.documents_prefix))
    error_message = "documents_prefix must be a plain object name prefix without leading or trailing slash."
  }
}

# --- Memorystore (pubsub-redis only) --------------------------------------------------------------

variable "redis_tier" {
  description = "Memorystore tier (pubsub-redis only): BASIC (one node) or STANDARD_HA (replica with automatic failover, about twice the price)."
  type        = string
  default     = "BASIC"

  validation {
    condition     = contains(["BASIC", "STANDARD_HA"], var.redis_tier)
    error_message = "redis_tier must be BASIC or STANDARD_HA."
  }
}

variable "redis_memory_size_gb" {
  description = "Memorystore capacity in GB (pubsub-redis only): room channels, the room directory and the update-log streams between checkpoints."
  type        = number
  default     = 1

  validation {
    condition     = var.redis_memory_size_gb >= 1 && var.redis_memory_size_gb <= 300
    error_message = "redis_memory_size_gb must be between 1 and 300."
  }
}

variable "redis_version" {
  description = "Memorystore Redis version (pubsub-redis only)."
  type        = string
  default     = "REDIS_7_2"
}

# --- Symphony workloads ---------------------------------------------------------------------------

variable "node_cpu" {
  description = "CPU request (= limit on Autopilot) of a Symphony node: the single-node pod or each pubsub-redis node."
  type        = string
  default     = "1"
}

variable "node_memory" {
  description = "Memory request and limit of a Symphony node (single-node pod, pubsub-redis node). The JVM takes 75% of it as heap."
  type        = string
  default     = "2Gi"
}

variable "data_disk_size" {
  description = "Persistent disk of the single-node pod for its update log (crash safety between checkpoints)."
  type        = string
  default     = "10Gi"
}

variable "pubsub_min_replicas" {
  description = "Fewest pubsub-redis nodes the HPA keeps (2 survives the loss of one)."
  type        = number
  default     = 2

  validation {
    condition     = var.pubsub_min_replicas >= 1
    error_message = "pubsub_min_replicas must be at least 1."
  }
}

variable "pubsub_max_replicas" {
  description = "Most pubsub-redis nodes the HPA may run; also the number of server slots in the router's configuration."
  type        = number
  default     = 10

  validation {
    condition     = var.pubsub_max_replicas >= 1 && var.pubsub_max_replicas <= 200
    error_message = "pubsub_max_replicas must be between 1 and 200."
  }
}

variable "hpa_cpu_utilization" {
  description = "Average CPU utilisation (percent of the request) the HPA keeps pubsub-redis nodes at."
  type        = number
  default     = 50

  validation {
    condition     = var.hpa_cpu_utilization >= 10 && var.hpa_cpu_utilization <= 90
    error_message = "hpa_cpu_utilization must be between 10 and 90."
  }
}

variable "router_replicas" {
  description = "HAProxy replicas of the pubsub-redis room-affinity router (all hash alike, so any replica routes a room to the same node)."
  type        = number
  default     = 2

  validation {
    condition     = var.router_replicas >= 1
    error_message = "router_replicas must be at least 1."
  }
}

variable "haproxy_image" {
  description = "HAProxy image of the pubsub-redis router."
  type        = string
  default     = "haproxy:3.2"
}

variable "proxy_replicas" {
  description = "Replicas of the room-per-pod proxy (stateless; several are safe)."
  type        = number
  default     = 2

  validation {
    condition     = var.proxy_replicas >= 1
    error_message = "proxy_replicas must be at least 1."
  }
}

variable "balloon_replicas" {
  description = "Balloon pods of room-per-pod: spare room-sized capacity, i.e. how many rooms may start at once without waiting for a new node. 0 disables the reserve."
  type        = number
  default     = 3

  validation {
    condition     = var.balloon_replicas >= 0
    error_message = "balloon_replicas must not be negative."
  }
}

variable "room_cpu" {
  description = "CPU request of each room pod and each balloon pod (room-per-pod). Null: the value in backends/room-per-pod/k8s/proxy-deployment.yaml (250m)."
  type        = string
  default     = null
}

variable "room_memory" {
  description = "Memory request of each room pod and each balloon pod (room-per-pod). Null: the value in backends/room-per-pod/k8s/proxy-deployment.yaml (512Mi)."
  type        = string
  default     = null
}

# --- monitoring -----------------------------------------------------------------------------------

variable "monitoring_enabled" {
  description = "Install Prometheus and Grafana (Helm charts) with the Symphony dashboards from dashboards/generated/*.json."
  type        = bool
  default     = true
}

variable "grafana_domain" {
  description = "Public DNS name of Grafana, with its own address and managed certificate. Null: grafana.<domain>. Empty string: Grafana is not exposed (use kubectl port-forward)."
  type        = string
  default     = null

  validation {
    condition     = var.grafana_domain == null || var.grafana_domain == "" || can(regex("^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$", coalesce(var.grafana_domain, "x.invalid")))
    error_message = "grafana_domain must be null, empty, or a fully qualified lowercase DNS name."
  }
}

variable "dashboards_dir" {
  description = "Folder of Grafana dashboard JSON files to provision (one ConfigMap each). A missing or empty folder provisions none."
  type        = string
  default     = null
}

variable "prometheus_chart_version" {
  description = "Version of the prometheus-community/prometheus Helm chart."
  type        = string
  default     = "27.20.0"
}

variable "grafana_chart_version" {
  description = "Version of the grafana/grafana Helm chart."
  type        = string
  default     = "9.2.2"
}

variable "grafana_chart_repository" {
  description = "Helm repository of the Grafana chart."
  type        = string
  default     = "https://grafana.github.io/helm-charts"
}

variable "prometheus_retention" {
  description = "How long Prometheus keeps samples."
  type        = string
  default     = "15d"

  validation {
    condition     = can(regex("^[0-9]+(h|d|w|y)$", var.prometheus_retention))
    error_message = "prometheus_retention must be a Prometheus duration such as 15d."
  }
}
