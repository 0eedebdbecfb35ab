# One global static address and one Google-managed certificate per public name (Symphony, and
# Grafana when exposed). The certificate is issued once the name's A record points at its address;
# the GKE Ingress refers to both by name (annotations), so they outlive Ingress re-creation.

resource "google_compute_global_address" "this" {
  for_each = var.domains

  name = "${var.name}-${each.key}-ip"
}

resource "random_id" "certificate" {
  for_each = var.domains

  byte_length = 3
  keepers = {
    domain = each.value
  }
}

resource "google_compute_managed_ssl_certificate" "this" {
  for_each = var.domains

  # A new name per domain, so a domain change creates the new certificate before the old one goes.
  name = "${var.name}-${each.key}-${random_id.certificate[each.key].hex}"

  managed {
    domains = [each.value]
  }

  lifecycle {
    create_before_destroy = true
  }
}
