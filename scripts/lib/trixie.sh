# Sourced by scripts that take packages from Debian 13 (trixie) without
# installing them: an apt configuration of its own, in a scratch folder,
# pointed at the trixie suite of the Debian mirror this machine already uses.

# The first Debian archive URI configured for apt, in either sources format.
trixie_mirror() {
    local f
    for f in /etc/apt/sources.list.d/*.sources; do
        [ -f "$f" ] || continue
        awk '/^URIs:/ { for (i = 2; i <= NF; i++) if ($i !~ /security/) { print $i; exit } }' "$f"
    done | head -n 1 | grep . && return 0
    for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
        [ -f "$f" ] || continue
        awk '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i ~ /^[a-z]+:\/\//) { if ($i !~ /security/) print $i; break } }' "$f"
    done | head -n 1 | grep .
}

# trixie_apt WORKDIR KIND COMMAND...: runs apt-get COMMAND against trixie
# (KIND "deb" for binary packages, "deb-src" for sources) with its lists and
# cache under WORKDIR.
trixie_apt() {
    local work=$1 kind=$2 uri
    shift 2
    uri=$(trixie_mirror) || { echo "no Debian mirror found in /etc/apt" >&2; return 1; }
    mkdir -p "$work/lists/partial" "$work/cache/archives/partial"
    echo "$kind [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $uri trixie main" \
        >"$work/sources.list"
    local opts=(-o "Dir::Etc::SourceList=$work/sources.list" -o Dir::Etc::SourceParts=/dev/null
                -o "Dir::State::Lists=$work/lists" -o "Dir::Cache=$work/cache"
                -o Dir::State::status=/dev/null -o APT::Sandbox::User=root -qq)
    if [ ! -f "$work/updated" ]; then
        apt-get "${opts[@]}" update >&2 || return 1
        touch "$work/updated"
    fi
    apt-get "${opts[@]}" "$@"
}

# Where fetched packages are kept between runs.
azscan_cache() {
    echo "${AZSCAN_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/azscan}"
}
