# Install a Debian package the tests need, if it is missing: as root, or through sudo without a
# password. Source it, then: install_debian_package PACKAGE "what it is for"
install_debian_package() {
  local package=$1 purpose=$2 sudo=()
  if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      sudo=(sudo -n)
    else
      echo "$purpose needs the Debian package $package, and installing it needs root: run this" \
        "as root, or install it first (apt-get install -y $package)." >&2
      exit 1
    fi
  fi
  echo "Installing $package from Debian's packages ($purpose)…"
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$package" >/dev/null
}
