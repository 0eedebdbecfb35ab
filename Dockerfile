# syntax=docker/dockerfile:1.7
# Symphony's container image: every topology runs from it (`serve`, `migrate`, room pods, proxy).
#
#   docker build -t symphony:local .
#   docker run --rm -p 1234:1234 symphony:local            # single-node, ws://localhost:1234/<room>
#
# Configuration comes from SYMPHONY_* environment variables (SYMPHONY_CATALOG, SYMPHONY_STORE,
# SYMPHONY_S3_ENDPOINT, SYMPHONY_REDIS, SYMPHONY_TOPOLOGY, ...). The process runs as the non-root user
# 10001 and writes only under /data (embedded storage, update log) and /tmp.

ARG JAVA_VERSION=25

# --- build: the same Maven command the ./symphony launcher runs --------------------------------------
FROM eclipse-temurin:${JAVA_VERSION}-jdk AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -ntp -DskipTests -Dspotless.skip=true -pl cli -am package \
 && test -f cli/target/symphony-cli.jar \
 && test -d cli/target/lib

# --- runtime: JRE only --------------------------------------------------------------------------------
FROM eclipse-temurin:${JAVA_VERSION}-jre AS runtime

LABEL org.opencontainers.image.title="Symphony" \
      org.opencontainers.image.description="Self-hosted, y-websocket-compatible real-time collaboration server"

RUN groupadd --system --gid 10001 symphony \
 && useradd --system --uid 10001 --gid symphony --home-dir /opt/symphony --shell /usr/sbin/nologin symphony \
 && mkdir -p /data \
 && chown symphony:symphony /data

WORKDIR /opt/symphony
COPY --from=build /src/cli/target/lib/ cli/target/lib/
COPY --from=build /src/cli/target/symphony-cli.jar cli/target/symphony-cli.jar

ENV SYMPHONY_HOST=0.0.0.0 \
    SYMPHONY_PORT=1234 \
    SYMPHONY_DATA_DIR=/data

USER 10001:10001
EXPOSE 1234

# /healthz on the WebSocket port, with bash alone (no curl in the image).
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${SYMPHONY_PORT:-1234} && printf 'GET /healthz HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]

# The JVM sizes its heap from the container's memory limit; an OutOfMemoryError ends the process so
# the orchestrator restarts it instead of leaving it half-alive.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-cp", "cli/target/symphony-cli.jar:cli/target/lib/*", "dev.symphony.cli.SymphonyCli"]
CMD ["serve"]
