# The room catalog: Cloud SQL for PostgreSQL reachable only on a private IP inside the VPC (no public
# IP, no authorised networks), TLS required, automatic backups with point-in-time recovery. The
# schema is created by the `symphony migrate` Job (Flyway), not here.

resource "random_id" "suffix" {
  byte_length = 3
}

resource "random_password" "symphony" {
  length  = 32
  special = false # it goes into a postgres:// URL
}

resource "google_sql_database_instance" "this" {
  # Instance names cannot be reused for a week after deletion: a suffix keeps re-creation possible.
  name                = "${var.name}-pg-${random_id.suffix.hex}"
  region              = var.region
  database_version    = var.database_version
  deletion_protection = var.deletion_protection

  settings {
    tier              = var.tier
    edition           = "ENTERPRISE"
    availability_type = var.high_availability ? "REGIONAL" : "ZONAL"
    disk_type         = "PD_SSD"
    disk_size         = var.disk_size_gb
    disk_autoresize   = true
    user_labels       = var.labels

    deletion_protection_enabled = var.deletion_protection

    ip_configuration {
      ipv4_enabled                                  = false
      private_network                               = var.network_id
      ssl_mode                                      = "ENCRYPTED_ONLY"
      enable_private_path_for_google_cloud_services = false
    }

    backup_configuration {
      enabled                        = true
      point_in_time_recovery_enabled = true
      start_time                     = "03:00"
      transaction_log_retention_days = 7

      backup_retention_settings {
        retained_backups = 14
      }
    }

    maintenance_window {
      day          = 7
      hour         = 4
      update_track = "stable"
    }

    insights_config {
      query_insights_enabled = true
    }

    database_flags {
      name  = "log_min_duration_statement"
      value = "1000"
    }
  }

  # The private IP comes from the peered private services range.
  depends_on = [var.private_services_peer]
}

resource "google_sql_database" "symphony" {
  name     = "symphony"
  instance = google_sql_database_instance.this.name
}

resource "google_sql_user" "symphony" {
  name     = "symphony"
  instance = google_sql_database_instance.this.name
  password = random_password.symphony.result
}
