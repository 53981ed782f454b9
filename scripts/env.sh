# Sourced by ./serveline and the bench scripts: finds a JDK >= 21 and the system tools Serveline needs,
# installing Debian packages where we are root and they are missing. Prints exactly what to do otherwise.

java_major() { "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}' | cut -d. -f1; }

serveline_find_jdk() {
  local candidate
  for candidate in "${JAVA_HOME:-}" $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do
    candidate=${candidate%/}
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    if [ "$(java_major "$candidate/bin/java")" -ge 21 ] 2>/dev/null; then
      export JAVA_HOME="$candidate"; export PATH="$JAVA_HOME/bin:$PATH"; return 0
    fi
  done
  echo "serveline: no JDK 21 or newer found (JAVA_HOME='${JAVA_HOME:-}', /usr/lib/jvm)." >&2
  echo "  Install one (for example Temurin 21/25) and set JAVA_HOME to it, then run this command again." >&2
  return 1
}

# serveline_need_tool COMMAND DEBIAN_PACKAGE
serveline_need_tool() {
  command -v "$1" >/dev/null 2>&1 && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "serveline: '$1' is missing; installing Debian package '$2'" >&2
    if [ -z "${SERVELINE_APT_UPDATED:-}" ]; then
      DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 && export SERVELINE_APT_UPDATED=1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$2" >&2 || true
  fi
  command -v "$1" >/dev/null 2>&1 && return 0
  echo "serveline: '$1' is needed. Install it with: sudo apt-get install $2" >&2
  return 1
}

# serveline_need_file PATH DEBIAN_PACKAGE: for what is not a command (fonts)
serveline_need_file() {
  [ -e "$1" ] && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "serveline: '$1' is missing; installing Debian package '$2'" >&2
    if [ -z "${SERVELINE_APT_UPDATED:-}" ]; then
      DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 && export SERVELINE_APT_UPDATED=1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$2" >&2 || true
  fi
  [ -e "$1" ] && return 0
  echo "serveline: '$1' is needed. Install it with: sudo apt-get install $2" >&2
  return 1
}

# Chinese fonts: WenQuanYi Zen Hei (TrueType) is embedded in the receipts and notices Serveline prints as PDF;
# Noto CJK is what the console's browser (and its screenshots in the tests) shows Chinese with.
serveline_tools() {
  serveline_need_tool ffmpeg ffmpeg && serveline_need_tool ffprobe ffmpeg \
    && serveline_need_tool espeak-ng espeak-ng && serveline_need_tool chromium chromium \
    && serveline_need_tool chromedriver chromium-driver \
    && serveline_need_file /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc fonts-wqy-zenhei \
    && serveline_need_file /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc fonts-noto-cjk
}

# MariaDB Galera (the cluster integration test and bench/cluster): Debian's mariadb-server, which pulls galera-4,
# rsync (the SST method) and socat. Only the binaries are wanted: the system service the package starts is stopped
# and disabled again, the cluster's members run from temporary datadirs (scripts/galera.sh).
serveline_galera_tools() {
  if command -v mariadbd >/dev/null 2>&1 && [ -e /usr/lib/galera/libgalera_smm.so ] && command -v rsync >/dev/null 2>&1; then
    return 0
  fi
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "serveline: MariaDB Galera is missing; installing Debian packages 'mariadb-server galera-4'" >&2
    if [ -z "${SERVELINE_APT_UPDATED:-}" ]; then
      DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 && export SERVELINE_APT_UPDATED=1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends mariadb-server galera-4 >&2 || true
    # stopped if the package started it, and not started at boot (systemd or sysvinit)
    if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
      systemctl disable --now mariadb >/dev/null 2>&1 || true
    else
      invoke-rc.d mariadb stop >/dev/null 2>&1 || service mariadb stop >/dev/null 2>&1 || true
      update-rc.d mariadb disable >/dev/null 2>&1 || true
      command -v systemctl >/dev/null 2>&1 && systemctl disable mariadb >/dev/null 2>&1 || true
    fi
  fi
  command -v mariadbd >/dev/null 2>&1 && [ -e /usr/lib/galera/libgalera_smm.so ] && command -v rsync >/dev/null 2>&1 && return 0
  echo "serveline: MariaDB Galera is needed. Install it with: sudo apt-get install mariadb-server galera-4" >&2
  echo "  (then stop the system service it starts: sudo systemctl disable --now mariadb)" >&2
  return 1
}
