variable "topology" {
  description = "single-node, pubsub-redis or room-per-pod."
  type        = string

  validation {
    condition     = contains(["single-node", "pubsub-redis", "room-per-pod"], var.topology)
    error_message = "topology must be one of single-node, pubsub-redis, room-per-pod."
  }
}

variable "namespace" {
  description = "Namespace of Symphony (nodes, proxy, router, migration Job)."
  type        = string
}

variable "rooms_namespace" {
  description = "Namespace of the room pods (room-per-pod)."
  type        = string
}

variable "image" {
  description = "Symphony container image."
  type        = string
}

variable "domain" {
  description = "Public DNS name of the Ingress."
  type        = string
}

variable "app_service_account_email" {
  description = "Google service account the Symphony pods act as (Workload Identity)."
  type        = string
}

variable "catalog_url" {
  description = "SYMPHONY_CATALOG (postgres URL with credentials)."
  type        = string
  sensitive   = true
}

variable "store_url" {
  description = "SYMPHONY_STORE (s3://bucket/prefix)."
  type        = string
}

variable "s3_endpoint" {
  description = "SYMPHONY_S3_ENDPOINT: the S3-compatible endpoint (GCS XML API)."
  type        = string
}

variable "s3_access_key_id" {
  description = "HMAC access id for the S3 endpoint."
  type        = string
  sensitive   = true
}

variable "s3_secret_access_key" {
  description = "HMAC secret for the S3 endpoint."
  type        = string
  sensitive   = true
}

variable "redis_url" {
  description = "SYMPHONY_REDIS (pubsub-redis); empty otherwise."
  type        = string
  sensitive   = true
}

variable "ingress_address_name" {
  description = "Name of the global static address of the Ingress."
  type        = string
}

variable "ingress_certificate" {
  description = "Name of the Google-managed certificate of the Ingress."
  type        = string
}

variable "node_cpu" {
  description = "CPU of a Symphony node (single-node, pubsub-redis)."
  type        = string
}

variable "node_memory" {
  description = "Memory of a Symphony node (single-node, pubsub-redis)."
  type        = string
}

variable "data_disk_size" {
  description = "Update-log disk of the single-node pod."
  type        = string
}

variable "pubsub_min_replicas" {
  description = "HPA minimum of pubsub-redis nodes."
  type        = number
}

variable "pubsub_max_replicas" {
  description = "HPA maximum of pubsub-redis nodes (and router server slots)."
  type        = number
}

variable "hpa_cpu_utilization" {
  description = "HPA target average CPU utilisation in percent."
  type        = number
}

variable "router_replicas" {
  description = "HAProxy router replicas (pubsub-redis)."
  type        = number
}

variable "haproxy_image" {
  description = "HAProxy image (pubsub-redis router)."
  type        = string
}

variable "room_per_pod_manifests_dir" {
  description = "Folder of the room-per-pod objects (backends/room-per-pod/k8s), listed by its kustomization.yaml."
  type        = string
}

variable "proxy_replicas" {
  description = "Room-per-pod proxy replicas."
  type        = number
}

variable "balloon_replicas" {
  description = "Room-per-pod balloon pods."
  type        = number
}

variable "room_cpu" {
  description = "Room (and balloon) pod CPU; null keeps the YAML value."
  type        = string
  default     = null
}

variable "room_memory" {
  description = "Room (and balloon) pod memory; null keeps the YAML value."
  type        = string
  default     = null
}
