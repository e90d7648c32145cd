# bigdata-lint as a container image: a static (musl) binary on distroless, nothing else.
#
#   docker build --build-arg BIGDATA_LINT_COMMIT="$(git log -1 --abbrev=7 --date=short --format='%h %cd')" \
#       -t bigdata-lint .
#   docker run --rm -v "$PWD:/src" bigdata-lint            # lints the mounted directory
#   docker run --rm -v "$PWD:/src" bigdata-lint --format sarif src/
#
# The image runs as distroless' unprivileged user (uid 65532): it reads any world-readable
# checkout. For --fix or --output, run it as the files' owner: `--user "$(id -u):$(id -g)"`.
# scripts/test-docker.sh builds and smoke-tests it where Docker runs, and lints it otherwise.

FROM rust:1.90-alpine AS build
# gcc and musl-dev: tree-sitter's parser is C, built and linked against musl; Alpine's toolchain makes
# a static binary by default. The Alpine packages follow the image's release, so no pins.
# hadolint ignore=DL3018
RUN apk add --no-cache gcc musl-dev
WORKDIR /build
COPY . .
# The commit `--version` names (`<hash> <YYYY-MM-DD>`): the build context has no .git.
ARG BIGDATA_LINT_COMMIT=""
ENV BIGDATA_LINT_COMMIT=${BIGDATA_LINT_COMMIT} \
    CARGO_PROFILE_RELEASE_STRIP=symbols
RUN cargo build --release --locked --bin bigdata-lint \
    && ./target/release/bigdata-lint --version

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /build/target/release/bigdata-lint /usr/local/bin/bigdata-lint
WORKDIR /src
ENTRYPOINT ["/usr/local/bin/bigdata-lint"]
