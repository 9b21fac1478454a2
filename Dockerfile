# StarPunk for the JVM: build with `docker build -t starpunk .`
#
# Stage 1 builds the Spring Boot fat jar with the Maven wrapper and extracts it
# (application jar + lib/), which starts faster than the fat jar and keeps the
# dependencies in their own files for the AOT cache.
# Stage 2 is the JRE runtime. It trains a Java 25 AOT cache (JEP 483, 514) with
# one start of the application, from the same directory and jar path that the
# ENTRYPOINT uses; the cache is only accepted at run time when both match.

FROM eclipse-temurin:25-jdk AS build
WORKDIR /build

# Maven and the dependencies first, in their own layer: it is rebuilt only when
# pom.xml or the wrapper changes. The JDK image has neither curl, wget nor unzip;
# mvnw then fetches the Maven .tar.gz with a small Java downloader of its own.
COPY mvnw pom.xml ./
COPY .mvn/ .mvn/
RUN ./mvnw -B -q dependency:go-offline

COPY src/ src/
RUN ./mvnw -B -q -DskipTests package \
    && java -Djarmode=tools -jar target/starpunk-*.jar extract \
        --destination /app --application-filename app.jar

FROM eclipse-temurin:25-jre

# A fixed, unprivileged uid/gid, so that a bind-mounted data directory can be
# chown'ed to it on the host (chown -R 10001:10001 /path/to/data).
RUN groupadd --gid 10001 starpunk \
    && useradd --uid 10001 --gid 10001 --no-create-home --home-dir /nonexistent \
        --shell /usr/sbin/nologin starpunk \
    && mkdir /data \
    && chown 10001:10001 /data

WORKDIR /app
COPY --from=build /app/ /app/

# The training run: start the application on a throwaway, empty data directory
# (not /data, which must start empty), stop after the context refresh (the
# database is migrated by then; the web server is not started), and write the
# AOT cache. Its temporary files (SQLite's native library, Tomcat's work
# directory) go to the throwaway directory too, which is then removed. It is
# given a random password, never printed, so that it does not generate one and
# log it into the build output.
# The JVM options here must stay those of the ENTRYPOINT (except JAVA_OPTS).
RUN mkdir -p /tmp/aot-training/tmp \
    && ADMIN_PASSWORD="$(head -c 24 /dev/urandom | base64)" DATA_PATH=/tmp/aot-training \
        java -XX:AOTCacheOutput=app.aot -Xmx96m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 --enable-native-access=ALL-UNNAMED \
        -Djava.io.tmpdir=/tmp/aot-training/tmp \
        -Dspring.context.exit=onRefresh -jar app.jar \
    && rm -rf /tmp/aot-training \
    && test -s app.aot

# MALLOC_ARENA_MAX=2: glibc gives each thread that allocates natively (the JIT
# compilers, SQLite, Tomcat's workers) an arena of its own, up to 8 per core, and
# keeps what each arena once held; two arenas keep the native part of the JVM from
# growing with the threads a burst of requests wakes (the jar under the container
# test's load peaked at 253 MiB with it, 270 MiB without). The container test's
# server under a 256 MiB limit peaked at 226 MiB with it.
ENV DATA_PATH=/data \
    PORT=8080 \
    JAVA_OPTS="" \
    MALLOC_ARENA_MAX=2
VOLUME /data
EXPOSE 8080
USER 10001:10001

# The JRE image ships neither curl nor wget; bash's /dev/tcp speaks the HTTP/1.0
# request instead. Healthy means /health answered 200 on the port the server uses.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["bash", "-c", "exec 3<>\"/dev/tcp/127.0.0.1/${PORT:-8080}\" && printf 'GET /health HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && IFS= read -r -t 4 status <&3 && [[ $status == HTTP/1.[01]' 200'* ]]"]

# sh only expands JAVA_OPTS, then exec makes java PID 1, so that `docker stop`'s
# SIGTERM reaches it and the server shuts down gracefully. JAVA_OPTS is split at
# white space, without quotes or escapes and without file name expansion (set -f);
# an option whose value has spaces goes in JAVA_TOOL_OPTIONS, which the JVM reads
# itself (with quotes). Arguments given to `docker run IMAGE ...` are passed on to
# the application ("$@"), for example --migrate-only or --migrate-dry-run.
# -Xmx96m keeps the server small on a shared host, where the JVM would otherwise
# take a quarter of the host's memory for its heap. The rest of the JVM (classes,
# compiled code, threads, native buffers) takes about 140 MiB more, so the server
# stays inside a 256 MiB memory limit even when its heap is full.
# JAVA_OPTS comes after it and after -XX:AOTCache, so it can override both
# (JAVA_OPTS=-Xmx512m, JAVA_OPTS=-XX:AOTMode=off).
# The rest is sized for a small host and a 256 MiB limit: the serial collector (one
# thread, no G1 remembered sets: about 25 MiB less resident) and C1 only
# (-XX:TieredStopAtLevel=1): with C2's compilations of a burst of requests the server
# went past a 256 MiB limit (killed in the container test), at the cost of peak
# throughput (C2 answers the public pages from memory about half as fast again); a
# larger host can give it back with JAVA_OPTS=-XX:TieredStopAtLevel=4. The AOT cache
# above is trained with the same options, which it must match.
ENTRYPOINT ["sh", "-c", "set -f; exec java -XX:AOTCache=app.aot -Xmx96m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 --enable-native-access=ALL-UNNAMED $JAVA_OPTS -jar app.jar \"$@\"", "--"]
