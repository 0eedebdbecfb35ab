# Memorystore for Redis, for the pubsub-redis topology only: the backplane (room channels), the room
# directory with node heartbeats, checkpoint leases and the per-room update-log streams. Private
# services access (the VPC's peered range), AUTH required; traffic stays inside the VPC.

resource "google_redis_instance" "this" {
  name               = "${var.name}-redis"
  region             = var.region
  tier               = var.tier
  memory_size_gb     = var.memory_size_gb
  redis_version      = var.redis_version
  authorized_network = var.network_id
  connect_mode       = "PRIVATE_SERVICE_ACCESS"
  auth_enabled       = true
  labels             = var.labels

  # Update-log streams must not be evicted: refuse writes instead (Symphony reports it) when full.
  redis_configs = {
    maxmemory-policy = "noeviction"
  }

  # Snapshots so a restarted instance comes back with its streams (pubsub-redis also re-exchanges
  # state between nodes after a Redis outage).
  persistence_config {
    persistence_mode    = "RDB"
    rdb_snapshot_period = "ONE_HOUR"
  }

  maintenance_policy {
    weekly_maintenance_window {
      day = "SUNDAY"
      start_time {
        hours   = 4
        minutes = 0
      }
    }
  }

  depends_on = [var.private_services_peer]
}
