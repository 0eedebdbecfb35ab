variable "name" {
  description = "Prefix of the bucket name."
  type        = string
}

variable "project_id" {
  description = "Project of the bucket."
  type        = string
}

variable "location" {
  description = "Bucket location (region or multi-region)."
  type        = string
}

variable "force_destroy" {
  description = "Delete the objects when the bucket is destroyed."
  type        = bool
}

variable "labels" {
  description = "Bucket labels."
  type        = map(string)
}
