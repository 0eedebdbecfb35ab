variable "name" {
  description = "Prefix of the service account id."
  type        = string
}

variable "project_id" {
  description = "Project of the service account and HMAC key."
  type        = string
}

variable "bucket_name" {
  description = "The documents bucket the account may use."
  type        = string
}

variable "workload_pool" {
  description = "Workload Identity pool (<project>.svc.id.goog)."
  type        = string
}

variable "kubernetes_identities" {
  description = "Kubernetes service accounts (namespace/name) allowed to act as the app account."
  type        = list(string)

  validation {
    condition     = alltrue([for k in var.kubernetes_identities : can(regex("^[a-z0-9-]+/[a-z0-9-]+$", k))])
    error_message = "each kubernetes_identities entry must be namespace/name."
  }
}
