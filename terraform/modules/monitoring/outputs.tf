output "grafana_admin_password" {
  description = "Password of Grafana's admin user."
  value       = random_password.grafana_admin.result
  sensitive   = true
}

output "dashboards" {
  description = "Dashboard files provisioned."
  value       = sort(tolist(local.dashboard_files))
}
