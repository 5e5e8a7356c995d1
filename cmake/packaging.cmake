# Debian packages with CPack (docs/packaging.md): after a shared Release build,
#   cmake -S . -B build-deb -G Ninja -DCMAKE_BUILD_TYPE=Release -DBUILD_SHARED_LIBS=ON \
#         -DSDSPROFILE_BUILD_TESTS=OFF -DCMAKE_INSTALL_PREFIX=/usr && cmake --build build-deb
#   (cd build-deb && cpack -G DEB)
# gives one package per install component: sdsprofile (the CLI, its man page and help text),
# libsdsprofile0 (the shared library) and libsdsprofile-dev (headers, CMake package, pkg-config
# file, JSON schemas). Their dependencies on other packages (libsimdjson14, libfmt9, libc6, ...)
# are computed by dpkg-shlibdeps from the binaries; those among the three are the exact version.

set(CPACK_PACKAGE_NAME "sdsprofile")
set(CPACK_PACKAGE_VENDOR "sdsprofile")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_HOMEPAGE_URL "${PROJECT_HOMEPAGE_URL}")
set(CPACK_PACKAGE_CONTACT "sdsprofile maintainers <${PROJECT_HOMEPAGE_URL}/issues>")
set(CPACK_RESOURCE_FILE_LICENSE "${PROJECT_SOURCE_DIR}/LICENSE")
set(CPACK_PACKAGING_INSTALL_PREFIX "${CMAKE_INSTALL_PREFIX}")

set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL cli library development)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION "devel")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# The CLI needs libsdsprofile.so.0 of this build, which no installed package provides yet:
# dpkg-shlibdeps finds it here and the component dependency below names its package.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS_PRIVATE_DIRS "${PROJECT_BINARY_DIR}/lib")
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS ON)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS_POLICY "=")
set(CPACK_DEBIAN_ENABLE_COMPONENT_DEPENDS ON)

set(CPACK_DEBIAN_CLI_PACKAGE_NAME "sdsprofile")
set(CPACK_DEBIAN_CLI_PACKAGE_SECTION "utils")
set(CPACK_DEBIAN_CLI_DESCRIPTION
    "The command-line tool: sdsprofile check FILE... reports what the service would\nreject or change, with positions, in text, JSON Lines, SARIF or GitHub annotations;\ncheck-csv checks a CSV upload folder; expand, fix, explain and schema too.")
set(CPACK_COMPONENT_CLI_DEPENDS library)

set(CPACK_DEBIAN_LIBRARY_PACKAGE_NAME "libsdsprofile0")
set(CPACK_DEBIAN_LIBRARY_PACKAGE_SECTION "libs")
set(CPACK_DEBIAN_LIBRARY_DESCRIPTION
    "The shared library: the C and C++ library behind the sdsprofile command.")

set(CPACK_DEBIAN_DEVELOPMENT_PACKAGE_NAME "libsdsprofile-dev")
set(CPACK_DEBIAN_DEVELOPMENT_PACKAGE_SECTION "libdevel")
set(CPACK_DEBIAN_DEVELOPMENT_DESCRIPTION
    "The development files: headers of the C and C++ API, the CMake package\n(find_package(sdsprofile)), the pkg-config file and the JSON schemas.")
set(CPACK_COMPONENT_DEVELOPMENT_DEPENDS library)

include(CPack)
