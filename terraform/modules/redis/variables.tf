variable "name" {
  description = "Prefix of the instance name."
  type        = string
}

variable "region" {
  description = "Region of the instance."
  type        = string
}

variable "network_id" {
  description = "VPC the instance is reachable from."
  type        = string
}

variable "private_services_peer" {
  description = "Id of the private services access connection (only used to order creation)."
  type        = string
}

variable "tier" {
  description = "BASIC or STANDARD_HA."
  type        = string
}

variable "memory_size_gb" {
  description = "Capacity in GB."
  type        = number
}

variable "redis_version" {
  description = "Redis version (REDIS_7_2, ...)."
  type        = string
}

variable "labels" {
  description = "Instance labels."
  type        = map(string)
}
