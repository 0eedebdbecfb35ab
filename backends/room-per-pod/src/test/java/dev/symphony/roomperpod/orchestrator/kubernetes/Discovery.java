package dev.symphony.roomperpod.orchestrator.kubernetes;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The API discovery documents kubectl reads before it applies anything (which kinds exist, in which
 * group, namespaced or not). fabric8's server answers CRUD requests but not discovery, so these are
 * served as expectations, for the kinds of k8s/ and of the room objects.
 */
final class Discovery {

  private Discovery() {}

  /** kind, plural, namespaced, per group version ("v1" is the core group). */
  private static final Map<String, List<String[]>> RESOURCES =
      Map.of(
          "v1",
          List.of(
              new String[] {"Namespace", "namespaces", "false"},
              new String[] {"Service", "services", "true"},
              new String[] {"ServiceAccount", "serviceaccounts", "true"},
              new String[] {"Pod", "pods", "true"},
              new String[] {"Endpoints", "endpoints", "true"}),
          "apps/v1",
          List.<String[]>of(new String[] {"Deployment", "deployments", "true"}),
          "rbac.authorization.k8s.io/v1",
          List.of(
              new String[] {"Role", "roles", "true"},
              new String[] {"RoleBinding", "rolebindings", "true"}),
          "scheduling.k8s.io/v1",
          List.<String[]>of(new String[] {"PriorityClass", "priorityclasses", "false"}));

  /** kubectl adds its request timeout to discovery requests; either form is answered. */
  private static void answer(KubernetesApi api, String path, String body) {
    for (String query : List.of("", "?timeout=32s")) {
      api.server().expect().get().withPath(path + query).andReturn(200, body).always();
    }
  }

  static void serve(KubernetesApi api) {
    answer(api, "/api", "{\"kind\":\"APIVersions\",\"versions\":[\"v1\"]}");
    String groups =
        RESOURCES.keySet().stream()
            .filter(gv -> gv.contains("/"))
            .map(
                gv -> {
                  String group = gv.substring(0, gv.indexOf('/'));
                  String version = "{\"groupVersion\":\"" + gv + "\",\"version\":\"v1\"}";
                  return "{\"name\":\""
                      + group
                      + "\",\"versions\":["
                      + version
                      + "],\"preferredVersion\":"
                      + version
                      + "}";
                })
            .collect(Collectors.joining(","));
    answer(
        api,
        "/apis",
        "{\"kind\":\"APIGroupList\",\"apiVersion\":\"v1\",\"groups\":[" + groups + "]}");
    RESOURCES.forEach(
        (gv, kinds) -> {
          String resources =
              kinds.stream()
                  .map(
                      k ->
                          "{\"name\":\""
                              + k[1]
                              + "\",\"singularName\":\"\",\"namespaced\":"
                              + k[2]
                              + ",\"kind\":\""
                              + k[0]
                              + "\",\"verbs\":[\"create\",\"delete\",\"get\",\"list\",\"patch\","
                              + "\"update\",\"watch\"]}")
                  .collect(Collectors.joining(","));
          String path = gv.equals("v1") ? "/api/v1" : "/apis/" + gv;
          answer(
              api,
              path,
              "{\"kind\":\"APIResourceList\",\"apiVersion\":\"v1\",\"groupVersion\":\""
                  + gv
                  + "\",\"resources\":["
                  + resources
                  + "]}");
        });
  }
}
