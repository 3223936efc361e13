# Shared by tools/quickstart and tools/run-tests: install what is missing, then build.
# tools/quickstart builds only the dsdsi binary; tools/run-tests builds everything (the test
# programs too) in the same build tree, reusing the binary's objects.
# Sourced, not run. Works as root on a fresh Debian 12 (or with sudo).

DSDSI_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DSDSI_BUILD=${DSDSI_BUILD:-$DSDSI_ROOT/build}
DSDSI_PACKAGES="cmake g++ make pkg-config libsimgrid-dev nlohmann-json3-dev libcli11-dev
  libspdlog-dev libgtest-dev python3 python3-matplotlib python3-pandas"

dsdsi_install_missing() {
  local missing=()
  for p in $DSDSI_PACKAGES; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "dsdsi: installing Debian packages: ${missing[*]}"
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "dsdsi: run as root or install sudo" >&2; return 1; }
    sudo="sudo"
  fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

# dsdsi_build [TARGET...]: configure (the same way for every caller, so tools/quickstart and
# tools/run-tests share one build tree and its objects), then build the given targets, or all.
dsdsi_build() {
  cmake -S "$DSDSI_ROOT" -B "$DSDSI_BUILD" -DCMAKE_BUILD_TYPE=${DSDSI_BUILD_TYPE:-Release} >/dev/null
  local targets=()
  [ $# -gt 0 ] && targets=(--target "$@")
  cmake --build "$DSDSI_BUILD" -j"$(nproc)" "${targets[@]}"
}
