#!/usr/bin/env bash
# Builds one container image per deployable, without Docker, as tarballs (docker-archive format: `docker load -i`,
# `podman load -i`, or `skopeo copy docker-archive:<tar> ...` to push or convert to an OCI layout):
#   1. the base (deploy/images/base: Java 17 runtime jlinked from this machine's JDK, its libraries, user 65532,
#      no shell) -> deploy/images/base/target/jib-image.tar
#   2. every service (quarkus-container-image-jib) and the CDC relay, topic provisioner, MLS simulator and provider
#      fakes (jib-maven-plugin) -> <module>/target/jib-image.tar
# Arguments are passed to Maven (e.g. -o for offline). Tests are skipped: run them with the normal build.
set -euo pipefail
cd "$(dirname "$0")/../.."
deploy/images/base/make-rootfs.sh
./mvnw -B -q -f deploy/images/base/pom.xml package "$@"
modules=api-gateway,lead-service,property-sync-service,workflow-service,scoring-service,notification-service
modules=$modules,platform/cdc-relay,platform/topic-provisioner,tools/mls-simulator,tools/provider-fakes
./mvnw -B -q package -Dimage -DskipTests -Djacoco.skip=true -pl "$modules" -am "$@"
printf '%-28s %10s  %s\n' image size tarball
for module in ${modules//,/ }; do
  tar="$module/target/jib-image.tar"
  printf '%-28s %10s  %s\n' "keystone-crm/$(basename "$module")" "$(du -h "$tar" | cut -f1)" "$tar"
done
