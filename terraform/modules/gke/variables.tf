variable "name" {
  description = "Prefix of the resource names."
  type        = string
}

variable "project_id" {
  description = "Project of the cluster."
  type        = string
}

variable "region" {
  description = "Region of the (regional) Autopilot cluster."
  type        = string
}

variable "network_id" {
  description = "VPC of the cluster."
  type        = string
}

variable "subnet_id" {
  description = "Private subnet of the nodes."
  type        = string
}

variable "pods_range_name" {
  description = "Secondary range name for pods."
  type        = string
}

variable "services_range_name" {
  description = "Secondary range name for Services."
  type        = string
}

variable "release_channel" {
  description = "GKE release channel."
  type        = string
}

variable "master_authorized_networks" {
  description = "CIDR blocks allowed to reach the control plane; empty: no restriction."
  type = list(object({
    cidr_block   = string
    display_name = string
  }))
}

variable "deletion_protection" {
  description = "Refuse to destroy the cluster."
  type        = bool
}

variable "image_repository_id" {
  description = "Artifact Registry repository the nodes may pull from."
  type        = string
}

variable "labels" {
  description = "Resource labels of the cluster."
  type        = map(string)
}
