# Warnings and sanitizers as target properties, never as directory-wide flags.
option(DSDSI_SANITIZE "Build with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)
option(DSDSI_WERROR "Treat warnings as errors" OFF)

function(dsdsi_set_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic)
  if(DSDSI_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()

option(DSDSI_FUZZ "Build the libFuzzer targets (clang only; implies ASan and UBSan)" OFF)

# tools/check-sanitizers builds with DSDSI_SANITIZE in its own folder and runs the suite;
# tools/fuzz builds with DSDSI_FUZZ. UBSan stops at the first report, so that a test fails.
if(DSDSI_SANITIZE OR DSDSI_FUZZ)
  add_compile_options(-fsanitize=address,undefined -fno-sanitize-recover=all
                      -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined -fno-sanitize-recover=all)
  # SimGrid's fast context switches confuse ASan (a false stack-buffer-overflow at the first
  # exception thrown inside an actor): a sanitizer build simulates with thread contexts.
  add_compile_definitions(DSDSI_SANITIZER_BUILD)
endif()
if(DSDSI_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "DSDSI_FUZZ needs clang (libFuzzer): -DCMAKE_CXX_COMPILER=clang++")
  endif()
  add_compile_options(-fsanitize=fuzzer-no-link)
endif()
