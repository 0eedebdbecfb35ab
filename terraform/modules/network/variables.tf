variable "name" {
  description = "Prefix of the resource names."
  type        = string
}

variable "region" {
  description = "Region of the subnet, router and NAT."
  type        = string
}

variable "subnet_cidr" {
  description = "Primary range of the private subnet."
  type        = string
}

variable "pods_cidr" {
  description = "Secondary range for pod IPs."
  type        = string
}

variable "services_cidr" {
  description = "Secondary range for Service IPs."
  type        = string
}

variable "private_services_prefix_length" {
  description = "Size of the range reserved for private services access (Cloud SQL, Memorystore)."
  type        = number
  default     = 20

  validation {
    condition     = var.private_services_prefix_length >= 16 && var.private_services_prefix_length <= 24
    error_message = "private_services_prefix_length must be between 16 and 24."
  }
}
