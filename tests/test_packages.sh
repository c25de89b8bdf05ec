#!/usr/bin/env bash
# The Debian packages, for real: CPack builds them from this build tree, dpkg installs them into
# a scratch root (not this PC's), and the installed files are checked and run.
# Usage: test_packages.sh BUILD_DIR
set -euo pipefail
build=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

(cd "$build" && cpack -G DEB -B "$work/debs" > "$work/cpack.log" 2>&1) || { cat "$work/cpack.log"; fail "cpack"; }
mapfile -t debs < <(ls "$work"/debs/*.deb)
[ ${#debs[@]} -eq 4 ] || fail "expected 4 packages, got: ${debs[*]}"
for name in ayllu-common ayllu-course ayllu-teacher ayllu-student; do
    ls "$work"/debs/${name}_*.deb > /dev/null || fail "no $name package"
done

# Dependencies are declared: libraries found by dpkg-shlibdeps, and our own packages.
depends() { dpkg-deb -f "$work"/debs/"$1"_*.deb Depends; }
depends ayllu-teacher | grep -q "libwxgtk3.2-1" || fail "teacher: no wx dependency: $(depends ayllu-teacher)"
depends ayllu-teacher | grep -q "ayllu-common (= " || fail "teacher: no ayllu-common dependency"
depends ayllu-student | grep -q "espeak-ng-data" || fail "student: no voices dependency"
depends ayllu-teacher | grep -q "wx3.2-i18n" || fail "teacher: no wx translations dependency"
depends ayllu-student | grep -q "libespeak-ng1" || fail "student: no speech library dependency"
depends ayllu-course | grep -q "libpoco" || fail "course tool: no Poco dependency"
[ "$(dpkg-deb -f "$work"/debs/ayllu-common_*.deb Architecture)" = all ] || fail "ayllu-common is not arch all"

# Install into a scratch root. Its dependencies are this PC's, hence --force-depends.
root="$work/root"
mkdir -p "$root/var/lib/dpkg/info" "$root/var/lib/dpkg/updates"
touch "$root/var/lib/dpkg/status"
dpkg --root="$root" --force-depends --force-not-root --log=/dev/null -i "${debs[@]}" > "$work/dpkg.log" 2>&1 \
    || { cat "$work/dpkg.log"; fail "dpkg -i"; }
dpkg --root="$root" -l | grep -q "^ii  ayllu-teacher" || fail "ayllu-teacher not installed"

usr="$root/usr"
for f in bin/ayllu-course bin/ayllu-sim bin/ayllu-teacher bin/ayllu-student \
         share/locale/es/LC_MESSAGES/ayllu.mo \
         share/applications/pe.ayllu.Teacher.desktop share/applications/pe.ayllu.Student.desktop \
         share/icons/hicolor/scalable/apps/pe.ayllu.Teacher.svg \
         share/icons/hicolor/scalable/apps/pe.ayllu.Student.svg \
         share/metainfo/pe.ayllu.Teacher.metainfo.xml share/metainfo/pe.ayllu.Student.metainfo.xml; do
    [ -e "$usr/$f" ] || fail "not installed: /usr/$f"
done

# The installed tool validates the installed courses.
courses=("$usr"/share/ayllu/courses/*.zip)
[ ${#courses[@]} -ge 6 ] || fail "bundled courses missing: ${courses[*]}"
for c in "${courses[@]}"; do
    "$usr/bin/ayllu-course" validate "$c" > "$work/validate.log" 2>&1 || { cat "$work/validate.log"; fail "validate $c"; }
done
echo "validated ${#courses[@]} installed courses with the installed ayllu-course"
# ... in Spanish from the installed catalog (found beside the installed program).
out=$(AYLLU_LANG=es "$usr/bin/ayllu-course" validate "$work/no-such-course" 2>&1 || true)
grep -q "no existe" <<< "$out" || fail "the installed tool did not speak Spanish: $out"

desktop-file-validate "$usr"/share/applications/*.desktop || fail "desktop-file-validate"
appstreamcli validate --no-net --pedantic "$usr"/share/metainfo/*.xml > "$work/appstream.log" 2>&1 \
    || { cat "$work/appstream.log"; fail "appstreamcli validate"; }
echo "packages OK: ${debs[*]##*/}"
