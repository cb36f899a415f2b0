# bin/test.d/15-system-packages.sh — sourced by bin/test (in the background, while Maven builds): the
# Debian packages the suites need, in one apt-get call so that no two suites meet at dpkg's lock when
# they run side by side:
#   chromium, fonts-noto-cjk   40-ui (headless Chromium, Japanese glyphs), 50-notebooks (chart fonts)
#   wrk                        45-http-fuzz (load during the serving faults)
# Each suite still checks for what it needs when run alone. Needs root (as CI runs) or the packages
# already installed.
pr_system_packages() {
  local want=() p
  [ -x /usr/bin/chromium ] || want+=(chromium)
  fc-list : family 2>/dev/null | grep -qi "Noto Sans CJK" || want+=(fonts-noto-cjk)
  command -v wrk >/dev/null 2>&1 || want+=(wrk)
  if [ ${#want[@]} = 0 ]; then
    echo "system-packages: chromium, fonts-noto-cjk and wrk are installed"
    return 0
  fi
  if [ "$(id -u)" != 0 ]; then
    echo "system-packages: ${want[*]} missing and not root; install them (apt-get install ${want[*]})" >&2
    return 1
  fi
  echo "system-packages: installing ${want[*]} (apt-get)"
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${want[@]}" >/dev/null
  for p in "${want[@]}"; do echo "system-packages: $p installed"; done
}
pr_system_packages
