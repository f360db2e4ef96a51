# econb: JupyterLab with the "Go (econb)" kernel (GoNB + the econb library).
#
#   docker build -t econb .
#   docker run --rm -p 8888:8888 econb      # then open the printed URL
#
# mybinder.org (repo2docker) builds this file because the repository has no
# binder/ folder. It runs only commands CI runs (.ci/run → `go run ./kernel
# test`, which installs the kernel and replicates the notebooks), since no
# Docker engine is available where this project is developed.

# ---------------------------------------------------------------- base image
# Jupyter Docker Stacks base image: JupyterLab 4, user jovyan (uid 1000),
# start-notebook.py as the command (kept: no ENTRYPOINT/CMD override).
ARG BASE_IMAGE=quay.io/jupyter/base-notebook:2025-08-25
FROM ${BASE_IMAGE}

# ---------------------------------------------------------------- Go
ARG GO_VERSION=1.26.8
# Optional: the tarball's SHA-256 from https://go.dev/dl/ (checked when set).
ARG GO_SHA256=""
USER root
RUN set -eux; \
    arch="$(dpkg --print-architecture)"; \
    wget -q -O /tmp/go.tgz "https://go.dev/dl/go${GO_VERSION}.linux-${arch}.tar.gz"; \
    if [ -n "${GO_SHA256}" ]; then echo "${GO_SHA256}  /tmp/go.tgz" | sha256sum -c -; fi; \
    tar -C /usr/local -xzf /tmp/go.tgz; \
    rm /tmp/go.tgz
ENV PATH=/usr/local/go/bin:${PATH}

# ---------------------------------------------------------------- econb
# The repository lives in $HOME, owned by jovyan, as Binder expects.
USER ${NB_UID}
WORKDIR ${HOME}
COPY --chown=${NB_UID}:${NB_GID} . ${HOME}
# Build GoNB, goimports, gopls into ~/.local/share/econb/bin and write the
# kernelspec into ~/.local/share/jupyter/kernels/econb.
RUN GOFLAGS=-buildvcs=false go run ./kernel install --user
# Execute every notebook once: fails the build if one breaks, and warms Go's
# build cache so the first cell on Binder takes ~0.5 s instead of ~20 s.
RUN GOFLAGS=-buildvcs=false go run ./kernel replicate
