# Sextant's runnable jar on an Eclipse Temurin 25 JRE.
#
# The image packages the jar built on the host, so build that first:
#   ./mvnw -B -pl cli -am package -DskipTests      (or: ./sextant --version)
#   docker build -t ghcr.io/sextant-dev/sextant:0.1.0 .
#
# This file is not built in CI (there is no container engine there); a test checks that it runs the
# jar the build produces with the JVM flags of the ./sextant launcher.
FROM eclipse-temurin:25-jre

WORKDIR /app
COPY cli/target/sextant.jar /app/sextant.jar

# Any non-root user; the Kubernetes manifests run as 65532 too.
USER 65532:65532

# 8080 OpenAI proxy, 9002 ext_proc, 9003 grpc.health.v1, 9090 metrics and admin.
EXPOSE 8080 9002 9003 9090

# The heap follows the container's memory limit; override in the pod spec if needed.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75"

ENTRYPOINT ["java", "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow", "-XX:+UseCompactObjectHeaders", "-jar", "/app/sextant.jar"]
CMD ["--help"]
