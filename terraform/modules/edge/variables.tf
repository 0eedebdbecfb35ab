variable "name" {
  description = "Prefix of the resource names."
  type        = string
}

variable "domains" {
  description = "Public names by key (symphony, grafana)."
  type        = map(string)
}
