# Sourced by scripts/build and scripts/package (not run on its own).
#
# build_folder_claim DIR: a build folder whose CMake cache was written for
# another source or build folder (a moved or copied checkout) makes cmake
# stop ("does not match the source ... used to generate cache"). Such a
# cache describes nothing here: say so and remove it (CMakeCache.txt and
# CMakeFiles/), so the next configure starts afresh. Options given once with
# -D on an earlier configure are not carried over: give them again.
build_folder_claim() {
  local dir=$1 cache=$1/CMakeCache.txt
  [ -f "$cache" ] || return 0
  local cached_source cached_build here_source here_build
  cached_source=$(sed -n 's/^CMAKE_HOME_DIRECTORY:INTERNAL=//p' "$cache")
  cached_build=$(sed -n 's/^CMAKE_CACHEFILE_DIR:INTERNAL=//p' "$cache")
  here_source=$(pwd -P)
  here_build=$(cd "$dir" && pwd -P)
  if [ "$(realpath -m -- "$cached_source")" = "$here_source" ] &&
     [ "$(realpath -m -- "$cached_build")" = "$here_build" ]; then
    return 0
  fi
  echo "$0: $dir was configured for ${cached_source:-an unknown source folder} (a moved or" \
       "copied checkout): configuring it afresh for $here_source" >&2
  rm -rf -- "$cache" "$dir/CMakeFiles"
}
