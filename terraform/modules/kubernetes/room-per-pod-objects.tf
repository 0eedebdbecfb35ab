# room-per-pod: the objects are written once, as plain YAML in backends/room-per-pod/k8s/ (usable
# with `kubectl apply -k`). Terraform reads the files its kustomization.yaml lists, adjusts what this
# deployment decides (image, replica counts, room size, Workload Identity, load-balancer
# annotations) and applies them through the manifests chart. The namespaces are Terraform resources
# (everything else lands in them), with the labels the YAML gives.

locals {
  rpp_files   = yamldecode(file("${var.room_per_pod_manifests_dir}/kustomization.yaml")).resources
  rpp_objects = [for f in local.rpp_files : yamldecode(file("${var.room_per_pod_manifests_dir}/${f}"))]
  rpp_by_id   = { for o in local.rpp_objects : "${o.kind}/${o.metadata.name}" => o }

  proxy           = local.rpp_by_id["Deployment/symphony-proxy"]
  proxy_container = local.proxy.spec.template.spec.containers[0]
  proxy_env       = { for e in local.proxy_container.env : e.name => e.value }

  # Room pods and balloon pods have one size: the proxy's SYMPHONY_ROOM_* unless overridden.
  room_cpu    = coalesce(var.room_cpu, local.proxy_env["SYMPHONY_ROOM_CPU"])
  room_memory = coalesce(var.room_memory, local.proxy_env["SYMPHONY_ROOM_MEMORY"])

  proxy_env_overrides = {
    SYMPHONY_ROOM_IMAGE  = var.image
    SYMPHONY_ROOM_CPU    = local.room_cpu
    SYMPHONY_ROOM_MEMORY = local.room_memory
  }

  balloon           = local.rpp_by_id["Deployment/symphony-balloon"]
  balloon_container = local.balloon.spec.template.spec.containers[0]
  proxy_service     = local.rpp_by_id["Service/symphony-proxy"]
  room_account      = local.rpp_by_id["ServiceAccount/symphony-room"]

  rpp_overrides = {
    "Deployment/symphony-proxy" = merge(local.proxy, {
      spec = merge(local.proxy.spec, {
        replicas = var.proxy_replicas
        template = merge(local.proxy.spec.template, {
          spec = merge(local.proxy.spec.template.spec, {
            containers = [merge(local.proxy_container, {
              image = var.image
              env = [
                for e in local.proxy_container.env :
                contains(keys(local.proxy_env_overrides), e.name) ? { name = e.name, value = local.proxy_env_overrides[e.name] } : e
              ]
            })]
          })
        })
      })
    })

    "Deployment/symphony-balloon" = merge(local.balloon, {
      spec = merge(local.balloon.spec, {
        replicas = var.balloon_replicas
        template = merge(local.balloon.spec.template, {
          spec = merge(local.balloon.spec.template.spec, {
            containers = [merge(local.balloon_container, {
              resources = {
                requests = { cpu = local.room_cpu, memory = local.room_memory }
                limits   = { cpu = local.room_cpu, memory = local.room_memory }
              }
            })]
          })
        })
      })
    })

    "Service/symphony-proxy" = merge(local.proxy_service, {
      metadata = merge(local.proxy_service.metadata, {
        annotations = merge(try(local.proxy_service.metadata.annotations, {}), local.entry_service_annotations)
      })
    })

    "ServiceAccount/symphony-room" = merge(local.room_account, {
      metadata = merge(local.room_account.metadata, {
        annotations = merge(try(local.room_account.metadata.annotations, {}), {
          "iam.gke.io/gcp-service-account" = var.app_service_account_email
        })
      })
    })
  }

  rpp_manifests = [
    for id, o in local.rpp_by_id : try(local.rpp_overrides[id], o) if o.kind != "Namespace"
  ]
}
