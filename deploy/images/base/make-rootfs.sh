#!/usr/bin/env bash
# Builds the root filesystem of the CRM images' base (keystone-crm/jre-base): a jlinked Java 17 runtime from the
# build machine's JDK, the shared libraries it links against (glibc, zlib, ...) copied from the build machine, a
# non-root user 65532, /tmp, and the health probe. No shell, no package manager: what "distroless" images hold,
# made from the JDK and the Debian libraries at hand because no container registry is reachable here.
# Output: deploy/images/base/target/rootfs (jib-maven-plugin then packs it as an image, see pom.xml).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
rootfs="$here/target/rootfs"
java_home=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}
modules=java.se,jdk.unsupported,jdk.crypto.ec,jdk.crypto.cryptoki,jdk.zipfs,jdk.management,jdk.management.agent,jdk.naming.dns,jdk.net,jdk.jfr,jdk.httpserver,jdk.localedata

rm -rf "$rootfs"
mkdir -p "$here/target/classes" "$rootfs/opt" "$rootfs/etc" "$rootfs/tmp" "$rootfs/home/nonroot" "$rootfs/opt/keystone/healthcheck"
"$java_home/bin/jlink" --add-modules "$modules" --include-locales en,de,fr,es \
  --strip-debug --no-man-pages --no-header-files --compress=2 --output "$rootfs/opt/java"
# Debian's JDK links cacerts to /etc/ssl/certs/java/cacerts: take the file itself
cp --remove-destination "$(readlink -f "$java_home/lib/security/cacerts")" "$rootfs/opt/java/lib/security/cacerts"
# X11 and splash-screen libraries: never loaded by a headless server, and their X libraries are not wanted
rm -f "$rootfs"/opt/java/lib/{libawt_xawt.so,libsplashscreen.so,libjawt.so}

# every shared library the runtime needs from the system, and the dynamic loader
find "$rootfs/opt/java" -type f \( -name '*.so' -o -path '*/bin/*' \) -print0 \
  | xargs -0 ldd 2>/dev/null \
  | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }' \
  | grep -v "^$rootfs" | sort -u \
  | while read -r lib; do
      mkdir -p "$rootfs$(dirname "$lib")"
      cp -L "$lib" "$rootfs$lib"
    done

cat > "$rootfs/etc/passwd" <<'PASSWD'
root:x:0:0:root:/root:/sbin/nologin
nonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin
PASSWD
cat > "$rootfs/etc/group" <<'GROUP'
root:x:0:
nonroot:x:65532:
GROUP
printf 'hosts: files dns\n' > "$rootfs/etc/nsswitch.conf"

"$java_home/bin/javac" --release 17 -d "$rootfs/opt/keystone/healthcheck" "$here/HealthCheck.java"
echo "rootfs: $(du -sh "$rootfs" | cut -f1) in $rootfs"
