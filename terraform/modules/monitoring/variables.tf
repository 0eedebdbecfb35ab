variable "dashboards_dir" {
  description = "Folder of Grafana dashboard JSON files (may be missing or empty)."
  type        = string
}

variable "prometheus_chart_version" {
  description = "prometheus-community/prometheus chart version."
  type        = string
}

variable "grafana_chart_version" {
  description = "grafana/grafana chart version."
  type        = string
}

variable "grafana_chart_repository" {
  description = "Helm repository of the Grafana chart."
  type        = string
}

variable "prometheus_retention" {
  description = "How long Prometheus keeps samples."
  type        = string
}

variable "prometheus_disk_size" {
  description = "Persistent disk of the Prometheus server."
  type        = string
  default     = "20Gi"
}

variable "grafana_domain" {
  description = "Public DNS name of Grafana; empty: not exposed."
  type        = string
}

variable "ingress_address_name" {
  description = "Global static address name of the Grafana Ingress (when exposed)."
  type        = string
}

variable "ingress_certificate" {
  description = "Managed certificate name of the Grafana Ingress (when exposed)."
  type        = string
}
