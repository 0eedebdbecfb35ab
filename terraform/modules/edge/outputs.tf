output "domains" {
  description = "The public names by key."
  value       = var.domains
}

output "addresses" {
  description = "Global IP address by key."
  value       = { for key, address in google_compute_global_address.this : key => address.address }
}

output "address_names" {
  description = "Global address resource name by key (kubernetes.io/ingress.global-static-ip-name)."
  value       = { for key, address in google_compute_global_address.this : key => address.name }
}

output "certificate_names" {
  description = "Managed certificate name by key (ingress.gcp.kubernetes.io/pre-shared-cert)."
  value       = { for key, cert in google_compute_managed_ssl_certificate.this : key => cert.name }
}
