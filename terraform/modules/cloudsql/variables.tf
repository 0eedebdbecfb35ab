variable "name" {
  description = "Prefix of the instance name."
  type        = string
}

variable "region" {
  description = "Region of the instance."
  type        = string
}

variable "network_id" {
  description = "VPC whose private services range gives the instance its private IP."
  type        = string
}

variable "private_services_peer" {
  description = "Id of the private services access connection (only used to order creation)."
  type        = string
}

variable "tier" {
  description = "Machine tier."
  type        = string
}

variable "database_version" {
  description = "PostgreSQL version (POSTGRES_16, ...)."
  type        = string
}

variable "high_availability" {
  description = "Regional (HA) instead of zonal."
  type        = bool
}

variable "disk_size_gb" {
  description = "Initial disk size in GB."
  type        = number
}

variable "deletion_protection" {
  description = "Refuse to delete the instance (Terraform and Cloud SQL level)."
  type        = bool
}

variable "labels" {
  description = "User labels of the instance."
  type        = map(string)
}
