# Warnings and sanitizers as target properties, never as directory-wide flags.
option(DSDSI_SANITIZE "Build with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)
option(DSDSI_WERROR "Treat warnings as errors" OFF)

function(dsdsi_set_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic)
  if(DSDSI_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()

if(DSDSI_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
endif()
